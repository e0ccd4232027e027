using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Bridges.Interop;

// Nethereum ABI types of the devnet's OP interop stand-ins (infra/devnet/contracts/OpInterop.sol).

/// <summary>ICrossL2Inbox.Identifier: where the initiating log is (origin contract, block, log index, timestamp, chain).</summary>
public sealed class InteropIdentifier
{
    [Parameter("address", "origin", 1)]
    public string Origin { get; set; } = "";

    [Parameter("uint256", "blockNumber", 2)]
    public BigInteger BlockNumber { get; set; }

    [Parameter("uint256", "logIndex", 3)]
    public BigInteger LogIndex { get; set; }

    [Parameter("uint256", "timestamp", 4)]
    public BigInteger Timestamp { get; set; }

    [Parameter("uint256", "chainId", 5)]
    public BigInteger ChainId { get; set; }
}

[Function("sendMessage", "bytes32")]
public sealed class InteropSendMessageFunction : FunctionMessage
{
    [Parameter("uint256", "_destination", 1)]
    public BigInteger Destination { get; set; }

    [Parameter("address", "_target", 2)]
    public string Target { get; set; } = "";

    [Parameter("bytes", "_message", 3)]
    public byte[] Message { get; set; } = [];
}

[Function("relayMessage", "bytes")]
public sealed class InteropRelayMessageFunction : FunctionMessage
{
    [Parameter("tuple", "_id", 1)]
    public InteropIdentifier Id { get; set; } = new();

    [Parameter("bytes", "_sentMessage", 2)]
    public byte[] SentMessage { get; set; } = [];
}

[Function("sentMessages", "bool")]
public sealed class InteropSentMessagesFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)]
    public byte[] MessageHash { get; set; } = [];
}

[Function("successfulMessages", "bool")]
public sealed class InteropSuccessfulMessagesFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)]
    public byte[] MessageHash { get; set; } = [];
}

[Function("receiveMessage")]
public sealed class TargetReceiveMessageFunction : FunctionMessage
{
    [Parameter("uint256", "_tag", 1)]
    public BigInteger Tag { get; set; }

    [Parameter("bytes", "", 2)]
    public byte[] Body { get; set; } = [];
}
