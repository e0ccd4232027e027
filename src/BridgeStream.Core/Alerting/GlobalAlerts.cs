using System.Globalization;
using System.Numerics;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Alerting;

/// <summary>A chain as the pipeline last saw it: its newest head observation and its ingestion checkpoint.</summary>
public sealed record ChainSnapshot(
    ulong ChainId,
    long LastObservedMs,
    ulong LatestNumber,
    long LatestTimeMs,
    ulong FinalizedNumber,
    long FinalizedSinceMs,
    ulong? CheckpointBlock,
    long? CheckpointTimeMs);

/// <summary>
/// A rollup's settlement on L1 as ingested: its newest settling step (a confirmed proposal, a finalized or executed
/// batch: none yet when null) and its first step of any kind, with the time up to which its L1 has been ingested.
/// </summary>
public sealed record RollupSettlementSnapshot(
    ulong RollupChainId,
    ulong L1ChainId,
    long? SettledAtMs,
    ulong? SettledL2Block,
    long FirstStepAtMs,
    long? L1IngestedThroughMs);

/// <summary>Value in flight on one route: the sum over its messages not delivered yet.</summary>
public sealed record RouteValue(ulong Source, ulong Destination, BigInteger Amount, long Messages);

/// <summary>
/// Chain and route alerts: conditions over the whole pipeline rather than one message, evaluated by the one processor
/// that owns chain.heads.v1 (so exactly one instance evaluates them). Each condition is re-evaluated every sweep:
/// pending when it first holds (firing at once without a <c>for</c>), firing once it held for <c>for</c>, resolved when
/// it stops holding. Not thread-safe.
/// </summary>
public sealed class GlobalAlerts
{
    public const int GlobalPartition = -1;

    private readonly Dictionary<string, ActiveAlert> _active = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ActiveAlert> Active => _active.Values;

    public void Restore(IEnumerable<AlertChange> latest)
    {
        foreach (var change in latest.Where(c => c.State != AlertState.Resolved && c.Subject.Kind != AlertSubjectKind.Message))
        {
            _active[change.DedupKey] = ActiveAlert.FromChange(change);
        }
    }

    /// <summary>
    /// Liveness, finality and ingestion lag of every chain in <paramref name="chains"/>, at <paramref name="clockMs"/>
    /// (the wall clock, bounded by how far the chain-heads stream has been applied). A chain missing from the snapshot
    /// keeps its alerts as they are: no data is not a recovery.
    /// </summary>
    public void EvaluateChains(AlertRuleSet rules, IReadOnlyList<ChainSnapshot> chains, long clockMs, long nowMs, List<AlertChange> changes)
    {
        foreach (var rule in rules.Rules.Where(r => r.IsChainRule))
        {
            foreach (var chain in chains.Where(c => rule.AppliesToChain(c.ChainId)))
            {
                EvaluateChain(rule, chain, clockMs, nowMs, changes);
            }
        }
    }

