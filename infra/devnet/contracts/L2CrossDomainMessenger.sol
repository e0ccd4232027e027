// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import { CrossDomainMessenger } from "./CrossDomainMessenger.sol";

interface IL2ToL1MessagePasser {
    function initiateWithdrawal(address _target, uint256 _gasLimit, bytes memory _data) external payable;
}

/// @title L2CrossDomainMessenger (devnet)
/// @notice Stand-in for the OP Stack L2CrossDomainMessenger (contracts-bedrock src/L2/L2CrossDomainMessenger.sol): a first
///         delivery is a deposit transaction from the aliased L1 messenger (AddressAliasHelper), exactly as op-node derives
///         it from the portal's TransactionDeposited; sends go through the L2ToL1MessagePasser predeploy. Unlike the real
///         one it is not at the 0x4200...0007 predeploy (it is deployed normally) and it keeps a benchmark-only batch relay.
contract L2CrossDomainMessenger is CrossDomainMessenger {
    address public constant MESSAGE_PASSER = 0x4200000000000000000000000000000000000016;
    uint160 internal constant ALIAS_OFFSET = uint160(0x1111000000000000000000000000000000001111);

    uint256 public immutable l1ChainId;

    /// @notice The only account allowed to call relayMessageBatch (benchmarks).
    address public immutable benchRelayer;

    constructor(uint256 _l1ChainId, address _otherMessenger, address _benchRelayer) {
        l1ChainId = _l1ChainId;
        otherMessenger = _otherMessenger;
        benchRelayer = _benchRelayer;
    }

    /// @notice Benchmark helper: relays the `_count` messages that L1CrossDomainMessenger.sendMessageBatch emitted
    ///         (consecutive nonces from `_firstNonce`). Each target call gets exactly `_minGasLimit` gas. Emits exactly
    ///         `_count` logs. Not part of the real messenger: the benchmark's stand-in for a run of deposit transactions.
    function relayMessageBatch(
        uint256 _firstNonce,
        uint256 _count,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    ) external payable {
        require(msg.sender == benchRelayer, "L2CrossDomainMessenger: only the bench relayer can batch");
        require(msg.value == _value * _count, "L2CrossDomainMessenger: value mismatch");
        for (uint256 i = 0; i < _count; i++) {
            bytes32 versionedHash = keccak256(
                abi.encodeWithSelector(this.relayMessage.selector, _firstNonce + i, _sender, _target, _value, _minGasLimit, _message)
            );
            require(!successfulMessages[versionedHash] && !failedMessages[versionedHash], "L2CrossDomainMessenger: already relayed");
            (bool success,) = _target.call{ gas: _minGasLimit, value: _value }(_message);
            _recordOutcome(versionedHash, success);
        }
    }

    function _sendMessage(address _to, uint64 _gasLimit, uint256 _value, bytes memory _data) internal override {
        IL2ToL1MessagePasser(MESSAGE_PASSER).initiateWithdrawal{ value: _value }(_to, _gasLimit, _data);
    }

    /// @notice AddressAliasHelper.undoL1ToL2Alias(msg.sender) == otherMessenger.
    function _isOtherMessenger() internal view override returns (bool) {
        unchecked {
            return address(uint160(msg.sender) - ALIAS_OFFSET) == otherMessenger;
        }
    }

    function _isUnsafeTarget(address _target) internal view override returns (bool) {
        return _target == address(this) || _target == MESSAGE_PASSER;
    }
}
