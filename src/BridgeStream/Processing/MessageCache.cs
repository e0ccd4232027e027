using BridgeStream.Core.Correlation;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Processing;

/// <summary>
/// The processor's working set of message records, for the partitions it owns. ClickHouse holds the durable copy,
/// so the cache can drop anything at any time: finished messages after each batch, a partition's records when the
/// partition moves to another instance, and the oldest ones when it grows past its bound.
/// </summary>
internal sealed class MessageCache
{
    private readonly int _capacity;
    private readonly Dictionary<Hash32, MessageRecord> _records = [];

    public MessageCache(int capacity) => _capacity = capacity;

    public int Count => _records.Count;

    public bool TryGet(Hash32 id, out MessageRecord record) => _records.TryGetValue(id, out record!);

    public void Put(MessageRecord record) => _records[record.MessageId] = record;

    public void Clear() => _records.Clear();

    public void DropPartitions(IReadOnlySet<int> partitions)
    {
        foreach (var id in _records.Where(r => partitions.Contains(r.Value.Partition)).Select(r => r.Key).ToList())
        {
            _records.Remove(id);
        }
    }

    /// <summary>Keeps only messages still waiting for a step; a delivered message rarely sees another event.</summary>
    public void Trim()
    {
        foreach (var id in _records.Where(r => r.Value.Status == MessageStatus.Delivered).Select(r => r.Key).ToList())
        {
            _records.Remove(id);
        }

        if (_records.Count > _capacity)
        {
            foreach (var id in _records.OrderBy(r => r.Value.Offset).Take(_records.Count - _capacity).Select(r => r.Key).ToList())
            {
                _records.Remove(id);
            }
        }
    }
}
