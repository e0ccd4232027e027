// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Devnet stand-ins for Arbitrum's L1 contracts (OffchainLabs/nitro-contracts src/bridge): Bridge, Inbox, Outbox.
// Events, function ABIs, the delayed-inbox accumulator, the inbox message packing and the outbox item hash are the real
// ones; what a devnet cannot have is left out and said so where it happens (no sequencer inbox, no rollup assertions or
// Merkle proofs, no proxies or pausing, no allow list, no native-token (ERC20) rollups).

/// @notice nitro-contracts src/libraries/AddressAliasHelper.sol.
library ArbitrumAddressAlias {
    uint160 internal constant OFFSET = uint160(0x1111000000000000000000000000000000001111);

    function applyL1ToL2Alias(address l1Address) internal pure returns (address l2Address) {
        unchecked {
            l2Address = address(uint160(l1Address) + OFFSET);
        }
    }
}

/// @title ArbitrumBridge (devnet)
/// @notice Stand-in for nitro-contracts Bridge.sol: the delayed-inbox accumulator and the ETH escrow. enqueueDelayedMessage
///         and its MessageDelivered event are the real ones (Messages.messageHash / accumulateInboxMessage, baseFeeL1 =
///         block.basefee); executeCall lets an allowed outbox spend the escrow. No sequencer inbox.
contract ArbitrumBridge {
    struct InOutInfo {
        uint256 index;
        bool allowed;
    }

    /// @notice The account playing the rollup (and its owner): it allows inboxes and outboxes.
    address public immutable rollup;

    mapping(address => InOutInfo) private allowedDelayedInboxesMap;
    mapping(address => InOutInfo) private allowedOutboxesMap;
    address[] public allowedDelayedInboxList;
    address[] public allowedOutboxList;
    bytes32[] public delayedInboxAccs;
    address private _activeOutbox;

    event MessageDelivered(
        uint256 indexed messageIndex,
        bytes32 indexed beforeInboxAcc,
        address inbox,
        uint8 kind,
        address sender,
        bytes32 messageDataHash,
        uint256 baseFeeL1,
        uint64 timestamp
    );
    event BridgeCallTriggered(address indexed outbox, address indexed to, uint256 value, bytes data);
    event InboxToggle(address indexed inbox, bool enabled);
    event OutboxToggle(address indexed outbox, bool enabled);

    error NotDelayedInbox(address sender);
    error NotOutbox(address sender);
    error NotContract(address addr);
    error NotRollupOrOwner(address sender, address rollup, address owner);

    constructor() {
        rollup = msg.sender;
    }

    modifier onlyRollupOrOwner() {
        if (msg.sender != rollup) revert NotRollupOrOwner(msg.sender, rollup, rollup);
        _;
    }

    function allowedDelayedInboxes(address inbox) external view returns (bool) {
        return allowedDelayedInboxesMap[inbox].allowed;
    }

    function allowedOutboxes(address outbox) external view returns (bool) {
        return allowedOutboxesMap[outbox].allowed;
    }

    function activeOutbox() external view returns (address) {
        return _activeOutbox;
    }

    function delayedMessageCount() external view returns (uint256) {
        return delayedInboxAccs.length;
    }

    function setDelayedInbox(address inbox, bool enabled) external onlyRollupOrOwner {
        emit InboxToggle(inbox, enabled);
        if (allowedDelayedInboxesMap[inbox].allowed == enabled) return;
        if (enabled) {
            allowedDelayedInboxesMap[inbox] = InOutInfo(allowedDelayedInboxList.length, true);
            allowedDelayedInboxList.push(inbox);
        } else {
            uint256 index = allowedDelayedInboxesMap[inbox].index;
            allowedDelayedInboxList[index] = allowedDelayedInboxList[allowedDelayedInboxList.length - 1];
            allowedDelayedInboxesMap[allowedDelayedInboxList[index]].index = index;
            allowedDelayedInboxList.pop();
            delete allowedDelayedInboxesMap[inbox];
        }
    }

    function setOutbox(address outbox, bool enabled) external onlyRollupOrOwner {
        emit OutboxToggle(outbox, enabled);
        if (allowedOutboxesMap[outbox].allowed == enabled) return;
        if (enabled) {
            allowedOutboxesMap[outbox] = InOutInfo(allowedOutboxList.length, true);
            allowedOutboxList.push(outbox);
        } else {
            uint256 index = allowedOutboxesMap[outbox].index;
            allowedOutboxList[index] = allowedOutboxList[allowedOutboxList.length - 1];
            allowedOutboxesMap[allowedOutboxList[index]].index = index;
            allowedOutboxList.pop();
            delete allowedOutboxesMap[outbox];
        }
    }

    /// @notice Bridge.enqueueDelayedMessage: appends to the delayed accumulator and emits MessageDelivered. The ETH sent
    ///         along stays here (the escrow).
    function enqueueDelayedMessage(uint8 kind, address sender, bytes32 messageDataHash) external payable returns (uint256) {
        if (!allowedDelayedInboxesMap[msg.sender].allowed) revert NotDelayedInbox(msg.sender);
        uint256 count = delayedInboxAccs.length;
        uint64 blockNumber = uint64(block.number);
        uint64 blockTimestamp = uint64(block.timestamp);
        uint256 baseFeeL1 = block.basefee;
        // Messages.messageHash, then Messages.accumulateInboxMessage.
        bytes32 messageHash =
            keccak256(abi.encodePacked(kind, sender, blockNumber, blockTimestamp, count, baseFeeL1, messageDataHash));
        bytes32 prevAcc = count > 0 ? delayedInboxAccs[count - 1] : bytes32(0);
        delayedInboxAccs.push(keccak256(abi.encodePacked(prevAcc, messageHash)));
        emit MessageDelivered(count, prevAcc, msg.sender, kind, sender, messageDataHash, baseFeeL1, blockTimestamp);
        return count;
    }

    /// @notice Bridge.executeCall: an allowed outbox makes the L1 call of an L2-to-L1 message with the escrowed ETH.
    function executeCall(address to, uint256 value, bytes calldata data) external returns (bool success, bytes memory returnData) {
        if (!allowedOutboxesMap[msg.sender].allowed) revert NotOutbox(msg.sender);
        if (data.length > 0 && to.code.length == 0) revert NotContract(to);
        address prevOutbox = _activeOutbox;
        _activeOutbox = msg.sender;
        (success, returnData) = to.call{ value: value }(data);
        _activeOutbox = prevOutbox;
        emit BridgeCallTriggered(msg.sender, to, value, data);
    }

    /// @dev Escrow top-up by the rollup account (stands for ETH deposited before the devnet started).
    receive() external payable onlyRollupOrOwner { }
}

