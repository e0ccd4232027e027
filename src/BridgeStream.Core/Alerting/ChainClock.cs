namespace BridgeStream.Core.Alerting;

/// <summary>
/// What the ingestion had established about one chain when it was read: the checkpoint (every event in blocks up to
/// <see cref="CheckpointBlock"/> was acknowledged by Kafka before <see cref="CheckpointWrittenAtMs"/>, the ingestor's clock)
/// and the newest head observation (at <see cref="HeadObservedAtMs"/> the chain's latest block was <see cref="HeadNumber"/>).
/// </summary>
public readonly record struct ChainProgress(
    ulong ChainId,
    ulong CheckpointBlock,
    long CheckpointBlockTimeMs,
    long CheckpointWrittenAtMs,
    ulong HeadNumber,
    long HeadObservedAtMs);

/// <summary>
/// Event-time clocks for the message timers. A message's timers run on its destination chain's clock: the time up to
/// which every event of that chain has been ingested AND applied by the processor owning the message's partition. So a
/// backfill, an ingestor that lags or is down, or a processor that restarts and re-reads its backlog, delays alerts
/// instead of turning delivered messages into false "stuck" ones.
///
/// Each reading of the chain's <see cref="ChainProgress"/> yields an assertion (U, K): "every event of the chain before K
/// was in Kafka before U". K is the checkpoint block's time, or, when the checkpoint has reached the head that was last
/// observed (the ingestor is caught up, and its head heartbeats say the chain has nothing newer), that observation's time
/// minus <see cref="HeadMarginMs"/>; so a chain that stops producing blocks does not stop the clocks of messages waiting
/// for it. A partition's clock for the chain is the K of the newest assertion whose U is at or before the partition's
/// applied watermark (everything Kafka acknowledged before it has been applied), never later than the wall clock.
/// </summary>
public sealed class ChainClock
{
    /// <summary>Between reading a chain's latest block and stamping the observation a block may appear.</summary>
    public const long HeadMarginMs = 250;

    private const int MaxAssertions = 4096;
    private readonly Dictionary<ulong, List<(long WrittenAtMs, long KnownThroughMs)>> _assertions = [];

    public IEnumerable<ulong> Chains => _assertions.Keys;

    public void Observe(ChainProgress p)
    {
        var known = p.CheckpointBlockTimeMs;
        if (p.HeadNumber > 0 && p.CheckpointBlock >= p.HeadNumber)
        {
            known = Math.Max(known, p.HeadObservedAtMs - HeadMarginMs);
        }

        if (!_assertions.TryGetValue(p.ChainId, out var list))
        {
            _assertions[p.ChainId] = list = [];
        }

        if (list.Count > 0 && list[^1].WrittenAtMs == p.CheckpointWrittenAtMs && list[^1].KnownThroughMs == known)
        {
            return;
        }

        if (list.Count > 0 && p.CheckpointWrittenAtMs < list[^1].WrittenAtMs)
        {
            return; // an older reading (replicas, clocks): the newer one stands
        }

        list.Add((p.CheckpointWrittenAtMs, known));
        if (list.Count > MaxAssertions)
        {
            list.RemoveRange(0, list.Count - MaxAssertions);
        }
    }

    /// <summary>The chain's clock for a partition applied through <paramref name="appliedThroughMs"/>; null when unknown.</summary>
    public long? KnownThrough(ulong chainId, long appliedThroughMs, long nowMs)
    {
        if (!_assertions.TryGetValue(chainId, out var list))
        {
            return null;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].WrittenAtMs <= appliedThroughMs)
            {
                return Math.Min(list[i].KnownThroughMs, nowMs);
            }
        }

        return null;
    }

    /// <summary>Forgets assertions that no partition needs any more (older than the newest usable one at <paramref name="minAppliedMs"/>).</summary>
    public void Prune(long minAppliedMs)
    {
        foreach (var list in _assertions.Values)
        {
            var keepFrom = list.FindLastIndex(a => a.WrittenAtMs <= minAppliedMs);
            if (keepFrom > 0)
            {
                list.RemoveRange(0, keepFrom);
            }
        }
    }
}
