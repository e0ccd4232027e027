namespace BridgeStream.Kafka;

/// <summary>A topic the application needs. Validated on construction so bad configuration fails where it is written.</summary>
public sealed record TopicSpec
{
    public TopicSpec(string name, int partitions, int replicationFactor)
    {
        TopicNames.Validate(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        Name = name;
        Partitions = partitions;
        ReplicationFactor = replicationFactor;
    }

    public string Name { get; }

    public int Partitions { get; }

    public int ReplicationFactor { get; }
}
