using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Chains;

/// <summary>
/// An event the ingestor published from a block: enough to retract it if the block is orphaned. A rollup settlement step
/// (<paramref name="Settlement"/>, topic rollup.settlement.v1) has no bridge protocol; its key is the rollup's chain id.
/// </summary>
public readonly record struct PublishedEvent(Hash32 CorrelationKey, Protocol Protocol, Hash32 TransactionHash, uint LogIndex, bool Settlement = false)
{
    /// <summary>What ingest_blocks.event_protocols stores for a settlement step instead of a protocol name.</summary>
    public const string SettlementStream = "ROLLUP_SETTLEMENT";
}

/// <summary>A block the ingestor took as canonical, with the events it published from it.</summary>
public sealed record TrackedBlock(ulong Number, Hash32 Hash, Hash32 ParentHash, long Timestamp, IReadOnlyList<PublishedEvent> Events);

/// <summary>
/// The recent canonical chain as the ingestor saw it: hash and parent hash per height, from (about) the finalized head
/// up to the last ingested block. A new block whose parent hash is not the tip's hash means the chain reorganised;
/// the fork point is the highest height where the node still has our hash, and everything above it is orphaned.
/// </summary>
public sealed class CanonicalWindow
{
    private readonly SortedList<ulong, TrackedBlock> _blocks = [];

    public TrackedBlock? Tip => _blocks.Count == 0 ? null : _blocks.Values[^1];

    public TrackedBlock? Lowest => _blocks.Count == 0 ? null : _blocks.Values[0];

    public int Count => _blocks.Count;

    public IEnumerable<TrackedBlock> Blocks => _blocks.Values;

    public TrackedBlock? At(ulong number) => _blocks.GetValueOrDefault(number);

    /// <summary>True when <paramref name="number"/>/<paramref name="parentHash"/> continue the tip (or nothing is known to contradict it).</summary>
    public bool Continues(ulong number, Hash32 parentHash)
    {
        var parent = At(number - 1);
        return parent is null || parent.Hash == parentHash;
    }

    public void Add(TrackedBlock block)
    {
        if (Tip is { } tip && block.Number <= tip.Number)
        {
            throw new InvalidOperationException($"Block {block.Number} does not extend the tip {tip.Number}; remove the orphaned blocks first.");
        }

        _blocks[block.Number] = block;
    }

    /// <summary>Removes and returns the blocks above the fork point, highest first.</summary>
    public IReadOnlyList<TrackedBlock> RemoveAbove(ulong forkPoint)
    {
        var orphaned = _blocks.Values.Where(b => b.Number > forkPoint).Reverse().ToList();
        foreach (var block in orphaned)
        {
            _blocks.Remove(block.Number);
        }

        return orphaned;
    }

    /// <summary>Forgets blocks below <paramref name="number"/> (finalized: they cannot be reorganised), keeping at least the tip.</summary>
    /// <summary>Forgets every block (a restart reloads the window from what was durably recorded).</summary>
    public void Clear() => _blocks.Clear();

    public void PruneBelow(ulong number)
    {
        while (_blocks.Count > 1 && _blocks.Keys[0] < number)
        {
            _blocks.RemoveAt(0);
        }
    }

    /// <summary>
    /// The highest tracked height whose hash the node still reports (given the node's hashes by height), or null when
    /// even the lowest tracked block was replaced: a reorg deeper than the window, which needs an operator.
    /// </summary>
    public ulong? FindForkPoint(IReadOnlyDictionary<ulong, Hash32> canonicalHashes)
    {
        foreach (var block in _blocks.Values.Reverse())
        {
            if (canonicalHashes.TryGetValue(block.Number, out var hash) && hash == block.Hash)
            {
                return block.Number;
            }
        }

        return null;
    }
}
