using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// zkSync (ZK stack) events and calls, from matter-labs/era-contracts:
/// <list type="bullet">
/// <item>NewPriorityRequest(uint256 txId, bytes32 txHash, uint64 expirationTimestamp, L2CanonicalTransaction transaction,
/// bytes[] factoryDeps) on the chain's diamond proxy (MailboxFacet): every version since launch, still declared in
/// l1-contracts/contracts/state-transition/chain-interfaces/IMailboxImpl.sol at 0a1397c1ee2dfeb4e305c201910a03aa29a02b66;
/// emitted by _writePriorityOp (chain-deps/facets/Mailbox.sol at 0190ee763ce81f06b5cbdbf6a78a42a2964c3d89).</item>
/// <item>NewPriorityRequestId(uint256 indexed txId, bytes32 indexed txHash): the indexed companion newer versions emit
/// next to it (IMailboxImpl.sol above: "We define a new event similar to NewPriorityRequest, as modifying it could
/// break existing indexers"); l2beat's production ZK stack plugin reads it on mainnet.</item>
/// <item>L1Messenger (0x…8008) L1MessageSent(address indexed _sender, bytes32 indexed _hash, bytes _message) and
/// L2ToL1LogSent((uint8 l2ShardId, bool isService, uint16 txNumberInBlock, address sender, bytes32 key, bytes32 value)):
/// for every priority transaction the bootloader sends a user L2->L1 log with the transaction's hash and result
/// (matter-labs/zksync-era docs/src/specs/contracts/settlement_contracts/priority_queue/l1_l2_communication/l1_to_l2.md
/// at 1cfeae049d8efbe7b088d39bdd87da8ba53b3c2c), which the L1Messenger emits as L2ToL1LogSent with sender = the
/// bootloader.</item>
/// <item>L1NativeTokenVault BridgeMint(uint256 indexed chainId, bytes32 indexed assetId, address receiver, uint256 amount)
/// on L1 when a withdrawal is finalized (v26 asset router and later), and the v24/v25 L1SharedBridge
/// WithdrawalFinalizedSharedBridge(uint256 indexed chainId, address indexed to, address indexed l1Token, uint256 amount).</item>
/// </list>
/// </summary>
public static class ZksyncSignatures
{
    public const string NewPriorityRequestSignature =
        "NewPriorityRequest(uint256,bytes32,uint64,(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes),bytes[])";

    public const string NewPriorityRequestIdSignature = "NewPriorityRequestId(uint256,bytes32)";
    public const string L1MessageSentSignature = "L1MessageSent(address,bytes32,bytes)";
    public const string L2ToL1LogSentSignature = "L2ToL1LogSent((uint8,bool,uint16,address,bytes32,bytes32))";
    public const string BridgeMintSignature = "BridgeMint(uint256,bytes32,address,uint256)";
    public const string WithdrawalFinalizedSharedBridgeSignature = "WithdrawalFinalizedSharedBridge(uint256,address,address,uint256)";

    /// <summary>The selectors L2 withdrawal messages start with (era-contracts L1Nullifier._parseL2WithdrawalMessage):
    /// base token (L2BaseToken._getL1WithdrawMessage), legacy ERC20 bridge, and the asset router format.</summary>
    public const string FinalizeEthWithdrawalSignature = "finalizeEthWithdrawal(uint256,uint256,uint16,bytes,bytes32[])";
    public const string LegacyErc20FinalizeWithdrawalSignature = "finalizeWithdrawal(uint256,uint256,uint16,bytes,bytes32[])";
    public const string AssetRouterFinalizeWithdrawalSignature = "finalizeWithdrawal(uint256,uint256,uint256,uint16,bytes,bytes32[])";

    /// <summary>The L2 bridge call of a legacy-format ERC20 deposit: finalizeDeposit(_l1Sender, _l2Receiver, _l1Token, _amount, _data).</summary>
    public const string LegacyFinalizeDepositSignature = "finalizeDeposit(address,address,address,uint256,bytes)";

    public static readonly Hash32 NewPriorityRequest = EventSignature.Topic(NewPriorityRequestSignature);
    public static readonly Hash32 NewPriorityRequestId = EventSignature.Topic(NewPriorityRequestIdSignature);
    public static readonly Hash32 L1MessageSent = EventSignature.Topic(L1MessageSentSignature);
    public static readonly Hash32 L2ToL1LogSent = EventSignature.Topic(L2ToL1LogSentSignature);
    public static readonly Hash32 BridgeMint = EventSignature.Topic(BridgeMintSignature);
    public static readonly Hash32 WithdrawalFinalizedSharedBridge = EventSignature.Topic(WithdrawalFinalizedSharedBridgeSignature);

    public static readonly uint FinalizeEthWithdrawalSelector = EventSignature.Selector(FinalizeEthWithdrawalSignature);
    public static readonly uint LegacyErc20FinalizeWithdrawalSelector = EventSignature.Selector(LegacyErc20FinalizeWithdrawalSignature);
    public static readonly uint AssetRouterFinalizeWithdrawalSelector = EventSignature.Selector(AssetRouterFinalizeWithdrawalSignature);
    public static readonly uint LegacyFinalizeDepositSelector = EventSignature.Selector(LegacyFinalizeDepositSignature);

    public static IReadOnlyList<Hash32> PriorityTopics { get; } = [NewPriorityRequest, NewPriorityRequestId, L2ToL1LogSent];

    public static IReadOnlyList<Hash32> WithdrawalTopics { get; } = [L1MessageSent, BridgeMint, WithdrawalFinalizedSharedBridge];
}
