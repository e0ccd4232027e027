using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Settlement;

// Nethereum ABI types of the settlement stand-ins (infra/devnet/contracts/RollupSettlement.sol). Parameter properties never
// use the names Nonce / Gas / GasPrice / AmountToSend.

/// <summary>L2OutputOracle.proposeL2Output (contracts-bedrock's signature).</summary>
[Function("proposeL2Output")]
internal sealed class ProposeL2OutputFunction : FunctionMessage
{
    [Parameter("bytes32", "_outputRoot", 1)]
    public byte[] OutputRoot { get; set; } = [];

    [Parameter("uint256", "_l2BlockNumber", 2)]
    public BigInteger L2BlockNumber { get; set; }

    [Parameter("bytes32", "_l1BlockHash", 3)]
    public byte[] L1BlockHash { get; set; } = new byte[32];

    [Parameter("uint256", "_l1BlockNumber", 4)]
    public BigInteger L1BlockNumber { get; set; }
}

/// <summary>DisputeGameFactory.create (contracts-bedrock's signature; GameType = uint32).</summary>
[Function("create", "address")]
internal sealed class CreateGameFunction : FunctionMessage
{
    [Parameter("uint32", "_gameType", 1)]
    public uint GameType { get; set; }

    [Parameter("bytes32", "_rootClaim", 2)]
    public byte[] RootClaim { get; set; } = [];

    [Parameter("bytes", "_extraData", 3)]
    public byte[] ExtraData { get; set; } = [];
}

[Function("resolve", "uint8")]
internal sealed class ResolveGameFunction : FunctionMessage
{
}

[Function("setAnchorState")]
internal sealed class SetAnchorStateFunction : FunctionMessage
{
    [Parameter("address", "_game", 1)]
    public string Game { get; set; } = "";
}

[Function("stakeOnNewAssertion", "bytes32")]
internal sealed class StakeOnNewAssertionFunction : FunctionMessage
{
    [Parameter("bytes32", "_l2BlockHash", 1)]
    public byte[] L2BlockHash { get; set; } = [];

    [Parameter("bytes32", "_sendRoot", 2)]
    public byte[] SendRoot { get; set; } = [];
}

[Function("confirmAssertion")]
internal sealed class ConfirmAssertionFunction : FunctionMessage
{
    [Parameter("bytes32", "_assertionHash", 1)]
    public byte[] AssertionHash { get; set; } = [];
}

/// <summary>ScrollChain.commitBatch (scroll-tech's signature, codec v0 chunks).</summary>
[Function("commitBatch")]
internal sealed class CommitBatchFunction : FunctionMessage
{
    [Parameter("uint8", "_version", 1)]
    public byte Version { get; set; }

    [Parameter("bytes", "_parentBatchHeader", 2)]
    public byte[] ParentBatchHeader { get; set; } = [];

    [Parameter("bytes[]", "_chunks", 3)]
    public List<byte[]> Chunks { get; set; } = [];

    [Parameter("bytes", "_skippedL1MessageBitmap", 4)]
    public byte[] SkippedL1MessageBitmap { get; set; } = [];
}

[Function("finalizeBundle")]
internal sealed class FinalizeBundleFunction : FunctionMessage
{
    [Parameter("uint256", "_batchIndex", 1)]
    public BigInteger BatchIndex { get; set; }

    [Parameter("bytes32", "_postStateRoot", 2)]
    public byte[] PostStateRoot { get; set; } = [];

    [Parameter("bytes32", "_withdrawRoot", 3)]
    public byte[] WithdrawRoot { get; set; } = [];
}

[Function("batchHeaders", "bytes")]
internal sealed class BatchHeadersFunction : FunctionMessage
{
    [Parameter("uint256", "", 1)]
    public BigInteger BatchIndex { get; set; }
}
