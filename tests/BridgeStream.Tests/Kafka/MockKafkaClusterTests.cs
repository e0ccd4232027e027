using BridgeStream.Embedded.Kafka;
using BridgeStream.Kafka;
using Confluent.Kafka;
using static BridgeStream.Tests.Kafka.KafkaTestClients;

namespace BridgeStream.Tests.Kafka;

/// <summary>The embedded mock cluster, exercised through unmodified Confluent.Kafka clients.</summary>
public sealed class MockKafkaClusterTests
{
    [Fact]
    public async Task Idempotent_producer_and_consumer_round_trip_keyed_messages()
    {
        using var cluster = MockKafkaCluster.Start();
        var topic = UniqueName("roundtrip");
        cluster.CreateTopic(topic, 4, 3);
        var sent = Enumerable.Range(0, 200).Select(i => ($"key-{i % 17}", $"value-{i}")).ToList();

        using (var producer = IdempotentProducer(cluster.BootstrapServers))
        {
            var reports = await ProduceKeyedAsync(producer, topic, sent);
            Assert.All(reports, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        }

        using var consumer = Consumer(cluster.BootstrapServers, UniqueName("group"));
        consumer.Subscribe(topic);
        var received = ConsumeAtLeast(consumer, sent.Count);
        consumer.Close();

        Assert.Equal(sent.Order(), received.Select(r => (r.Message.Key, r.Message.Value)).Order());
    }

    [Fact]
    public async Task The_same_key_always_lands_in_the_same_partition()
    {
        using var cluster = MockKafkaCluster.Start();
        var topic = UniqueName("keys");
        cluster.CreateTopic(topic, 6, 3);
        var sent = Enumerable.Range(0, 300).Select(i => ($"account-{i % 20}", $"v{i}")).ToList();

        using var producer = IdempotentProducer(cluster.BootstrapServers);
        var reports = await ProduceKeyedAsync(producer, topic, sent);

        var partitionsPerKey = reports.GroupBy(r => r.Message.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Partition.Value).Distinct().Count());
        Assert.Equal(20, partitionsPerKey.Count);
        Assert.All(partitionsPerKey, kv => Assert.Equal(1, kv.Value));
        // Twenty keys over six partitions must not all collapse into one, or the test above would pass trivially.
        Assert.True(reports.Select(r => r.Partition.Value).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Creating_a_topic_twice_is_fine()
    {
        using var cluster = MockKafkaCluster.Start();
        var admin = new MockClusterTopicAdmin(cluster);
        var topic = UniqueName("twice");
        TopicSpec[] specs = [new(topic, 5, 3)];

        await admin.EnsureTopicsAsync(specs, TestContext.Current.CancellationToken);
        await admin.EnsureTopicsAsync(specs, TestContext.Current.CancellationToken);
        cluster.CreateTopic(topic, 5, 3);

        Assert.Equal(5, PartitionCount(cluster.BootstrapServers, topic));
    }

    [Fact]
    public async Task Topic_admin_clamps_replication_to_the_broker_count()
    {
        using var cluster = MockKafkaCluster.Start(brokers: 1);
        var topic = UniqueName("clamped");

        await new MockClusterTopicAdmin(cluster).EnsureTopicsAsync([new(topic, 2, 3)], TestContext.Current.CancellationToken);

        Assert.Equal(2, PartitionCount(cluster.BootstrapServers, topic));
    }

    [Fact]
    public void Bad_input_fails_with_clear_errors()
    {
        using var cluster = MockKafkaCluster.Start(brokers: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => MockKafkaCluster.Start(0));
        Assert.Throws<ArgumentException>(() => cluster.CreateTopic("bad topic!", 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("ok", 0, 1));
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("ok", 1, 3));
        Assert.Contains("2 brokers", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetBrokerDown(3));
        Assert.Throws<ArgumentException>(() => new TopicSpec("", 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopicSpec("t", 1, 0));
    }

    [Fact]
    public void Dispose_is_idempotent_and_later_use_is_refused()
    {
        var cluster = MockKafkaCluster.Start(brokers: 1);
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose", 1, 1));
        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerUp(1));
    }

    [Fact]
    public async Task Concurrent_dispose_and_use_never_crash()
    {
        var cluster = MockKafkaCluster.Start(brokers: 1);
        using var firstCreated = new SemaphoreSlim(0);
        var users = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 25; n++)
            {
                try
                {
                    cluster.CreateTopic($"t{i}-{n}", 1, 1);
                    firstCreated.Release();
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        })).ToList();
        // Dispose while the users are busy, not before they start.
        await firstCreated.WaitAsync(TestContext.Current.CancellationToken);
        var disposers = Enumerable.Range(0, 2).Select(_ => Task.Run(cluster.Dispose)).ToList();

        await Task.WhenAll([.. users, .. disposers]);
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1, 1));
    }

    internal static int PartitionCount(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        var found = Assert.Single(metadata.Topics);
        Assert.Equal(ErrorCode.NoError, found.Error.Code);
        return found.Partitions.Count;
    }
}
