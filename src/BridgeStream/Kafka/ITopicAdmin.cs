namespace BridgeStream.Kafka;

/// <summary>
/// Creates the topics the application needs. Behind an interface because the embedded mock cluster does not implement
/// the Kafka admin API (CreateTopics answers Local_UnsupportedFeature), while a real broker needs exactly that API.
/// </summary>
public interface ITopicAdmin
{
    /// <summary>Creates every missing topic; topics that already exist count as success (safe to call on every start).</summary>
    Task EnsureTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken ct);
}
