using System.Numerics;
using BridgeStream.Core.Primitives;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Bridges.Zksync;

// Nethereum ABI types of the zkSync devnet stand-ins (infra/devnet/contracts/ZksyncEra.sol), whose signatures are
// era-contracts' own (the bootloader's executePriorityTransaction is the devnet's: Era's bootloader has no ABI).
// Parameter properties never use the names Nonce / Gas / GasPrice / AmountToSend.

/// <summary>Mailbox.requestL2Transaction (the legacy Era entry point).</summary>
[Function("requestL2Transaction", "bytes32")]
internal sealed class RequestL2TransactionFunction : FunctionMessage
{
    [Parameter("address", "_contractL2", 1)]
    public string ContractL2 { get; set; } = "";

    [Parameter("uint256", "_l2Value", 2)]
    public BigInteger L2Value { get; set; }

    [Parameter("bytes", "_calldata", 3)]
    public byte[] Calldata { get; set; } = [];

    [Parameter("uint256", "_l2GasLimit", 4)]
    public BigInteger L2GasLimit { get; set; }

    [Parameter("uint256", "_l2GasPerPubdataByteLimit", 5)]
    public BigInteger L2GasPerPubdataByteLimit { get; set; }

    [Parameter("bytes[]", "_factoryDeps", 6)]
    public List<byte[]> FactoryDeps { get; set; } = [];

    [Parameter("address", "_refundRecipient", 7)]
    public string RefundRecipient { get; set; } = "";
}

/// <summary>The devnet bootloader's executePriorityTransaction(bytes abi.encode(transaction)).</summary>
[Function("executePriorityTransaction")]
internal sealed class ExecutePriorityTransactionFunction : FunctionMessage
{
    [Parameter("bytes", "_encodedTransaction", 1)]
    public byte[] EncodedTransaction { get; set; } = [];
}

/// <summary>L2BaseToken.withdraw(address).</summary>
[Function("withdraw")]
internal sealed class BaseTokenWithdrawFunction : FunctionMessage
{
    [Parameter("address", "_l1Receiver", 1)]
    public string L1Receiver { get; set; } = "";
}

/// <summary>L1Nullifier's FinalizeL1DepositParams.</summary>
internal sealed class FinalizeL1DepositParams
{
    [Parameter("uint256", "chainId", 1)]
    public BigInteger ChainId { get; set; }

    [Parameter("uint256", "l2BatchNumber", 2)]
    public BigInteger L2BatchNumber { get; set; }

    [Parameter("uint256", "l2MessageIndex", 3)]
    public BigInteger L2MessageIndex { get; set; }

    [Parameter("address", "l2Sender", 4)]
    public string L2Sender { get; set; } = "";

    [Parameter("uint16", "l2TxNumberInBatch", 5)]
    public ushort L2TxNumberInBatch { get; set; }

    [Parameter("bytes", "message", 6)]
    public byte[] Message { get; set; } = [];

    [Parameter("bytes32[]", "merkleProof", 7)]
    public List<byte[]> MerkleProof { get; set; } = [];
}

/// <summary>L1Nullifier.finalizeDeposit(FinalizeL1DepositParams).</summary>
[Function("finalizeDeposit")]
internal sealed class FinalizeDepositFunction : FunctionMessage
{
    [Parameter("tuple", "_finalizeWithdrawalParams", 1)]
    public FinalizeL1DepositParams Params { get; set; } = new();
}

/// <summary>
/// A priority request as the L1 diamond emitted it: the canonical L2 transaction hash from its NewPriorityRequest, and
/// abi.encode(transaction) cut out of the same event's data (what the operator hands the bootloader).
/// </summary>
public sealed record ZksyncDeposit(
    long L2ChainId,
    string TxHash,
    long BlockNumber,
    BigInteger TxId,
    string To,
    BigInteger L2Value,
    byte[] EncodedTransaction,
    Hash32 CanonicalTxHash);

/// <summary>A priority transaction run on L2: the hash and status of the bootloader's L2 -> L1 status log.</summary>
public sealed record ZksyncExecution(long L2ChainId, string TxHash, long BlockNumber, Hash32 CanonicalTxHash, bool Succeeded);

/// <summary>A base token withdrawal on L2: its L1MessageSent (message and hash) and where it is.</summary>
public sealed record ZksyncWithdrawal(
    long L2ChainId,
    string TxHash,
    long BlockNumber,
    long LogIndex,
    string Receiver,
    BigInteger Amount,
    byte[] Message,
    Hash32 MessageHash);

/// <summary>A finalized withdrawal on L1: what the vault's BridgeMint said.</summary>
public sealed record ZksyncFinalization(long L1ChainId, string TxHash, long BlockNumber, long L2ChainId, Hash32 AssetId, string Receiver, BigInteger Amount);
