using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Correlation;

/// <summary>A pointer to the on-chain event behind one step of a message, and the contract that emitted it.</summary>
public sealed record EventRef(ulong ChainId, ulong BlockNumber, Hash32 BlockHash, Hash32 TransactionHash, uint LogIndex, long BlockTimestamp, Address Emitter = default)
{
    public static EventRef Of(LogPosition p) => new(p.ChainId, p.BlockNumber, p.BlockHash, p.TransactionHash, p.LogIndex, p.BlockTimestamp, p.Emitter);

    /// <summary>Same event identity: chain, block hash, transaction and log index.</summary>
    public bool SameEvent(EventRef other) =>
        ChainId == other.ChainId && BlockHash == other.BlockHash && TransactionHash == other.TransactionHash && LogIndex == other.LogIndex;

    public bool IsBefore(EventRef other) =>
        BlockTimestamp != other.BlockTimestamp ? BlockTimestamp < other.BlockTimestamp
        : BlockNumber != other.BlockNumber ? BlockNumber < other.BlockNumber
        : LogIndex < other.LogIndex;
}