    /// <summary>
    /// Settlement stalled: no settling step for the rule's threshold of L1 time, counted from the newest settling step (or,
    /// for a rollup never settled yet, from its first step) to the time through which the L1 has been ingested (event
    /// time: a lagging L1 ingestion cannot make a rollup look stalled). A rollup without an ingested L1 time, or missing
    /// from <paramref name="rollups"/>, keeps its alerts as they are.
    /// </summary>
    public void EvaluateSettlement(AlertRule rule, IReadOnlyList<RollupSettlementSnapshot> rollups, long nowMs, List<AlertChange> changes)
    {
        var threshold = rule.Threshold?.TotalSeconds ?? 0;
        foreach (var rollup in rollups.Where(r => rule.AppliesToChain(r.RollupChainId)))
        {
            if (rollup.L1IngestedThroughMs is not { } clockMs)
            {
                continue;
            }

            var since = rollup.SettledAtMs ?? rollup.FirstStepAtMs;
            var age = Math.Max(0, (clockMs - since) / 1000.0);
            var settled = rollup.SettledAtMs is { } at
                ? string.Create(CultureInfo.InvariantCulture, $"last settled at {Iso(at)}{(rollup.SettledL2Block is { } block ? $" (through L2 block #{block})" : "")}")
                : $"never settled since its first step at {Iso(since)}";
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"rollup {rollup.RollupChainId}: no settlement on L1 {rollup.L1ChainId} for {Durations.Format(age)} of L1 time; {settled}");
            Observe(rule, AlertSubject.ForChain(rollup.RollupChainId), age >= threshold, age, threshold, "s", summary, AlertClock.EventTime, clockMs, nowMs, changes);
        }
    }

    /// <summary>One value-at-risk rule over the routes' sums; a route absent from <paramref name="routes"/> has nothing in flight.</summary>
    public void EvaluateValueAtRisk(AlertRule rule, IReadOnlyList<RouteValue> routes, long nowMs, List<AlertChange> changes)
    {
        var threshold = rule.ThresholdAmount ?? BigInteger.Zero;
        var unit = rule.Asset is null ? "wei" : "token units";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var subject = AlertSubject.ForRoute(route.Source, route.Destination, rule.Asset);
            seen.Add(ActiveAlert.KeyOf(rule.Id, subject));
            var what = rule.Asset is { } asset ? $"token {asset}" : "native value";
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"route {route.Source} -> {route.Destination}: {route.Amount} {unit} of {what} in flight in {route.Messages} undelivered messages (threshold {threshold})");
            Observe(rule, subject, route.Amount > threshold, (double)route.Amount, (double)threshold, unit, summary, AlertClock.WallClock, nowMs, nowMs, changes);
        }

