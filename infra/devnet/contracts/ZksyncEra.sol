// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Devnet stand-ins for zkSync Era's bridge path (matter-labs/era-contracts): on L1 the diamond's Mailbox facet
// (state-transition/chain-deps/facets/Mailbox.sol) and the withdrawal finalization (bridge/L1Nullifier.sol ->
// L1AssetRouter -> L1NativeTokenVault, collapsed into one contract); on L2 the system contracts the bridge touches,
// run at their real addresses by anvil_setCode: the bootloader (0x8001; Yul in Era), L1Messenger (0x8008) and
// L2BaseToken (0x800A). The events and the keys are the real ones: NewPriorityRequest / NewPriorityRequestId with
// canonicalTxHash = keccak256(abi.encode(L2CanonicalTransaction)) (Mailbox._validateTx), the bootloader's L2->L1 status
// log keyed by that hash, L1MessageSent with _hash = keccak256(_message), L2BaseToken's finalizeEthWithdrawal message,
// and BridgeMint(chainId, assetId, receiver, amount) with assetId = encodeNTVAssetId(L1 chain id, ETH_TOKEN_ADDRESS).
// Left out: fees and base cost, the priority tree, batches and their proofs (see each contract), ERC20s, Gateway.

/// @dev era-contracts common/Messaging.sol.
struct L2CanonicalTransaction {
    uint256 txType;
    uint256 from;
    uint256 to;
    uint256 gasLimit;
    uint256 gasPerPubdataByteLimit;
    uint256 maxFeePerGas;
    uint256 maxPriorityFeePerGas;
    uint256 paymaster;
    uint256 nonce;
    uint256 value;
    uint256[4] reserved;
    bytes data;
    bytes signature;
    uint256[] factoryDeps;
    bytes paymasterInput;
    bytes reservedDynamic;
}

/// @dev era-contracts common/Messaging.sol.
struct L2ToL1Log {
    uint8 l2ShardId;
    bool isService;
    uint16 txNumberInBlock;
    address sender;
    bytes32 key;
    bytes32 value;
}

/// @title zkSync Era diamond, Mailbox facet (devnet)
/// @notice The legacy Era entry point requestL2Transaction (still served by the Era diamond) building the real
///         L2CanonicalTransaction: txType 255 (priority operation), from = the caller (aliased when it is a contract),
///         nonce = the priority op id, reserved = [mintValue = msg.value, refundRecipient, 0, 0], and its hash.
///         DIFFERENCES: maxFeePerGas is tx.gasprice (the real one derives the L2 gas price from it and the pubdata
///         price) and no base cost is charged; factory deps are refused (their hashes are bytecode hashes of zkEVM
///         code); the ETH stays here (the real diamond forwards it to the shared bridge).
contract ZksyncMailbox {
    uint256 internal constant PRIORITY_OPERATION_L2_TX_TYPE = 255;
    uint256 internal constant REQUIRED_L2_GAS_PRICE_PER_PUBDATA = 800;
    uint160 internal constant ALIAS_OFFSET = uint160(0x1111000000000000000000000000000000001111);

    /// @notice The number of priority operations so far (the next one's id).
    uint256 public totalPriorityTxs;

    event NewPriorityRequest(
        uint256 txId, bytes32 txHash, uint64 expirationTimestamp, L2CanonicalTransaction transaction, bytes[] factoryDeps
    );
    event NewPriorityRequestId(uint256 indexed txId, bytes32 indexed txHash);

    function requestL2Transaction(
        address _contractL2,
        uint256 _l2Value,
        bytes calldata _calldata,
        uint256 _l2GasLimit,
        uint256 _l2GasPerPubdataByteLimit,
        bytes[] calldata _factoryDeps,
        address _refundRecipient
    ) external payable returns (bytes32 canonicalTxHash) {
        require(_l2GasPerPubdataByteLimit == REQUIRED_L2_GAS_PRICE_PER_PUBDATA, "GasPerPubdataMismatch");
        require(_factoryDeps.length == 0, "devnet: no factory deps");
        require(msg.value >= _l2Value, "MsgValueTooLow");
        address sender = msg.sender;
        // AddressAliasHelper.actualRefundRecipient: the sender (not aliased) when none is given.
        address refundRecipient = _refundRecipient == address(0) ? sender : _refundRecipient;
        if (sender != tx.origin) {
            unchecked {
                sender = address(uint160(sender) + ALIAS_OFFSET);
            }
        }
        L2CanonicalTransaction memory transaction;
        transaction.txType = PRIORITY_OPERATION_L2_TX_TYPE;
        transaction.from = uint256(uint160(sender));
        transaction.to = uint256(uint160(_contractL2));
        transaction.gasLimit = _l2GasLimit;
        transaction.gasPerPubdataByteLimit = _l2GasPerPubdataByteLimit;
        transaction.maxFeePerGas = tx.gasprice;
        transaction.nonce = totalPriorityTxs++;
        transaction.value = _l2Value;
        transaction.reserved = [msg.value, uint256(uint160(refundRecipient)), 0, 0];
        transaction.data = _calldata;
        transaction.factoryDeps = new uint256[](0);
        canonicalTxHash = keccak256(abi.encode(transaction));
        emit NewPriorityRequest(transaction.nonce, canonicalTxHash, 0, transaction, _factoryDeps);
        emit NewPriorityRequestId(transaction.nonce, canonicalTxHash);
    }

    receive() external payable { }
}

