using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Events;

/// <summary>One log as a node returns it from eth_getLogs (topics inline: a log has at most four).</summary>
public sealed class RawLog
{
    public required ulong ChainId { get; init; }

    public required ulong BlockNumber { get; init; }

    public required Hash32 BlockHash { get; init; }

    public required Hash32 TransactionHash { get; init; }

    public required uint LogIndex { get; init; }

    public required Address Address { get; init; }

    public required Hash32[] Topics { get; init; }

    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Unix seconds of the block, when the node returns it with the log (anvil and recent geth do); else 0.</summary>
    public long BlockTimestamp { get; set; }

    public Hash32 Topic0 => Topics.Length > 0 ? Topics[0] : default;

    public override string ToString() => $"chain {ChainId} block {BlockNumber} tx {TransactionHash} log {LogIndex}";
}
