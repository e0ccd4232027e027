// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Devnet stand-ins for Linea's message service (Consensys/linea-monorepo contracts/src/messaging: l1/L1MessageService,
// l2/L2MessageService, interfaces/IMessageService.sol, libraries/MessageHashing.sol): the same sendMessage,
// claimMessage (L2) and claimMessageWithProof (L1) ABIs, the same MessageSent and MessageClaimed events, and the same
// message hash, computed on chain on both sides: keccak256(abi.encode(_from, _to, _fee, _valueSent, _messageNumber,
// _calldata)) (MessageHashing._hashMessage). Left out: the rolling hashes, rate limits, pausing, roles and proxies,
// the L2 minimum fee, and every proof (see each contract).

abstract contract LineaMessageServiceStandIn {
    /// @notice IMessageService's sender() outside a claim (MessageServiceBase: DEFAULT_SENDER_ADDRESS).
    address internal constant DEFAULT_SENDER_ADDRESS = address(123456789);

    address internal _messageSender = DEFAULT_SENDER_ADDRESS;

    /// @notice The number of the next message sent (its _nonce).
    uint256 public nextMessageNumber = 1;

    event MessageSent(
        address indexed _from,
        address indexed _to,
        uint256 _fee,
        uint256 _value,
        uint256 _nonce,
        bytes _calldata,
        bytes32 indexed _messageHash
    );
    event MessageClaimed(bytes32 indexed _messageHash);

    error ValueSentTooLow();
    error ZeroAddressNotAllowed();
    error MessageSendingFailed(address destination);
    error FeePaymentFailed(address recipient);

    /// @notice The original sender of the message being claimed (IMessageService.sender).
    function sender() external view returns (address) {
        return _messageSender;
    }

    /// @notice IMessageService.sendMessage: msg.value = _fee + the value delivered on the other layer.
    function sendMessage(address _to, uint256 _fee, bytes calldata _calldata) external payable {
        if (_to == address(0)) revert ZeroAddressNotAllowed();
        if (_fee > msg.value) revert ValueSentTooLow();
        uint256 valueSent = msg.value - _fee;
        uint256 messageNumber = nextMessageNumber++;
        bytes32 messageHash = _hashMessage(msg.sender, _to, _fee, valueSent, messageNumber, _calldata);
        emit MessageSent(msg.sender, _to, _fee, valueSent, messageNumber, _calldata, messageHash);
    }

    function _hashMessage(address _from, address _to, uint256 _fee, uint256 _value, uint256 _nonce, bytes calldata _calldata)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(_from, _to, _fee, _value, _nonce, _calldata));
    }

    /// @dev The claim's delivery: a failing call reverts the whole claim with the callee's reason (Linea has no failed-claim
    ///      event; the message stays claimable). The fee goes to _feeRecipient, or to the claimer when it is zero.
    function _deliver(address _from, address _to, uint256 _fee, uint256 _value, address payable _feeRecipient, bytes calldata _calldata) internal {
        _messageSender = _from;
        (bool callSuccess, bytes memory returnData) = _to.call{ value: _value }(_calldata);
        if (!callSuccess) {
            if (returnData.length > 0) {
                assembly {
                    revert(add(32, returnData), mload(returnData))
                }
            }
            revert MessageSendingFailed(_to);
        }
        _messageSender = DEFAULT_SENDER_ADDRESS;
        if (_fee > 0) {
            address feeReceiver = _feeRecipient == address(0) ? msg.sender : _feeRecipient;
            (bool feePaid,) = feeReceiver.call{ value: _fee }("");
            if (!feePaid) revert FeePaymentFailed(feeReceiver);
        }
    }

    /// @dev The escrow of sent ETH; also topped up by the devnet (ETH bridged before the devnet started).
    receive() external payable { }
}

