namespace BridgeStream.Api;

/// <summary>One row of the ClickHouse <c>messages</c> table (its latest version), as the API shows it.</summary>
public sealed record MessageRecord
{
    public required string Id { get; init; }
    public required string Protocol { get; init; }
    public required string Status { get; init; }
    public string? ProofSystem { get; init; }
    public string? SourceContract { get; init; }
    public string? DestinationContract { get; init; }
    public string? Asset { get; init; }
    public string? Amount { get; init; }
    public DateTime? ArrivedAt { get; init; }
    public DateTime? ProvenAt { get; init; }
    public DateTime? FinalizableAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public string? CarriedMessageId { get; init; }
    public required long SourceChainId { get; init; }
    public required long DestinationChainId { get; init; }
    public string? Sender { get; init; }
    public string? Target { get; init; }
    public string? Value { get; init; }
    public string? Nonce { get; init; }
    public string? SourceTxHash { get; init; }
    public long? SourceBlockNumber { get; init; }
    public string? DestinationTxHash { get; init; }
    public long? DestinationBlockNumber { get; init; }
    public DateTime? SentAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
    public double? LatencySeconds { get; init; }
    public required int FailedAttempts { get; init; }

    /// <summary>The key the list is ordered by (with <see cref="Id"/>): also what a cursor encodes.</summary>
    public required long SortMillis { get; init; }

    /// <summary>The key of the LATENCY_DESC ordering: latency in milliseconds, -1 when not delivered.</summary>
    public required long LatencySortKey { get; init; }

    /// <summary>The row version (higher wins); subscriptions use it to tell new versions apart.</summary>
    public required ulong Version { get; init; }

    public required long UpdatedAtMillis { get; init; }
}
