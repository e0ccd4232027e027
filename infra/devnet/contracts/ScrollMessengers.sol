// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Devnet stand-ins for Scroll's messengers (scroll-tech/scroll-contracts src/L1/L1ScrollMessenger.sol,
// src/L2/L2ScrollMessenger.sol, src/libraries/ScrollMessengerBase.sol, IScrollMessenger.sol): the same sendMessage /
// relayMessage / relayMessageWithProof / replayMessage ABIs, the same SentMessage, RelayedMessage and
// FailedRelayedMessage events, and the same message hash, computed on chain on both sides: keccak256 of the
// relayMessage(address,address,uint256,uint256,bytes) call data (ScrollMessengerBase._encodeXDomainCalldata).
// Left out: the L1/L2 message queues (nonces are counters here), fees and the fee vault, pausing, proxies, dropMessage.

abstract contract ScrollMessengerStandIn {
    /// @notice ScrollConstants.DEFAULT_XDOMAIN_MESSAGE_SENDER.
    address internal constant DEFAULT_XDOMAIN_MESSAGE_SENDER = address(1);

    address public xDomainMessageSender = DEFAULT_XDOMAIN_MESSAGE_SENDER;

    /// @notice Stand-in for the message queue's next index (L1MessageQueueV2.nextCrossDomainMessageIndex /
    ///         L2MessageQueue.nextMessageIndex): the nonce of the next SentMessage.
    uint256 public nextMessageNonce;

    /// @notice Message hash => when it was sent (both messengers keep this).
    mapping(bytes32 => uint256) public messageSendTimestamp;

    event SentMessage(
        address indexed sender, address indexed target, uint256 value, uint256 messageNonce, uint256 gasLimit, bytes message
    );
    event RelayedMessage(bytes32 indexed messageHash);
    event FailedRelayedMessage(bytes32 indexed messageHash);

    modifier notInExecution() {
        require(xDomainMessageSender == DEFAULT_XDOMAIN_MESSAGE_SENDER, "Message is already in execution");
        _;
    }

    function _encodeXDomainCalldata(address _sender, address _target, uint256 _value, uint256 _messageNonce, bytes memory _message)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature(
            "relayMessage(address,address,uint256,uint256,bytes)", _sender, _target, _value, _messageNonce, _message
        );
    }

    function _send(address _to, uint256 _value, bytes memory _message, uint256 _gasLimit) internal returns (bytes32 hash) {
        uint256 nonce = nextMessageNonce++;
        hash = keccak256(_encodeXDomainCalldata(msg.sender, _to, _value, nonce, _message));
        require(messageSendTimestamp[hash] == 0, "Duplicated message");
        messageSendTimestamp[hash] = block.timestamp;
        emit SentMessage(msg.sender, _to, _value, nonce, _gasLimit, _message);
    }

    /// @dev ScrollMessengerBase / L2ScrollMessenger._executeMessage: a failed call emits FailedRelayedMessage and leaves
    ///      the message executable again.
    function _execute(address _from, address _to, uint256 _value, bytes memory _message, bytes32 _hash) internal returns (bool success) {
        require(_to != address(this), "Forbid to call self");
        require(_from != xDomainMessageSender, "Invalid message sender");
        xDomainMessageSender = _from;
        (success,) = _to.call{ value: _value }(_message);
        xDomainMessageSender = DEFAULT_XDOMAIN_MESSAGE_SENDER;
        if (success) {
            emit RelayedMessage(_hash);
        } else {
            emit FailedRelayedMessage(_hash);
        }
    }
}

