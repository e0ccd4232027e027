using BridgeStream.Embedded.Kafka;

namespace BridgeStream.Kafka;

/// <summary>Topic creation for the embedded mock cluster, through librdkafka's mock API (its brokers reject admin CreateTopics).</summary>
public sealed class MockClusterTopicAdmin(MockKafkaCluster cluster) : ITopicAdmin
{
    private readonly MockKafkaCluster cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));

    public Task EnsureTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var topic in topics)
        {
            ct.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(topic, nameof(topics));

            // Same rule as KafkaTopicAdmin: a replication factor above the broker count is clamped, not an error,
            // so one topic list serves a 1-broker dev setup and a 3-broker production cluster.
            var replication = Math.Min(topic.ReplicationFactor, cluster.BrokerCount);
            cluster.CreateTopic(topic.Name, topic.Partitions, replication);
        }

        return Task.CompletedTask;
    }
}