        foreach (var alert in _active.Values.Where(a => a.RuleId == rule.Id && !seen.Contains(a.DedupKey)).ToList())
        {
            alert.Summary = $"route {alert.Subject.SourceChainId} -> {alert.Subject.DestinationChainId}: nothing in flight any more";
            alert.ObservedValue = 0;
            Resolve(alert, nowMs, changes);
        }
    }

    /// <summary>Alerts of rules that were removed (or changed type) resolve; the others take the new severity.</summary>
    public void ReplaceRules(AlertRuleSet rules, long nowMs, List<AlertChange> changes)
    {
        foreach (var alert in _active.Values.ToList())
        {
            if (rules.Find(alert.RuleId) is { } rule && rule.Type == alert.RuleType)
            {
                alert.Severity = rule.Severity;
            }
            else
            {
                Resolve(alert, nowMs, changes);
            }
        }
    }

    private void EvaluateChain(AlertRule rule, ChainSnapshot chain, long clockMs, long nowMs, List<AlertChange> changes)
    {
        var subject = AlertSubject.ForChain(chain.ChainId);
        var threshold = rule.Threshold?.TotalSeconds ?? 0;
        var id = chain.ChainId.ToString(CultureInfo.InvariantCulture);
        switch (rule.Type)
        {
            case AlertRuleType.ChainLiveness:
            {
                var age = (clockMs - chain.LatestTimeMs) / 1000.0;
                var unobserved = (clockMs - chain.LastObservedMs) / 1000.0;
                var why = unobserved > Math.Max(threshold, 1)
                    ? $"and no head observed for {Durations.Format(unobserved)}: is its ingestor running, is its RPC reachable?"
                    : "while its node is being polled: the chain produces no blocks";
                var summary = string.Create(CultureInfo.InvariantCulture,
                    $"chain {id}: no new block for {Durations.Format(age)} (latest #{chain.LatestNumber} at {Iso(chain.LatestTimeMs)}) {why}");
                Observe(rule, subject, age >= threshold, age, threshold, "s", summary, AlertClock.WallClock, clockMs, nowMs, changes);
                break;
            }

            case AlertRuleType.FinalityStalled:
            {
                if (chain.FinalizedNumber == 0)
                {
                    return; // the node serves no finalized tag: nothing to watch
                }

                var age = (clockMs - chain.FinalizedSinceMs) / 1000.0;
                var summary = string.Create(CultureInfo.InvariantCulture,
                    $"chain {id}: finalized head #{chain.FinalizedNumber} has not advanced for {Durations.Format(age)} (latest #{chain.LatestNumber})");
                Observe(rule, subject, age >= threshold, age, threshold, "s", summary, AlertClock.WallClock, clockMs, nowMs, changes);
                break;
            }

            default:
            {
                if (chain.CheckpointBlock is not { } checkpoint || chain.CheckpointTimeMs is not { } checkpointTime)
                {
                    return;
                }

                var lagSeconds = Math.Max(0, (chain.LatestTimeMs - checkpointTime) / 1000.0);
                var lagBlocks = chain.LatestNumber > checkpoint ? (long)(chain.LatestNumber - checkpoint) : 0;
                var bySeconds = rule.Threshold is not null && lagSeconds >= threshold;
                var byBlocks = rule.Blocks is { } blocks && lagBlocks >= blocks;
                var summary = string.Create(CultureInfo.InvariantCulture,
                    $"chain {id}: ingestion at #{checkpoint} lags the head #{chain.LatestNumber} by {lagBlocks} blocks, {Durations.Format(lagSeconds)} of chain time");
                var (observed, limit, unit) = rule.Threshold is null ? (lagBlocks, (double)(rule.Blocks ?? 0), "blocks") : (lagSeconds, threshold, "s");
                Observe(rule, subject, bySeconds || byBlocks, observed, limit, unit, summary, AlertClock.EventTime, clockMs, nowMs, changes);
                break;
            }
        }
    }

    private void Observe(AlertRule rule, AlertSubject subject, bool holds, double observed, double threshold, string unit, string summary, AlertClock clock, long clockMs, long nowMs, List<AlertChange> changes)
    {
        var key = ActiveAlert.KeyOf(rule.Id, subject);
        _active.TryGetValue(key, out var alert);
        if (!holds)
        {
            if (alert is not null)
            {
                (alert.ObservedValue, alert.Summary) = (observed, summary);
                Resolve(alert, nowMs, changes);
            }

            return;
        }

        if (alert is null)
        {
            var firing = rule.For <= TimeSpan.Zero;
            alert = new ActiveAlert
            {
                DedupKey = key,
                RuleId = rule.Id,
                Subject = subject,
                Partition = GlobalPartition,
                RuleType = rule.Type,
                Severity = rule.Severity,
                State = firing ? AlertState.Firing : AlertState.Pending,
                StartedAtMs = nowMs,
                FiredAtMs = firing ? nowMs : null,
                SinceMs = clockMs,
            };
            Describe(alert, observed, threshold, unit, summary, clock);
            _active[key] = alert;
            changes.Add(alert.Change(alert.State, null, nowMs));
            return;
        }

        Describe(alert, observed, threshold, unit, summary, clock);
        if (alert.State == AlertState.Pending && clockMs - alert.SinceMs >= (long)rule.For.TotalMilliseconds)
        {
            alert.State = AlertState.Firing;
            alert.FiredAtMs = nowMs;
            changes.Add(alert.Change(AlertState.Firing, AlertState.Pending, nowMs));
        }
    }

    private static void Describe(ActiveAlert alert, double observed, double threshold, string unit, string summary, AlertClock clock)
    {
        alert.ObservedValue = observed;
        alert.Threshold = threshold;
        alert.Unit = unit;
        alert.Summary = summary;
        alert.Clock = clock;
    }

    private void Resolve(ActiveAlert alert, long nowMs, List<AlertChange> changes)
    {
        changes.Add(alert.Change(AlertState.Resolved, alert.State, nowMs));
        _active.Remove(alert.DedupKey);
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
