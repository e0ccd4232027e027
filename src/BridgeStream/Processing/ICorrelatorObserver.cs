using BridgeStream.Core.Correlation;
using Confluent.Kafka;

namespace BridgeStream.Processing;

/// <summary>
/// What the correlator tells a follower of its message state (the alerting), on the correlator's thread; implementations
/// copy what they need and return at once. Partition callbacks come from the consumer's rebalance handlers: after
/// <see cref="Revoked"/> returns, the partition's next owner may start.
/// </summary>
public interface ICorrelatorObserver
{
    /// <summary>Partitions (of any subscribed topic) this instance now owns.</summary>
    void Assigned(IReadOnlyCollection<TopicPartition> partitions);

    /// <summary>Partitions this instance no longer owns (revoked or lost).</summary>
    void Revoked(IReadOnlyCollection<TopicPartition> partitions);

    /// <summary>
    /// A batch is durable in ClickHouse (and its offsets committed): the messages it changed (live objects: copy them now),
    /// and per partition the newest record timestamp applied.
    /// </summary>
    void Durable(IReadOnlyCollection<MessageRecord> changed, IReadOnlyDictionary<TopicPartition, DateTime> newestApplied);

    /// <summary>A poll found nothing to read: every record fetched so far has been applied.</summary>
    void Idle(DateTime at);
}

/// <summary>The correlator without followers.</summary>
public sealed class NoCorrelatorObserver : ICorrelatorObserver
{
    public void Assigned(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    public void Revoked(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    public void Durable(IReadOnlyCollection<MessageRecord> changed, IReadOnlyDictionary<TopicPartition, DateTime> newestApplied)
    {
    }

    public void Idle(DateTime at)
    {
    }
}