/// @title ArbitrumInbox (devnet)
/// @notice Stand-in for nitro-contracts Inbox.sol (ETH rollup): depositEth (L1 message kind 12) and createRetryableTicket /
///         unsafeCreateRetryableTicket (kind 9) with the real checks and the real packing (AbsInbox._createRetryableTicket,
///         Inbox.depositEth) and the real InboxMessageDelivered event. The sender handed to the bridge is aliased
///         (Inbox._deliverToBridge). Left out: sendL2Message and the other L2_MSG kinds, pausing, the allow list, the
///         RetryableData magic values (gasLimit or maxFeePerGas of 1), the classic-era entry points.
contract ArbitrumInbox {
    uint8 internal constant L1MessageType_submitRetryableTx = 9;
    uint8 internal constant L1MessageType_ethDeposit = 12;

    ArbitrumBridge public immutable bridge;

    /// @notice nitro-contracts src/libraries/Constants.sol MAX_DATA_SIZE (90% of Geth's 128KB tx size limit).
    uint256 public constant maxDataSize = 117964;

    event InboxMessageDelivered(uint256 indexed messageNum, bytes data);

    error DataTooLarge(uint256 dataLength, uint256 maxDataLength);
    error GasLimitTooLarge();
    error InsufficientValue(uint256 expected, uint256 actual);
    error InsufficientSubmissionCost(uint256 expected, uint256 actual);

    constructor(ArbitrumBridge _bridge) {
        bridge = _bridge;
    }

    /// @notice Inbox.depositEth: the deposit goes to msg.sender on L2 (its alias when called by a contract).
    function depositEth() public payable returns (uint256) {
        address dest = msg.sender;
        if (msg.sender.code.length > 0 || tx.origin != msg.sender) {
            dest = ArbitrumAddressAlias.applyL1ToL2Alias(msg.sender);
        }
        return _deliverMessage(L1MessageType_ethDeposit, msg.sender, abi.encodePacked(dest, msg.value), msg.value);
    }

    function createRetryableTicket(
        address to,
        uint256 l2CallValue,
        uint256 maxSubmissionCost,
        address excessFeeRefundAddress,
        address callValueRefundAddress,
        uint256 gasLimit,
        uint256 maxFeePerGas,
        bytes calldata data
    ) external payable returns (uint256) {
        // AbsInbox._createRetryableTicket: the deposit alone must pay for the submission and the execution.
        if (msg.value < (maxSubmissionCost + l2CallValue + gasLimit * maxFeePerGas)) {
            revert InsufficientValue(maxSubmissionCost + l2CallValue + gasLimit * maxFeePerGas, msg.value);
        }
        // Refund addresses that are contracts are aliased, so they can reach their funds on L2.
        if (excessFeeRefundAddress.code.length > 0) {
            excessFeeRefundAddress = ArbitrumAddressAlias.applyL1ToL2Alias(excessFeeRefundAddress);
        }
        if (callValueRefundAddress.code.length > 0) {
            callValueRefundAddress = ArbitrumAddressAlias.applyL1ToL2Alias(callValueRefundAddress);
        }
        return unsafeCreateRetryableTicket(
            to, l2CallValue, maxSubmissionCost, excessFeeRefundAddress, callValueRefundAddress, gasLimit, maxFeePerGas, data
        );
    }

    /// @notice AbsInbox._unsafeCreateRetryableTicket: packs the kind-9 message (nine words, then the data).
    function unsafeCreateRetryableTicket(
        address to,
        uint256 l2CallValue,
        uint256 maxSubmissionCost,
        address excessFeeRefundAddress,
        address callValueRefundAddress,
        uint256 gasLimit,
        uint256 maxFeePerGas,
        bytes calldata data
    ) public payable returns (uint256) {
        if (gasLimit > type(uint64).max) revert GasLimitTooLarge();
        uint256 submissionFee = calculateRetryableSubmissionFee(data.length, block.basefee);
        if (maxSubmissionCost < submissionFee) revert InsufficientSubmissionCost(submissionFee, maxSubmissionCost);
        return _deliverMessage(
            L1MessageType_submitRetryableTx,
            msg.sender,
            abi.encodePacked(
                uint256(uint160(to)),
                l2CallValue,
                msg.value,
                maxSubmissionCost,
                uint256(uint160(excessFeeRefundAddress)),
                uint256(uint160(callValueRefundAddress)),
                gasLimit,
                maxFeePerGas,
                data.length,
                data
            ),
            msg.value
        );
    }

    /// @notice Inbox.calculateRetryableSubmissionFee.
    function calculateRetryableSubmissionFee(uint256 dataLength, uint256 baseFee) public view returns (uint256) {
        return (1400 + 6 * dataLength) * (baseFee == 0 ? block.basefee : baseFee);
    }

    function _deliverMessage(uint8 kind, address sender, bytes memory messageData, uint256 amount) internal returns (uint256) {
        if (messageData.length > maxDataSize) revert DataTooLarge(messageData.length, maxDataSize);
        uint256 msgNum =
            bridge.enqueueDelayedMessage{ value: amount }(kind, ArbitrumAddressAlias.applyL1ToL2Alias(sender), keccak256(messageData));
        emit InboxMessageDelivered(msgNum, messageData);
        return msgNum;
    }
}