/// @title LineaRollup's message service (devnet)
/// @notice Sends L1->L2 messages and claims L2->L1 ones. DIFFERENCE: claimMessageWithProof does NOT check the Merkle proof
///         (there is no finalized L2 state, no anchored L2 Merkle root on the devnet); the devnet claims only after a
///         compressed wait standing for the source block's finalization. Like the real one it refuses a message number
///         claimed twice (the real contract's claimed-bitmap).
contract LineaRollupMessageService is LineaMessageServiceStandIn {
    struct ClaimMessageWithProofParams {
        bytes32[] proof;
        uint256 messageNumber;
        uint32 leafIndex;
        address from;
        address to;
        uint256 fee;
        uint256 value;
        address payable feeRecipient;
        bytes32 merkleRoot;
        bytes data;
    }

    error MessageAlreadyClaimed(uint256 messageIndex);

    mapping(uint256 => bool) public isMessageClaimed;

    function claimMessageWithProof(ClaimMessageWithProofParams calldata _params) external {
        if (isMessageClaimed[_params.messageNumber]) revert MessageAlreadyClaimed(_params.messageNumber);
        isMessageClaimed[_params.messageNumber] = true;
        bytes32 messageHash =
            _hashMessage(_params.from, _params.to, _params.fee, _params.value, _params.messageNumber, _params.data);
        _deliver(_params.from, _params.to, _params.fee, _params.value, _params.feeRecipient, _params.data);
        emit MessageClaimed(messageHash);
    }
}

/// @title L2MessageService (devnet)
/// @notice Sends L2->L1 messages and claims L1->L2 ones with the real rule: a message is claimable only once its hash
///         has been anchored on L2 (the coordinator's anchorL1L2MessageHashes; the devnet plays the coordinator, the
///         deployer being the only one allowed), and only once. DIFFERENCE: anchorL1L2MessageHashes takes only the
///         hashes (the real one also takes the message number range and the rolling hash it checks).
///         Like the real predeploy it holds the ETH it pays out (funded at deployment).
contract LineaL2MessageService is LineaMessageServiceStandIn {
    uint8 internal constant INBOX_STATUS_UNKNOWN = 0;
    uint8 internal constant INBOX_STATUS_RECEIVED = 1;
    uint8 internal constant INBOX_STATUS_CLAIMED = 2;

    /// @notice The coordinator (L1_L2_MESSAGE_SETTER_ROLE in Linea).
    address public immutable messageSetter;

    mapping(bytes32 => uint8) public inboxL1L2MessageStatus;

    event L1L2MessageHashesAddedToInbox(bytes32[] messageHashes);

    error MessageDoesNotExistOrHasAlreadyBeenClaimed(bytes32 messageHash);
    error CallerIsNotMessageSetter(address caller);

    constructor() {
        messageSetter = msg.sender;
    }

    function anchorL1L2MessageHashes(bytes32[] calldata _messageHashes) external {
        if (msg.sender != messageSetter) revert CallerIsNotMessageSetter(msg.sender);
        for (uint256 i = 0; i < _messageHashes.length; i++) {
            if (inboxL1L2MessageStatus[_messageHashes[i]] == INBOX_STATUS_UNKNOWN) {
                inboxL1L2MessageStatus[_messageHashes[i]] = INBOX_STATUS_RECEIVED;
            }
        }
        emit L1L2MessageHashesAddedToInbox(_messageHashes);
    }

    function claimMessage(
        address _from,
        address _to,
        uint256 _fee,
        uint256 _value,
        address payable _feeRecipient,
        bytes calldata _calldata,
        uint256 _nonce
    ) external {
        bytes32 messageHash = _hashMessage(_from, _to, _fee, _value, _nonce, _calldata);
        if (inboxL1L2MessageStatus[messageHash] != INBOX_STATUS_RECEIVED) revert MessageDoesNotExistOrHasAlreadyBeenClaimed(messageHash);
        inboxL1L2MessageStatus[messageHash] = INBOX_STATUS_CLAIMED;
        _deliver(_from, _to, _fee, _value, _feeRecipient, _calldata);
        emit MessageClaimed(messageHash);
    }
}
