// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import { CrossDomainMessenger } from "./CrossDomainMessenger.sol";

interface IOptimismPortal {
    function depositTransaction(address _to, uint256 _value, uint64 _gasLimit, bool _isCreation, bytes memory _data) external payable;
    function l2Sender() external view returns (address);
}

/// @title L1CrossDomainMessenger (devnet)
/// @notice Stand-in for the OP Stack L1CrossDomainMessenger (contracts-bedrock src/L1/L1CrossDomainMessenger.sol): sends
///         through its OptimismPortal exactly as the real one (depositTransaction to the L2 messenger with the relayMessage
///         call data and baseGas), and relays L2 -> L1 messages when the portal finalizes a withdrawal whose L2 sender is
///         the L2 messenger. The other messenger is set once by the deployer (the real one has a proxy initializer).
contract L1CrossDomainMessenger is CrossDomainMessenger {
    /// @notice Chain id of the L2 this messenger sends to (one L1 messenger per L2, as on mainnet).
    uint256 public immutable l2ChainId;
    IOptimismPortal public immutable portal;
    address internal immutable deployer;

    constructor(uint256 _l2ChainId, address _portal) {
        l2ChainId = _l2ChainId;
        portal = IOptimismPortal(_portal);
        deployer = msg.sender;
    }

    function initialize(address _otherMessenger) external {
        require(msg.sender == deployer && otherMessenger == address(0), "L1CrossDomainMessenger: already initialized");
        otherMessenger = _otherMessenger;
    }

    /// @notice Benchmark helper: sends `_count` identical messages (consecutive nonces) in one transaction, each carrying
    ///         msg.value / _count. Emits exactly 2 * _count logs: only the messenger's, without the portal deposits
    ///         (the benchmark measures log throughput; its relays come from relayMessageBatch).
    function sendMessageBatch(address _target, bytes calldata _message, uint32 _minGasLimit, uint256 _count)
        external
        payable
        returns (uint256 firstNonce)
    {
        require(_count > 0, "L1CrossDomainMessenger: empty batch");
        require(msg.value % _count == 0, "L1CrossDomainMessenger: value not divisible by count");
        uint256 valueEach = msg.value / _count;
        uint240 next = msgNonce;
        firstNonce = _versioned(next);
        for (uint256 i = 0; i < _count; i++) {
            emit SentMessage(_target, msg.sender, _message, _versioned(next), _minGasLimit);
            emit SentMessageExtension1(msg.sender, valueEach);
            unchecked {
                ++next;
            }
        }
        msgNonce = next;
    }

    function _sendMessage(address _to, uint64 _gasLimit, uint256 _value, bytes memory _data) internal override {
        portal.depositTransaction{ value: _value }(_to, _value, _gasLimit, false, _data);
    }

    function _isOtherMessenger() internal view override returns (bool) {
        return msg.sender == address(portal) && portal.l2Sender() == otherMessenger;
    }

    function _isUnsafeTarget(address _target) internal view override returns (bool) {
        return _target == address(this) || _target == address(portal);
    }
}