/// @title ArbitrumOutbox (devnet)
/// @notice Stand-in for nitro-contracts Outbox.sol (AbsOutbox): executeTransaction with the real ABI, item hash
///         (calculateItemHash), spent bitmap, OutBoxTransactionExecuted event and L2-to-L1 context, spending the bridge's
///         escrow through Bridge.executeCall. DIFFERENCES: there are no rollup assertions and no Merkle proofs (the proof
///         argument is ignored). Instead the account playing the rollup records each send's item hash (recordSend), and
///         the challenge window is enforced on chain from the send's own L2 timestamp: executeTransaction reverts with
///         ChallengeWindowNotPassed until block.timestamp >= l2Timestamp + challengeWindowSeconds (compressed on the
///         devnet: seconds instead of ~6.4 days of confirmPeriodBlocks).
contract ArbitrumOutbox {
    address public immutable rollup;
    ArbitrumBridge public immutable bridge;

    /// @notice The devnet's compressed challenge window (mainnet: confirmPeriodBlocks 45818 L1 blocks, ~6.4 days).
    uint256 public immutable challengeWindowSeconds;

    mapping(uint256 => bytes32) public spent;
    /// @notice Leaf index => item hash, as the rollup stand-in recorded it (the real outbox knows send roots instead).
    mapping(uint256 => bytes32) public sends;

    address private _l2ToL1Sender;
    uint256 private _l2ToL1Block;
    uint256 private _l2ToL1EthBlock;
    uint256 private _l2ToL1Timestamp;
    bytes32 private _l2ToL1OutputId;

    event OutBoxTransactionExecuted(address indexed to, address indexed l2Sender, uint256 indexed zero, uint256 transactionIndex);
    /// @notice Devnet-only: a send recorded by the rollup stand-in (no real counterpart; not a bridge event).
    event SendRecorded(uint256 indexed index, bytes32 indexed item);

    error NotRollup(address sender, address rollup);
    error UnknownRoot(bytes32 root);
    error AlreadySpent(uint256 index);
    error BridgeCallFailed();
    error ChallengeWindowNotPassed(uint256 finalizableAt, uint256 timestamp);

    constructor(ArbitrumBridge _bridge, uint256 _challengeWindowSeconds) {
        rollup = msg.sender;
        bridge = _bridge;
        challengeWindowSeconds = _challengeWindowSeconds;
    }

    function recordSend(uint256 index, bytes32 item) external {
        if (msg.sender != rollup) revert NotRollup(msg.sender, rollup);
        sends[index] = item;
        emit SendRecorded(index, item);
    }

    function l2ToL1Sender() external view returns (address) {
        return _l2ToL1Sender;
    }

    function l2ToL1Block() external view returns (uint256) {
        return _l2ToL1Block;
    }

    function l2ToL1EthBlock() external view returns (uint256) {
        return _l2ToL1EthBlock;
    }

    function l2ToL1Timestamp() external view returns (uint256) {
        return _l2ToL1Timestamp;
    }

    function l2ToL1OutputId() external view returns (bytes32) {
        return _l2ToL1OutputId;
    }

    function isSpent(uint256 index) external view returns (bool) {
        return (spent[index / 255] >> (index % 255)) & bytes32(uint256(1)) != bytes32(0);
    }

    function executeTransaction(
        bytes32[] calldata, /* proof: not checked on the devnet */
        uint256 index,
        address l2Sender,
        address to,
        uint256 l2Block,
        uint256 l1Block,
        uint256 l2Timestamp,
        uint256 value,
        bytes calldata data
    ) external {
        _recordOutputAsSpent(index, calculateItemHash(l2Sender, to, l2Block, l1Block, l2Timestamp, value, data), l2Timestamp);
        emit OutBoxTransactionExecuted(to, l2Sender, 0, index);
        _executeBridgeCall(index, l2Sender, to, l2Block, l1Block, l2Timestamp, value, data);
    }

    function _recordOutputAsSpent(uint256 index, bytes32 item, uint256 l2Timestamp) private {
        if (sends[index] != item) revert UnknownRoot(item);
        if (block.timestamp < l2Timestamp + challengeWindowSeconds) {
            revert ChallengeWindowNotPassed(l2Timestamp + challengeWindowSeconds, block.timestamp);
        }
        uint256 spentIndex = index / 255;
        uint256 bitOffset = index % 255;
        bytes32 replay = spent[spentIndex];
        if ((replay >> bitOffset) & bytes32(uint256(1)) != bytes32(0)) revert AlreadySpent(index);
        spent[spentIndex] = replay | bytes32(1 << bitOffset);
    }

    // AbsOutbox.executeTransactionImpl + executeBridgeCall: the L2-to-L1 context is set around the call (storage here,
    // transient storage there) and a failed call reverts the whole execution, so the message stays unspent.
    function _executeBridgeCall(
        uint256 index,
        address l2Sender,
        address to,
        uint256 l2Block,
        uint256 l1Block,
        uint256 l2Timestamp,
        uint256 value,
        bytes calldata data
    ) private {
        address prevSender = _l2ToL1Sender;
        uint256 prevL2Block = _l2ToL1Block;
        uint256 prevL1Block = _l2ToL1EthBlock;
        uint256 prevTimestamp = _l2ToL1Timestamp;
        bytes32 prevOutputId = _l2ToL1OutputId;
        _l2ToL1Sender = l2Sender;
        _l2ToL1Block = l2Block;
        _l2ToL1EthBlock = l1Block;
        _l2ToL1Timestamp = l2Timestamp;
        _l2ToL1OutputId = bytes32(index);
        (bool success, bytes memory returndata) = bridge.executeCall(to, value, data);
        _l2ToL1Sender = prevSender;
        _l2ToL1Block = prevL2Block;
        _l2ToL1EthBlock = prevL1Block;
        _l2ToL1Timestamp = prevTimestamp;
        _l2ToL1OutputId = prevOutputId;
        if (!success) {
            if (returndata.length > 0) {
                assembly {
                    revert(add(32, returndata), mload(returndata))
                }
            }
            revert BridgeCallFailed();
        }
    }

    /// @notice AbsOutbox.calculateItemHash: the leaf ArbSys logged as L2ToL1Tx's `hash`.
    function calculateItemHash(
        address l2Sender,
        address to,
        uint256 l2Block,
        uint256 l1Block,
        uint256 l2Timestamp,
        uint256 value,
        bytes calldata data
    ) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(l2Sender, to, l2Block, l1Block, l2Timestamp, value, data));
    }
}
