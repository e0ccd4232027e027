// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title L2ToL1MessagePasser (devnet)
/// @notice Stand-in for the OP Stack predeploy at 0x4200000000000000000000000000000000000016
///         (contracts-bedrock src/L2/L2ToL1MessagePasser.sol): the same storage layout (sentMessages at slot 0), versioned
///         nonce, MessagePassed event and Hashing.hashWithdrawal. The devnet copies its runtime code to the predeploy
///         address with anvil_setCode (no constructor runs there, so it has no constructor state). Left out: burn().
contract L2ToL1MessagePasser {
    uint256 internal constant RECEIVE_DEFAULT_GAS_LIMIT = 100_000;
    uint16 public constant MESSAGE_VERSION = 1;

    mapping(bytes32 => bool) public sentMessages;
    uint240 internal msgNonce;

    event MessagePassed(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 value,
        uint256 gasLimit,
        bytes data,
        bytes32 withdrawalHash
    );

    receive() external payable {
        initiateWithdrawal(msg.sender, RECEIVE_DEFAULT_GAS_LIMIT, bytes(""));
    }

    function initiateWithdrawal(address _target, uint256 _gasLimit, bytes memory _data) public payable {
        bytes32 withdrawalHash = keccak256(abi.encode(messageNonce(), msg.sender, _target, msg.value, _gasLimit, _data));
        sentMessages[withdrawalHash] = true;
        emit MessagePassed(messageNonce(), msg.sender, _target, msg.value, _gasLimit, _data, withdrawalHash);
        unchecked {
            ++msgNonce;
        }
    }

    function messageNonce() public view returns (uint256) {
        return (uint256(MESSAGE_VERSION) << 240) | uint256(msgNonce);
    }
}
