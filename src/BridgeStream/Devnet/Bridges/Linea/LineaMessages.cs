using System.Numerics;
using BridgeStream.Core.Primitives;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Bridges.Linea;

// Nethereum ABI types of the Linea devnet message services (infra/devnet/contracts/LineaMessageService.sol), whose
// signatures are linea-monorepo's own. Parameter properties never use the names Nonce / Gas / GasPrice / AmountToSend.

/// <summary>IMessageService.sendMessage(address,uint256,bytes).</summary>
[Function("sendMessage")]
internal sealed class LineaSendMessageFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_fee", 2)]
    public BigInteger Fee { get; set; }

    [Parameter("bytes", "_calldata", 3)]
    public byte[] Calldata { get; set; } = [];
}

/// <summary>L2MessageService.claimMessage (L1 -> L2 messages).</summary>
[Function("claimMessage")]
internal sealed class LineaClaimMessageFunction : FunctionMessage
{
    [Parameter("address", "_from", 1)]
    public string MessageFrom { get; set; } = "";

    [Parameter("address", "_to", 2)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_fee", 3)]
    public BigInteger Fee { get; set; }

    [Parameter("uint256", "_value", 4)]
    public BigInteger MessageValue { get; set; }

    [Parameter("address", "_feeRecipient", 5)]
    public string FeeRecipient { get; set; } = "";

    [Parameter("bytes", "_calldata", 6)]
    public byte[] Calldata { get; set; } = [];

    [Parameter("uint256", "_nonce", 7)]
    public BigInteger MessageNumber { get; set; }
}

/// <summary>L1MessageService's ClaimMessageWithProofParams.</summary>
internal sealed class LineaClaimWithProofParams
{
    [Parameter("bytes32[]", "proof", 1)]
    public List<byte[]> Proof { get; set; } = [];

    [Parameter("uint256", "messageNumber", 2)]
    public BigInteger MessageNumber { get; set; }

    [Parameter("uint32", "leafIndex", 3)]
    public uint LeafIndex { get; set; }

    [Parameter("address", "from", 4)]
    public string MessageFrom { get; set; } = "";

    [Parameter("address", "to", 5)]
    public string To { get; set; } = "";

    [Parameter("uint256", "fee", 6)]
    public BigInteger Fee { get; set; }

    [Parameter("uint256", "value", 7)]
    public BigInteger MessageValue { get; set; }

    [Parameter("address", "feeRecipient", 8)]
    public string FeeRecipient { get; set; } = "";

    [Parameter("bytes32", "merkleRoot", 9)]
    public byte[] MerkleRoot { get; set; } = new byte[32];

    [Parameter("bytes", "data", 10)]
    public byte[] Data { get; set; } = [];
}

/// <summary>LineaRollup.claimMessageWithProof (L2 -> L1 messages).</summary>
[Function("claimMessageWithProof")]
internal sealed class LineaClaimMessageWithProofFunction : FunctionMessage
{
    [Parameter("tuple", "_params", 1)]
    public LineaClaimWithProofParams Params { get; set; } = new();
}

/// <summary>The devnet L2MessageService's anchorL1L2MessageHashes(bytes32[]) (the coordinator's anchoring, simplified).</summary>
[Function("anchorL1L2MessageHashes")]
internal sealed class LineaAnchorFunction : FunctionMessage
{
    [Parameter("bytes32[]", "_messageHashes", 1)]
    public List<byte[]> MessageHashes { get; set; } = [];
}

/// <summary>A MessageSent as a Linea message service emitted it; <see cref="Hash"/> is the event's own _messageHash.</summary>
public sealed record LineaMessage(
    long SourceChainId,
    long DestinationChainId,
    string TxHash,
    long BlockNumber,
    string From,
    string To,
    BigInteger Fee,
    BigInteger Value,
    BigInteger MessageNumber,
    byte[] Calldata,
    Hash32 Hash);

/// <summary>A successful claim on the destination: the hash its MessageClaimed carries.</summary>
public sealed record LineaClaim(long ChainId, string TxHash, long BlockNumber, Hash32 Hash);

/// <summary>IMessageService.MessageSent.</summary>
[Event("MessageSent")]
internal sealed class LineaMessageSentEvent : IEventDTO
{
    [Parameter("address", "_from", 1, true)]
    public string MessageFrom { get; set; } = "";

    [Parameter("address", "_to", 2, true)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_fee", 3, false)]
    public BigInteger Fee { get; set; }

    [Parameter("uint256", "_value", 4, false)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_nonce", 5, false)]
    public BigInteger MessageNumber { get; set; }

    [Parameter("bytes", "_calldata", 6, false)]
    public byte[] Calldata { get; set; } = [];

    [Parameter("bytes32", "_messageHash", 7, true)]
    public byte[] MessageHash { get; set; } = [];
}

/// <summary>IMessageService.MessageClaimed.</summary>
[Event("MessageClaimed")]
internal sealed class LineaMessageClaimedEvent : IEventDTO
{
    [Parameter("bytes32", "_messageHash", 1, true)]
    public byte[] MessageHash { get; set; } = [];
}
