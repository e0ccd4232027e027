// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title CrossDomainMessenger (devnet)
/// @notice Stand-in for the OP Stack CrossDomainMessenger base (contracts-bedrock src/universal/CrossDomainMessenger.sol):
///         the same sendMessage / relayMessage ABI, SentMessage / SentMessageExtension1 / RelayedMessage /
///         FailedRelayedMessage events, versioned nonce, Hashing.hashCrossDomainMessageV1 message hash, baseGas formula
///         and replay rules (a first delivery comes from the other messenger, a replay from anyone, without value, only
///         for a message that failed before). Left out: pausing, custom gas tokens, legacy (version 0) messages, the
///         proxy/initializer machinery, the EIP-7623 calldata floor in baseGas.
abstract contract CrossDomainMessenger {
    uint16 public constant MESSAGE_VERSION = 1;
    uint64 public constant RELAY_CONSTANT_OVERHEAD = 200_000;
    uint64 public constant MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR = 64;
    uint64 public constant MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR = 63;
    uint64 public constant MIN_GAS_CALLDATA_OVERHEAD = 16;
    uint64 public constant RELAY_CALL_OVERHEAD = 40_000;
    uint64 public constant RELAY_RESERVED_GAS = 40_000;
    uint64 public constant RELAY_GAS_CHECK_BUFFER = 5_000;

    /// @notice Constants.DEFAULT_L2_SENDER: the cross-domain sender while no message executes.
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;

    mapping(bytes32 => bool) public successfulMessages;
    address internal xDomainMsgSender = DEFAULT_L2_SENDER;
    uint240 internal msgNonce;
    mapping(bytes32 => bool) public failedMessages;
    address public otherMessenger;

    event SentMessage(address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit);
    event SentMessageExtension1(address indexed sender, uint256 value);
    event RelayedMessage(bytes32 indexed msgHash);
    event FailedRelayedMessage(bytes32 indexed msgHash);

    function sendMessage(address _target, bytes calldata _message, uint32 _minGasLimit) external payable {
        _sendMessage(
            otherMessenger,
            baseGas(_message, _minGasLimit),
            msg.value,
            abi.encodeWithSelector(this.relayMessage.selector, messageNonce(), msg.sender, _target, msg.value, _minGasLimit, _message)
        );
        emit SentMessage(_target, msg.sender, _message, messageNonce(), _minGasLimit);
        emit SentMessageExtension1(msg.sender, msg.value);
        unchecked {
            ++msgNonce;
        }
    }

    function relayMessage(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    ) external payable {
        require(_nonce >> 240 == 1, "CrossDomainMessenger: only version 1 messages are supported on the devnet");
        bytes32 versionedHash = keccak256(
            abi.encodeWithSelector(this.relayMessage.selector, _nonce, _sender, _target, _value, _minGasLimit, _message)
        );
        if (_isOtherMessenger()) {
            assert(msg.value == _value);
            assert(!failedMessages[versionedHash]);
        } else {
            require(msg.value == 0, "CrossDomainMessenger: value must be zero unless message is from a system address");
            require(failedMessages[versionedHash], "CrossDomainMessenger: message cannot be replayed");
        }

        require(!_isUnsafeTarget(_target), "CrossDomainMessenger: cannot send message to blocked system address");
        require(!successfulMessages[versionedHash], "CrossDomainMessenger: message has already been relayed");

        if (!_hasMinGas(_minGasLimit, RELAY_RESERVED_GAS + RELAY_GAS_CHECK_BUFFER) || xDomainMsgSender != DEFAULT_L2_SENDER) {
            failedMessages[versionedHash] = true;
            emit FailedRelayedMessage(versionedHash);
            return;
        }

        xDomainMsgSender = _sender;
        (bool success,) = _target.call{ gas: gasleft() - RELAY_RESERVED_GAS, value: _value }(_message);
        xDomainMsgSender = DEFAULT_L2_SENDER;
        _recordOutcome(versionedHash, success);
    }

    function xDomainMessageSender() external view returns (address) {
        require(xDomainMsgSender != DEFAULT_L2_SENDER, "CrossDomainMessenger: xDomainMessageSender is not set");
        return xDomainMsgSender;
    }

    function messageNonce() public view returns (uint256) {
        return _versioned(msgNonce);
    }

    function baseGas(bytes calldata _message, uint32 _minGasLimit) public pure returns (uint64) {
        return RELAY_CONSTANT_OVERHEAD + (uint64(_message.length) * MIN_GAS_CALLDATA_OVERHEAD)
            + ((_minGasLimit * MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR) / MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR) + RELAY_CALL_OVERHEAD
            + RELAY_RESERVED_GAS + RELAY_GAS_CHECK_BUFFER;
    }

    function _recordOutcome(bytes32 _versionedHash, bool _success) internal {
        if (_success) {
            assert(!successfulMessages[_versionedHash]);
            successfulMessages[_versionedHash] = true;
            emit RelayedMessage(_versionedHash);
        } else {
            failedMessages[_versionedHash] = true;
            emit FailedRelayedMessage(_versionedHash);
        }
    }

    function _versioned(uint240 _nonce) internal pure returns (uint256) {
        return (uint256(MESSAGE_VERSION) << 240) | uint256(_nonce);
    }

    /// @notice SafeCall.hasMinGas: gas * 63 >= minGas * 64 + 63 * (40_000 + reservedGas).
    function _hasMinGas(uint256 _minGas, uint256 _reservedGas) internal view returns (bool) {
        return gasleft() * 63 >= (_minGas * 64) + (63 * (40_000 + _reservedGas));
    }

    function _sendMessage(address _to, uint64 _gasLimit, uint256 _value, bytes memory _data) internal virtual;

    function _isOtherMessenger() internal view virtual returns (bool);

    function _isUnsafeTarget(address _target) internal view virtual returns (bool);
}
