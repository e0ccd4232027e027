// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title L1CrossDomainMessenger (devnet)
/// @notice Stand-in for the OP Stack L1CrossDomainMessenger: same sendMessage ABI, same SentMessage /
///         SentMessageExtension1 events, same versioned nonce (version 1 in the top two bytes).
///         There is no OptimismPortal here: the devnet relayer reads these events and relays them on the L2.
///         The SentMessage gasLimit is the caller's minGasLimit, exactly what the real contract emits
///         (the real baseGas() only sizes the portal deposit, it never appears in SentMessage).
contract L1CrossDomainMessenger {
    uint16 public constant MESSAGE_VERSION = 1;

    /// @notice Chain id of the L2 this messenger sends to (one L1 messenger per L2, as on mainnet).
    uint256 public immutable l2ChainId;

    /// @notice Next message nonce without the version bits.
    uint240 internal msgNonce;

    event SentMessage(address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit);
    event SentMessageExtension1(address indexed sender, uint256 value);

    constructor(uint256 _l2ChainId) {
        l2ChainId = _l2ChainId;
    }

    /// @notice The nonce the next message gets, with the message version applied.
    function messageNonce() public view returns (uint256) {
        return _versioned(msgNonce);
    }

    function sendMessage(address _target, bytes calldata _message, uint32 _minGasLimit) external payable {
        emit SentMessage(_target, msg.sender, _message, _versioned(msgNonce), _minGasLimit);
        emit SentMessageExtension1(msg.sender, msg.value);
        unchecked {
            ++msgNonce;
        }
    }

    /// @notice Benchmark helper: sends `_count` identical messages (consecutive nonces) in one transaction,
    ///         each carrying msg.value / _count. Emits exactly 2 * _count logs.
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

    function _versioned(uint240 _nonce) private pure returns (uint256) {
        return (uint256(MESSAGE_VERSION) << 240) | uint256(_nonce);
    }
}
