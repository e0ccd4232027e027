namespace BridgeStream.Core.Correlation;

/// <summary>
/// Waiting periods of one rollup that configuration sets (a devnet compresses them; a chain the protocol tables do not
/// list needs them): the challenge window a withdrawal from it waits out, and the lifetime of a retryable ticket on it.
/// </summary>
public sealed record ChainTiming(ulong ChainId, long? ChallengeWindowSeconds = null, long? RetryableLifetimeSeconds = null);

/// <summary>Configured <see cref="ChainTiming"/> by chain; a protocol module falls back to its own published values.</summary>
public sealed class TimingTable
{
    private readonly Dictionary<ulong, ChainTiming> _chains;

    public TimingTable(IEnumerable<ChainTiming> chains) => _chains = chains.ToDictionary(c => c.ChainId);

    public static TimingTable Empty { get; } = new([]);

    public long? ChallengeWindowSeconds(ulong chainId) => _chains.GetValueOrDefault(chainId)?.ChallengeWindowSeconds;

    public long? RetryableLifetimeSeconds(ulong chainId) => _chains.GetValueOrDefault(chainId)?.RetryableLifetimeSeconds;
}

/// <summary>
/// When a message's waiting ends (unix seconds, block time): <see cref="FinalizableAt"/> when its challenge window ends
/// (it can be finalized or executed on L1 from then on), <see cref="ExpiresAt"/> when it can no longer be executed
/// (an unredeemed retryable ticket). Null when the protocol has no such deadline or it does not apply yet.
/// </summary>
public readonly record struct MessageDeadlines(long? FinalizableAt, long? ExpiresAt)
{
    public static MessageDeadlines None => default;
}
