using Confluent.Kafka;

namespace BridgeStream.Kafka;

/// <summary>Client configurations built from <see cref="KafkaOptions"/>; the same settings for the mock cluster and a real broker.</summary>
public static class KafkaClientConfig
{
    public static ProducerConfig Producer(KafkaOptions options, string clientId)
    {
        var config = new ProducerConfig(Extra(options))
        {
            BootstrapServers = RequireBootstrap(options),
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchSize = 1_000_000,
            CompressionType = CompressionType.Lz4,
            // librdkafka buffers up to 1 GB by default; 128 MB is plenty for batching and bounds memory (a full queue
            // pushes back on the ingestor through Local_QueueFull, which EventPublisher waits out).
            QueueBufferingMaxKbytes = 128 * 1024,
            // murmur2 is the Java client's partitioner: the same key lands in the same partition whichever client produced it.
            Partitioner = Partitioner.Murmur2Random,
        };
        return config;
    }

    public static ConsumerConfig Consumer(KafkaOptions options, string clientId) =>
        new(Extra(options))
        {
            BootstrapServers = RequireBootstrap(options),
            ClientId = clientId,
            GroupId = options.ConsumerGroup,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Offsets are committed by hand, only after the batch's ClickHouse writes are acknowledged.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            // Short enough that a killed processor's partitions move to a survivor within seconds.
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            FetchWaitMaxMs = 10,
        };

    private static string RequireBootstrap(KafkaOptions options) =>
        string.IsNullOrWhiteSpace(options.BootstrapServers)
            ? throw new InvalidOperationException("Kafka:BootstrapServers is empty and no embedded Kafka was started.")
            : options.BootstrapServers;

    private static Dictionary<string, string> Extra(KafkaOptions options) => new(options.Client);
}