/// @title zkSync withdrawal finalization on L1 (devnet): L1Nullifier + L1AssetRouter + L1NativeTokenVault in one
/// @notice finalizeDeposit(FinalizeL1DepositParams) as L1Nullifier takes it, for base token (ETH) withdrawals: the
///         message must be L2BaseToken's finalizeEthWithdrawal message from 0x800A, each (chain, batch, message index)
///         is finalized once, the ETH goes to the receiver and the vault's BridgeMint is emitted (by this contract,
///         which is registered as the L1NativeTokenVault). DIFFERENCE: the Merkle proof is NOT checked (no batches are
///         executed on the devnet's L1); the devnet finalizes after a compressed wait standing for the batch's
///         commit, proof and execution. Holds the ETH it pays out (funded at deployment).
contract ZksyncL1NativeTokenVault {
    address internal constant L2_BASE_TOKEN_SYSTEM_CONTRACT_ADDR = address(0x800A);
    address internal constant L2_ASSET_ROUTER_ADDR = address(0x10003);
    address internal constant L2_NATIVE_TOKEN_VAULT_ADDR = address(0x10004);
    address internal constant ETH_TOKEN_ADDRESS = address(1);
    /// @dev IMailbox.finalizeEthWithdrawal(uint256,uint256,uint16,bytes,bytes32[]).selector
    bytes4 internal constant FINALIZE_ETH_WITHDRAWAL = 0x6c0960f9;

    struct FinalizeL1DepositParams {
        uint256 chainId;
        uint256 l2BatchNumber;
        uint256 l2MessageIndex;
        address l2Sender;
        uint16 l2TxNumberInBatch;
        bytes message;
        bytes32[] merkleProof;
    }

    mapping(uint256 => mapping(uint256 => mapping(uint256 => bool))) public isWithdrawalFinalized;

    event BridgeMint(uint256 indexed chainId, bytes32 indexed assetId, address receiver, uint256 amount);

    function finalizeDeposit(FinalizeL1DepositParams calldata _params) external {
        require(!isWithdrawalFinalized[_params.chainId][_params.l2BatchNumber][_params.l2MessageIndex], "WithdrawalAlreadyFinalized");
        require(
            _params.l2Sender == L2_BASE_TOKEN_SYSTEM_CONTRACT_ADDR || _params.l2Sender == L2_ASSET_ROUTER_ADDR, "devnet: base token only"
        );
        bytes calldata message = _params.message;
        require(message.length >= 56 && bytes4(message[0:4]) == FINALIZE_ETH_WITHDRAWAL, "InvalidSelector");
        address receiver = address(bytes20(message[4:24]));
        uint256 amount = uint256(bytes32(message[24:56]));
        isWithdrawalFinalized[_params.chainId][_params.l2BatchNumber][_params.l2MessageIndex] = true;
        (bool paid,) = receiver.call{ value: amount }("");
        require(paid, "WithdrawFailed");
        emit BridgeMint(_params.chainId, ethAssetId(), receiver, amount);
    }

    /// @notice DataEncoding.encodeNTVAssetId(block.chainid, ETH_TOKEN_ADDRESS).
    function ethAssetId() public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, L2_NATIVE_TOKEN_VAULT_ADDR, ETH_TOKEN_ADDRESS));
    }

    receive() external payable { }
}

