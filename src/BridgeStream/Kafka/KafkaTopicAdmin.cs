using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace BridgeStream.Kafka;

/// <summary>Topic creation on a real Kafka cluster through the admin API.</summary>
public sealed class KafkaTopicAdmin : ITopicAdmin, IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);

    private readonly IAdminClient admin;

    public KafkaTopicAdmin(string bootstrapServers)
        : this(new AdminClientConfig { BootstrapServers = bootstrapServers })
    {
    }

    public KafkaTopicAdmin(AdminClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(config.BootstrapServers, nameof(config));
        admin = new AdminClientBuilder(config).Build();
    }

    public async Task EnsureTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            return;
        }

        // GetMetadata blocks; keep it off the caller's thread.
        var metadata = await Task.Run(ReadMetadata, ct);
        // Topics that exist are left alone: this also lets processes attached to the embedded mock cluster (whose admin
        // API cannot create topics) start, since the process that owns the cluster created them.
        var existing = metadata.Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var specifications = topics.Where(t => !existing.Contains(t.Name)).Select(t => ToSpecification(t, metadata.Brokers.Count)).ToList();
        if (specifications.Count == 0)
        {
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = CreateTimeout }).WaitAsync(ct);
        }
        catch (CreateTopicsException ex)
        {
            ThrowUnlessAllExist(ex);
        }
    }

    public void Dispose() => admin.Dispose();

    private Metadata ReadMetadata()
    {
        var metadata = admin.GetMetadata(MetadataTimeout);
        if (metadata.Brokers.Count == 0)
        {
            throw new InvalidOperationException("Kafka metadata lists no brokers; cannot create topics.");
        }

        return metadata;
    }

    /// <summary>A replication factor above the broker count would be refused; clamping lets one topic list serve 1-broker and 3-broker clusters.</summary>
    private static TopicSpecification ToSpecification(TopicSpec topic, int brokerCount)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = topic.Partitions,
            ReplicationFactor = (short)Math.Min(topic.ReplicationFactor, Math.Min(brokerCount, short.MaxValue)),
        };
    }

    private static void ThrowUnlessAllExist(CreateTopicsException ex)
    {
        var failures = ex.Results
            .Where(r => r.Error.Code is not ErrorCode.NoError and not ErrorCode.TopicAlreadyExists)
            .Select(r => $"{r.Topic}: {r.Error.Reason} ({r.Error.Code})")
            .ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Kafka refused to create topics: " + string.Join("; ", failures), ex);
        }
    }
}
