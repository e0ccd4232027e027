// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title MessageTarget (devnet)
/// @notice Receiver of devnet cross-domain messages. Its owner (the relayer) can block a message tag so the
///         relay of that message fails (FailedRelayedMessage), then unblock it so a replay succeeds.
contract MessageTarget {
    address public immutable owner;
    mapping(uint256 => bool) public blocked;

    constructor(address _owner) {
        owner = _owner;
    }

    function setBlocked(uint256 _tag, bool _blocked) external {
        require(msg.sender == owner, "MessageTarget: only owner");
        blocked[_tag] = _blocked;
    }

    function receiveMessage(uint256 _tag, bytes calldata) external payable {
        require(!blocked[_tag], "MessageTarget: blocked");
    }

    receive() external payable { }
}
