using BridgeStream.Core.Events;
using Confluent.Kafka;

namespace BridgeStream.Processing;

/// <summary>What one poll cycle gathered: events to apply, dead letters to store, and the offsets to commit after.</summary>
internal sealed class ConsumedBatch
{
    public List<(BridgeEvent Event, int Partition, long Offset)> Events { get; } = [];

    public List<object[]> DeadLetterRows { get; } = [];

    public List<object[]> ChainHeadRows { get; } = [];

    /// <summary>rollup_settlement rows (their version is the record's offset + 1, so a retraction outranks its event).</summary>
    public List<object[]> SettlementRows { get; } = [];

    public Dictionary<TopicPartition, Offset> NextOffsets { get; } = [];

    /// <summary>Per partition, the newest record timestamp read (for <see cref="ICorrelatorObserver.Durable"/>).</summary>
    public Dictionary<TopicPartition, DateTime> NewestTimestamps { get; } = [];

    public int Records { get; private set; }

    public void Consumed(TopicPartitionOffset position, DateTime timestamp)
    {
        Records++;
        NextOffsets[position.TopicPartition] = position.Offset + 1;
        if (!NewestTimestamps.TryGetValue(position.TopicPartition, out var newest) || timestamp > newest)
        {
            NewestTimestamps[position.TopicPartition] = timestamp;
        }
    }

    /// <summary>Forgets records of partitions this instance no longer owns; their new owner reads them from the last commit.</summary>
    public void Forget(IReadOnlySet<TopicPartition> revoked, string eventsTopic)
    {
        Events.RemoveAll(e => revoked.Contains(new TopicPartition(eventsTopic, e.Partition)));
        foreach (var tp in revoked)
        {
            NextOffsets.Remove(tp);
            NewestTimestamps.Remove(tp);
        }
    }
}
