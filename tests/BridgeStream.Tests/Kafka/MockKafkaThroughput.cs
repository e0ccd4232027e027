using System.Diagnostics;
using BridgeStream.Embedded.Kafka;
using Confluent.Kafka;

namespace BridgeStream.Tests.Kafka;

/// <summary>
/// Throughput of the embedded mock cluster (a measurement to report, not a timed assertion). Opt-in because it moves
/// 200 MB: set BRIDGESTREAM_KAFKA_THROUGHPUT=1. The topic has 64 partitions so 1M x 200 B stays under the mock's
/// ~5 MiB kept per partition and the consumer can read every record back.
/// </summary>
public sealed class MockKafkaThroughput(ITestOutputHelper output)
{
    private const int Messages = 1_000_000;
    private const int ValueBytes = 200;
    private const int Partitions = 64;

    [Fact]
    public void Idempotent_producer_and_consumer_messages_per_second()
    {
        if (Environment.GetEnvironmentVariable("BRIDGESTREAM_KAFKA_THROUGHPUT") != "1")
        {
            Assert.Skip("Opt-in measurement: set BRIDGESTREAM_KAFKA_THROUGHPUT=1.");
        }

        using var cluster = MockKafkaCluster.Start(brokers: 3);
        var topic = KafkaTestClients.UniqueName("throughput");
        cluster.CreateTopic(topic, Partitions, 3);

        var (produced, produceSeconds) = Produce(cluster.BootstrapServers, topic);
        var (consumed, consumeSeconds) = Consume(cluster.BootstrapServers, topic);

        output.WriteLine($"producer: {Messages} x {ValueBytes} B in {produceSeconds:F2} s = {Messages / produceSeconds:N0} msgs/s");
        output.WriteLine($"consumer: {consumed} in {consumeSeconds:F2} s = {consumed / consumeSeconds:N0} msgs/s");
        Assert.Equal(Messages, produced);
        Assert.Equal(Messages, consumed);
    }

    private static (long Delivered, double Seconds) Produce(string bootstrap, string topic)
    {
        var config = new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 20, BatchSize = 1_000_000 };
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var value = new byte[ValueBytes];
        long delivered = 0, failed = 0;
        void OnReport(DeliveryReport<string, byte[]> r) => Interlocked.Increment(ref r.Error.IsError ? ref failed : ref delivered);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++)
        {
            ProduceWithBackpressure(producer, topic, new Message<string, byte[]> { Key = $"key-{i % 10_000}", Value = value }, OnReport);
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        clock.Stop();
        Assert.Equal(0, failed);
        return (delivered, clock.Elapsed.TotalSeconds);
    }

    private static void ProduceWithBackpressure(
        IProducer<string, byte[]> producer, string topic, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>> onReport)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onReport);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private static (long Consumed, double Seconds) Consume(string bootstrap, string topic)
    {
        var config = KafkaTestClients.ConsumerConfig(bootstrap, KafkaTestClients.UniqueName("throughput"));
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        long consumed = 0;
        var idleSince = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        while (consumed < Messages && DateTime.UtcNow - idleSince < TimeSpan.FromSeconds(10))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false })
            {
                consumed++;
                idleSince = DateTime.UtcNow;
            }
        }

        clock.Stop();
        consumer.Close();
        return (consumed, clock.Elapsed.TotalSeconds);
    }
}
