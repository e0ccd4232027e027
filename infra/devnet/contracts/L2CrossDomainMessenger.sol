// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title L2CrossDomainMessenger (devnet)
/// @notice Stand-in for the OP Stack L2CrossDomainMessenger's relay side: same relayMessage ABI, the same
///         message hash (Hashing.hashCrossDomainMessageV1: keccak256 of the relayMessage call data) and the same
///         RelayedMessage / FailedRelayedMessage events and replay rules. On a real L2 the first relay comes from
///         the aliased L1 messenger through a deposit transaction; here a designated relayer account plays that role.
contract L2CrossDomainMessenger {
    /// @notice Gas kept back when calling the target so the relay can always record the outcome.
    uint256 public constant RELAY_RESERVED_GAS = 40_000;

    uint256 public immutable l1ChainId;
    address public immutable relayer;

    /// @notice Messages relayed successfully; they can never be relayed again.
    mapping(bytes32 => bool) public successfulMessages;
    /// @notice Messages whose call failed at least once; anyone may replay them (without value).
    mapping(bytes32 => bool) public failedMessages;

    event RelayedMessage(bytes32 indexed msgHash);
    event FailedRelayedMessage(bytes32 indexed msgHash);

    struct Message {
        uint256 nonce;
        address sender;
        address target;
        uint256 value;
        uint256 minGasLimit;
    }

    constructor(uint256 _l1ChainId, address _relayer) {
        l1ChainId = _l1ChainId;
        relayer = _relayer;
    }

    function relayMessage(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    ) external payable {
        bool firstDelivery = msg.sender == relayer;
        if (firstDelivery) {
            require(msg.value == _value, "L2CrossDomainMessenger: value mismatch");
        } else {
            require(msg.value == 0, "L2CrossDomainMessenger: value must be zero unless sent by the relayer");
        }
        _relay(Message(_nonce, _sender, _target, _value, _minGasLimit), _message, firstDelivery, gasleft() - RELAY_RESERVED_GAS);
    }

    /// @notice Benchmark helper for the relayer: relays the `_count` messages that
    ///         L1CrossDomainMessenger.sendMessageBatch emitted (consecutive nonces from `_firstNonce`).
    ///         Each target call gets exactly `_minGasLimit` gas. Emits exactly `_count` logs.
    function relayMessageBatch(
        uint256 _firstNonce,
        uint256 _count,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    ) external payable {
        require(msg.sender == relayer, "L2CrossDomainMessenger: only the relayer can batch");
        require(msg.value == _value * _count, "L2CrossDomainMessenger: value mismatch");
        Message memory m = Message(_firstNonce, _sender, _target, _value, _minGasLimit);
        for (uint256 i = 0; i < _count; i++) {
            m.nonce = _firstNonce + i;
            _relay(m, _message, true, _minGasLimit);
        }
    }

    function _relay(Message memory _m, bytes calldata _message, bool _firstDelivery, uint256 _callGas) private {
        require(_m.nonce >> 240 == 1, "L2CrossDomainMessenger: only version 1 messages are supported");
        bytes32 msgHash = keccak256(
            abi.encodeWithSignature(
                "relayMessage(uint256,address,address,uint256,uint256,bytes)",
                _m.nonce,
                _m.sender,
                _m.target,
                _m.value,
                _m.minGasLimit,
                _message
            )
        );
        if (_firstDelivery) {
            require(!failedMessages[msgHash], "L2CrossDomainMessenger: message already delivered, replay it");
        } else {
            require(failedMessages[msgHash], "L2CrossDomainMessenger: message cannot be replayed");
        }
        require(!successfulMessages[msgHash], "L2CrossDomainMessenger: message has already been relayed");

        (bool success,) = _m.target.call{ gas: _callGas, value: _m.value }(_message);
        if (success) {
            successfulMessages[msgHash] = true;
            emit RelayedMessage(msgHash);
        } else {
            failedMessages[msgHash] = true;
            emit FailedRelayedMessage(msgHash);
        }
    }
}
