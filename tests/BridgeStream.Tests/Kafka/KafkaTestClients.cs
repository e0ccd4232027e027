using Confluent.Kafka;

namespace BridgeStream.Tests.Kafka;

/// <summary>Client settings for tests: idempotent producers, manual-commit consumers that re-form groups quickly.</summary>
internal static class KafkaTestClients
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static IProducer<string, string> IdempotentProducer(string bootstrap) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 30_000,
        }).Build();

    public static ConsumerConfig ConsumerConfig(string bootstrap, string groupId) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        // The mock re-forms an emptied group only after the session timeout; keep it short.
        SessionTimeoutMs = 6_000,
        HeartbeatIntervalMs = 500,
    };

    public static IConsumer<string, string> Consumer(string bootstrap, string groupId) =>
        new ConsumerBuilder<string, string>(ConsumerConfig(bootstrap, groupId)).Build();

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Consumes until <paramref name="count"/> records arrived or the deadline passed (then the caller's asserts fail).</summary>
    public static List<ConsumeResult<string, string>> ConsumeAtLeast(IConsumer<string, string> consumer, int count)
    {
        var results = new List<ConsumeResult<string, string>>();
        var until = DateTime.UtcNow + Deadline;
        while (results.Count < count && DateTime.UtcNow < until)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null && !result.IsPartitionEOF)
            {
                results.Add(result);
            }
        }

        return results;
    }

    public static async Task<List<DeliveryResult<string, string>>> ProduceKeyedAsync(
        IProducer<string, string> producer, string topic, IEnumerable<(string Key, string Value)> messages)
    {
        var sends = messages.Select(m => producer.ProduceAsync(topic, new Message<string, string> { Key = m.Key, Value = m.Value }));
        return [.. await Task.WhenAll(sends)];
    }
}
