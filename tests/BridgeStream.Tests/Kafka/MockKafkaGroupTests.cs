using System.Collections.Concurrent;
using BridgeStream.Embedded.Kafka;
using Confluent.Kafka;
using static BridgeStream.Tests.Kafka.KafkaTestClients;

namespace BridgeStream.Tests.Kafka;

/// <summary>Consumer groups, committed offsets and broker failure on the embedded mock cluster.</summary>
public sealed class MockKafkaGroupTests
{
    [Fact]
    public async Task Two_consumers_in_one_group_split_the_partitions_and_get_every_message_exactly_once()
    {
        using var cluster = MockKafkaCluster.Start();
        var topic = UniqueName("split");
        const int partitions = 6;
        const int messages = 600;
        cluster.CreateTopic(topic, partitions, 3);
        var group = UniqueName("group");
        var ct = TestContext.Current.CancellationToken;

        using var first = Consumer(cluster.BootstrapServers, group);
        using var second = Consumer(cluster.BootstrapServers, group);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var received = new[] { new ConcurrentQueue<string>(), new ConcurrentQueue<string>() };
        var loops = new[] { first, second }.Select((c, i) => Task.Run(() => ConsumeLoop(c, topic, received[i], stop.Token), ct)).ToList();

        // Produce only once the group is stable, so no rebalance can hand a partition over mid-stream.
        Assert.True(await WaitUntil(() => BothAssigned(first, second, partitions), ct), "The group never split the partitions between both consumers.");
        var firstPartitions = first.Assignment.Select(tp => tp.Partition.Value).ToHashSet();
        var secondPartitions = second.Assignment.Select(tp => tp.Partition.Value).ToHashSet();

        using (var producer = IdempotentProducer(cluster.BootstrapServers))
        {
            await ProduceKeyedAsync(producer, topic, Enumerable.Range(0, messages).Select(i => ($"k{i}", $"m{i}")));
        }

        await WaitUntil(() => received.Sum(q => q.Count) >= messages, ct);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        first.Close();
        second.Close();

        Assert.NotEmpty(firstPartitions);
        Assert.NotEmpty(secondPartitions);
        Assert.Empty(firstPartitions.Intersect(secondPartitions));
        Assert.NotEmpty(received[0]);
        Assert.NotEmpty(received[1]);
        var all = received.SelectMany(q => q).ToList();
        Assert.Equal(messages, all.Count);
        Assert.Equal(Enumerable.Range(0, messages).Select(i => $"m{i}").Order(), all.Order());
    }

    [Fact]
    public async Task A_new_consumer_in_the_group_resumes_after_the_last_commit()
    {
        using var cluster = MockKafkaCluster.Start();
        var topic = UniqueName("resume");
        cluster.CreateTopic(topic, 1, 3);
        var group = UniqueName("group");
        using (var producer = IdempotentProducer(cluster.BootstrapServers))
        {
            await ProduceKeyedAsync(producer, topic, Enumerable.Range(0, 50).Select(i => ("k", $"m{i}")));
        }

        List<ConsumeResult<string, string>> before;
        using (var consumer = Consumer(cluster.BootstrapServers, group))
        {
            consumer.Subscribe(topic);
            before = ConsumeAtLeast(consumer, 20).Take(20).ToList();
            consumer.Commit(before[^1]);
            consumer.Close();
        }

        List<ConsumeResult<string, string>> after;
        using (var consumer = Consumer(cluster.BootstrapServers, group))
        {
            consumer.Subscribe(topic);
            after = ConsumeAtLeast(consumer, 30);
            var committed = consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10));
            Assert.Equal(20, committed.Single().Offset.Value);
            consumer.Close();
        }

        Assert.Equal(20, after[0].Offset.Value);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"m{i}"), before.Concat(after).Select(r => r.Message.Value));
    }

    [Fact]
    public async Task With_a_broker_down_leadership_fails_over_and_producing_still_succeeds()
    {
        using var cluster = MockKafkaCluster.Start();
        var topic = UniqueName("failover");
        cluster.CreateTopic(topic, 3, 3);
        const int downBroker = 1;
        Assert.Contains(downBroker, Enumerable.Range(0, 3).Select(p => cluster.LeaderOf(topic, p)));

        using var producer = IdempotentProducer(cluster.BootstrapServers);
        await ProduceToEveryPartition(producer, topic, "before");

        cluster.SetBrokerDown(downBroker);
        var leadersNow = LeadersFromMetadata(cluster.BootstrapServers, topic);
        Assert.DoesNotContain(downBroker, leadersNow);
        var whileDown = await ProduceToEveryPartition(producer, topic, "while-down");
        Assert.All(whileDown, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        cluster.SetBrokerUp(downBroker);

        using var consumer = Consumer(cluster.BootstrapServers, UniqueName("group"));
        consumer.Subscribe(topic);
        var values = ConsumeAtLeast(consumer, 6).Select(r => r.Message.Value).Order().ToList();
        consumer.Close();
        Assert.Equal(["before-0", "before-1", "before-2", "while-down-0", "while-down-1", "while-down-2"], values);
    }

    private static void ConsumeLoop(IConsumer<string, string> consumer, string topic, ConcurrentQueue<string> sink, CancellationToken stop)
    {
        consumer.Subscribe(topic);
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is not null && !result.IsPartitionEOF)
            {
                sink.Enqueue(result.Message.Value);
            }
        }
    }

    private static bool BothAssigned(IConsumer<string, string> a, IConsumer<string, string> b, int partitions)
    {
        var left = a.Assignment.Select(tp => tp.Partition.Value).ToList();
        var right = b.Assignment.Select(tp => tp.Partition.Value).ToList();
        return left.Count > 0 && right.Count > 0 && left.Union(right).Distinct().Count() == partitions;
    }

    private static async Task<bool> WaitUntil(Func<bool> condition, CancellationToken ct)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50, ct);
        }

        return true;
    }

    private static Task<DeliveryResult<string, string>[]> ProduceToEveryPartition(IProducer<string, string> producer, string topic, string label) =>
        Task.WhenAll(Enumerable.Range(0, 3).Select(p =>
            producer.ProduceAsync(new TopicPartition(topic, p), new Message<string, string> { Key = $"p{p}", Value = $"{label}-{p}" })));

    private static List<int> LeadersFromMetadata(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.Leader).ToList();
    }
}
