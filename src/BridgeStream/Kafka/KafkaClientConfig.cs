using Confluent.Kafka;

namespace BridgeStream.Kafka;

/// <summary>
/// Client configurations built from <see cref="KafkaOptions"/>; the same settings for the mock cluster and a real broker.
/// <c>Kafka:Client:&lt;librdkafka key&gt;</c> entries are applied last, so they override the defaults below.
/// </summary>
public static class KafkaClientConfig
{
    public static ProducerConfig Producer(KafkaOptions options, string clientId)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = RequireBootstrap(options),
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchSize = 1_000_000,
            CompressionType = CompressionType.Lz4,
            // librdkafka buffers up to 1 GB by default. 32 MB is about a second of the fastest backfill (~100k events/s
            // of ~250 B) and bounds the ingestor's native memory; a full queue pushes back on the ingestor through
            // Local_QueueFull, which EventPublisher waits out.
            QueueBufferingMaxKbytes = 32 * 1024,
            // murmur2 is the Java client's partitioner: the same key lands in the same partition whichever client produced it.
            Partitioner = Partitioner.Murmur2Random,
        };
        return WithClientSettings(config, options);
    }

    public static ConsumerConfig Consumer(KafkaOptions options, string clientId) => WithClientSettings(
        new ConsumerConfig
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
            // The pre-fetch queue holds 64 MB by default; 16 MB is about a dozen processor batches of 5000 events and keeps
            // the processor's native memory bounded (measured: about 75 MB less peak RSS in the backfill bench).
            QueuedMaxMessagesKbytes = 16 * 1024,
        },
        options);

    private static string RequireBootstrap(KafkaOptions options) =>
        string.IsNullOrWhiteSpace(options.BootstrapServers)
            ? throw new InvalidOperationException("Kafka:BootstrapServers is empty and no embedded Kafka was started.")
            : options.BootstrapServers;

    private static T WithClientSettings<T>(T config, KafkaOptions options)
        where T : ClientConfig
    {
        foreach (var (key, value) in options.Client)
        {
            config.Set(key, value);
        }

        return config;
    }
}