/// @title L1ScrollMessenger (devnet)
/// @notice Sends L1->L2 messages (SentMessage; the ETH value stays here), replays them (replayMessage: in Scroll it
///         re-enqueues the same message in the L1 message queue with a new gas limit; here it only checks and counts, and
///         the devnet relayer delivers it again on L2) and relays L2->L1 messages. DIFFERENCE: relayMessageWithProof does
///         NOT check the proof (no ScrollChain, no finalized batches, no withdraw root on the devnet); the proof argument
///         keeps the real ABI and is ignored.
contract L1ScrollMessenger is ScrollMessengerStandIn {
    struct L2MessageProof {
        uint256 batchIndex;
        bytes merkleProof;
    }

    struct ReplayState {
        uint128 times;
        uint128 lastIndex;
    }

    uint256 public constant maxReplayTimes = 3;

    mapping(bytes32 => bool) public isL2MessageExecuted;
    mapping(bytes32 => ReplayState) public replayStates;

    function sendMessage(address _to, uint256 _value, bytes memory _message, uint256 _gasLimit) external payable {
        require(msg.value >= _value, "Insufficient msg.value");
        _send(_to, _value, _message, _gasLimit);
    }

    function sendMessage(address _to, uint256 _value, bytes memory _message, uint256 _gasLimit, address) external payable {
        require(msg.value >= _value, "Insufficient msg.value");
        _send(_to, _value, _message, _gasLimit);
    }

    function relayMessageWithProof(
        address _from,
        address _to,
        uint256 _value,
        uint256 _nonce,
        bytes memory _message,
        L2MessageProof memory /* _proof: not verified on the devnet */
    ) external notInExecution {
        bytes32 hash = keccak256(_encodeXDomainCalldata(_from, _to, _value, _nonce, _message));
        require(!isL2MessageExecuted[hash], "Message was already successfully executed");
        if (_execute(_from, _to, _value, _message, hash)) {
            isL2MessageExecuted[hash] = true;
        }
    }

    function replayMessage(
        address _from,
        address _to,
        uint256 _value,
        uint256 _messageNonce,
        bytes memory _message,
        uint32, /* _newGasLimit */
        address /* _refundAddress */
    ) external payable notInExecution {
        bytes32 hash = keccak256(_encodeXDomainCalldata(_from, _to, _value, _messageNonce, _message));
        require(messageSendTimestamp[hash] > 0, "Provided message has not been enqueued");
        ReplayState memory state = replayStates[hash];
        require(state.times < maxReplayTimes, "Exceed maximum replay times");
        state.times += 1;
        state.lastIndex = uint128(nextMessageNonce++);
        replayStates[hash] = state;
    }

    /// @dev The escrow of L1->L2 ETH; also topped up by the devnet (ETH bridged before the devnet started).
    receive() external payable { }
}

/// @title L2ScrollMessenger (devnet)
/// @notice Relays L1->L2 messages with the real access rule: the caller must be the aliased L1ScrollMessenger
///         (undoL1ToL2Alias(msg.sender) == counterpart), as Scroll's L1 message transactions are; the devnet sends them
///         from that address by impersonation. A failed call emits FailedRelayedMessage and can be relayed again after a
///         replay; a successful one never again. Sends L2->L1 messages (msg.value must equal the value). Like the real
///         predeploy it holds the ETH it pays out (funded at deployment).
contract L2ScrollMessenger is ScrollMessengerStandIn {
    uint160 internal constant ALIAS_OFFSET = uint160(0x1111000000000000000000000000000000001111);

    /// @notice The L1ScrollMessenger on the other side.
    address public immutable counterpart;

    mapping(bytes32 => bool) public isL1MessageExecuted;

    constructor(address _counterpart) {
        counterpart = _counterpart;
    }

    function sendMessage(address _to, uint256 _value, bytes calldata _message, uint256 _gasLimit) external payable {
        require(msg.value == _value, "msg.value mismatch");
        _send(_to, _value, _message, _gasLimit);
    }

    function sendMessage(address _to, uint256 _value, bytes calldata _message, uint256 _gasLimit, address) external payable {
        require(msg.value == _value, "msg.value mismatch");
        _send(_to, _value, _message, _gasLimit);
    }

    function relayMessage(address _from, address _to, uint256 _value, uint256 _nonce, bytes calldata _message) external {
        address unaliased;
        unchecked {
            unaliased = address(uint160(msg.sender) - ALIAS_OFFSET);
        }
        require(unaliased == counterpart, "Caller is not L1ScrollMessenger");
        bytes32 hash = keccak256(_encodeXDomainCalldata(_from, _to, _value, _nonce, _message));
        require(!isL1MessageExecuted[hash], "Message was already successfully executed");
        if (_execute(_from, _to, _value, _message, hash)) {
            isL1MessageExecuted[hash] = true;
        }
    }

    receive() external payable { }
}