/// @title L1Messenger system contract (devnet, runs at 0x8008)
/// @notice sendToL1 emits the L2->L1 log (sender = this contract, key = the caller, value = the message hash) and
///         L1MessageSent, as the real one does; sendL2ToL1Log, for system contracts (here: the bootloader, 0x8001, and
///         the kernel space below 0xffff), emits the caller's log. DIFFERENCES: txNumberInBlock is always 0 (there is no
///         SystemContext), and no pubdata or Merkle tree of logs is kept.
contract ZksyncL1Messenger {
    event L1MessageSent(address indexed _sender, bytes32 indexed _hash, bytes _message);
    event L2ToL1LogSent(L2ToL1Log _l2log);

    function sendToL1(bytes calldata _message) external returns (bytes32 hash) {
        hash = keccak256(_message);
        emit L2ToL1LogSent(L2ToL1Log(0, true, 0, address(this), bytes32(uint256(uint160(msg.sender))), hash));
        emit L1MessageSent(msg.sender, hash, _message);
    }

    function sendL2ToL1Log(bool _isService, bytes32 _key, bytes32 _value) external returns (uint256) {
        require(uint160(msg.sender) <= 0xffff, "CallerMustBeSystemContract");
        emit L2ToL1LogSent(L2ToL1Log(0, _isService, 0, msg.sender, _key, _value));
        return 0;
    }
}

/// @title L2BaseToken system contract (devnet, runs at 0x800A)
/// @notice withdraw(address) sends L2BaseToken._getL1WithdrawMessage = finalizeEthWithdrawal.selector ‖ receiver ‖
///         amount through the L1Messenger and emits Withdrawal. DIFFERENCE: the ETH is kept here instead of burnt
///         (anvil has no base token balances to burn from).
contract ZksyncL2BaseToken {
    address internal constant L1_MESSENGER_CONTRACT = address(0x8008);
    bytes4 internal constant FINALIZE_ETH_WITHDRAWAL = 0x6c0960f9;

    event Withdrawal(address indexed _l2Sender, address indexed _l1Receiver, uint256 _amount);

    function withdraw(address _l1Receiver) external payable {
        bytes memory message = abi.encodePacked(FINALIZE_ETH_WITHDRAWAL, _l1Receiver, msg.value);
        ZksyncL1Messenger(L1_MESSENGER_CONTRACT).sendToL1(message);
        emit Withdrawal(msg.sender, _l1Receiver, msg.value);
    }
}

/// @title Bootloader (devnet, runs at 0x8001)
/// @notice Executes a priority operation as Era's bootloader does for an L1 -> L2 transaction: it re-encodes the
///         transaction, takes keccak256(abi.encode(transaction)) as its hash, runs the call and reports the outcome as
///         the L2->L1 service log (key = the hash, value = 1 success / 0 failure) through the L1Messenger. Only the
///         operator (the devnet, standing for the sequencer) may call it, each transaction once. DIFFERENCES: on Era
///         the L2 transaction itself has that hash; on anvil the operator's call to the bootloader is an ordinary
///         transaction with a hash of its own, so the canonical hash exists only in the status log (which is what the
///         decoder reads). The call runs from the bootloader, not from transaction.from, and the value is paid from the
///         bootloader's balance (funded at deployment) instead of minted; no refund is made.
contract ZksyncBootloader {
    address internal constant L1_MESSENGER_CONTRACT = address(0x8008);
    uint256 internal constant PRIORITY_OPERATION_L2_TX_TYPE = 255;

    address public immutable operator;

    mapping(bytes32 => bool) public executed;

    constructor(address _operator) {
        operator = _operator;
    }

    function executePriorityTransaction(bytes calldata _encodedTransaction) external returns (bytes32 txHash, bool success) {
        require(msg.sender == operator, "devnet: operator only");
        L2CanonicalTransaction memory transaction = abi.decode(_encodedTransaction, (L2CanonicalTransaction));
        require(transaction.txType == PRIORITY_OPERATION_L2_TX_TYPE, "not a priority transaction");
        txHash = keccak256(abi.encode(transaction));
        require(!executed[txHash], "already executed");
        executed[txHash] = true;
        (success,) = address(uint160(transaction.to)).call{ gas: transaction.gasLimit, value: transaction.value }(transaction.data);
        ZksyncL1Messenger(L1_MESSENGER_CONTRACT).sendL2ToL1Log(true, txHash, bytes32(uint256(success ? 1 : 0)));
    }

    receive() external payable { }
}
