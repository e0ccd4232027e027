using System.Globalization;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Alerting;

public enum AlertSubjectKind
{
    Message = 1,
    Chain = 2,
    Route = 3,
}

/// <summary>What an alert is about: a message, a chain or a route (and, for value at risk, the asset).</summary>
public sealed record AlertSubject(AlertSubjectKind Kind, Hash32 MessageId = default, Protocol Protocol = Protocol.Unspecified, ulong SourceChainId = 0, ulong DestinationChainId = 0, ulong ChainId = 0, Address? Asset = null)
{
    public static AlertSubject ForMessage(in OpenMessage m) => new(AlertSubjectKind.Message, m.Id, m.Protocol, m.Source, m.Destination);

    public static AlertSubject ForChain(ulong chainId) => new(AlertSubjectKind.Chain, ChainId: chainId);

    public static AlertSubject ForRoute(ulong source, ulong destination, Address? asset) => new(AlertSubjectKind.Route, SourceChainId: source, DestinationChainId: destination, Asset: asset);

    /// <summary>The stable part of the dedup key: message:0x…, chain:902, route:900->901 (route:900->901:0xtoken for a token).</summary>
    public string Key => Kind switch
    {
        AlertSubjectKind.Message => "message:" + MessageId,
        AlertSubjectKind.Chain => "chain:" + ChainId.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"route:{SourceChainId}->{DestinationChainId}") + (Asset is { } a ? ":" + a : ""),
    };
}

/// <summary>
/// One state change of one alert: the unit that is recorded (ClickHouse alerts, once per <see cref="TransitionId"/>)
/// and notified (Kafka, webhooks, GraphQL). Times are unix milliseconds; <see cref="ChangedAtMs"/> is the wall-clock time
/// of the evaluation that made the change.
/// </summary>
public sealed record AlertChange
{
    public required string DedupKey { get; init; }

    public required string RuleId { get; init; }

    public required AlertRuleType RuleType { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required AlertState State { get; init; }

    public AlertState? PreviousState { get; init; }

    public required AlertSubject Subject { get; init; }

    public string Summary { get; init; } = "";

    public double ObservedValue { get; init; }

    public double Threshold { get; init; }

    /// <summary>Unit of <see cref="ObservedValue"/> and <see cref="Threshold"/>: "s", "blocks" or the asset's smallest unit ("wei").</summary>
    public string Unit { get; init; } = "s";

    public AlertClock Clock { get; init; }

    /// <summary>When this episode started (its first state, pending or firing): with the dedup key, it identifies the episode.</summary>
    public required long StartedAtMs { get; init; }

    public long? FiredAtMs { get; init; }

    public long? ResolvedAtMs { get; init; }

    public required long ChangedAtMs { get; init; }

    /// <summary>The Kafka partition of bridge.events.v1 whose owner evaluates it (the message's); -1 for chain and route alerts.</summary>
    public int Partition { get; init; }

    /// <summary>Unique per state change and stable across retries and restarts: receivers deduplicate on it.</summary>
    public string TransitionId => TransitionIdOf(DedupKey, StartedAtMs, State);

    /// <summary>A version that grows with every change of one dedup key (episodes start later than the previous one ended).</summary>
    public ulong Version => ((ulong)StartedAtMs * 4) + (ulong)State;

    public static string TransitionIdOf(string dedupKey, long startedAtMs, AlertState state) =>
        string.Create(CultureInfo.InvariantCulture, $"{dedupKey}@{startedAtMs}#{state.ToString().ToUpperInvariant()}");
}

/// <summary>An alert that is pending or firing, as the engine holds it.</summary>
public sealed class ActiveAlert
{
    public required string DedupKey { get; init; }

    public required string RuleId { get; init; }

    public required AlertSubject Subject { get; init; }

    public required int Partition { get; init; }

    public AlertRuleType RuleType { get; set; }

    public AlertSeverity Severity { get; set; }

    public AlertState State { get; set; }

    public long StartedAtMs { get; set; }

    public long? FiredAtMs { get; set; }

    /// <summary>Since when the condition holds, on the rule's clock (message rules: the due time; others: the wall clock).</summary>
    public long SinceMs { get; set; }

    public string Summary { get; set; } = "";

    public double ObservedValue { get; set; }

    public double Threshold { get; set; }

    public string Unit { get; set; } = "s";

    public AlertClock Clock { get; set; }

    public static string KeyOf(string ruleId, AlertSubject subject) => ruleId + "/" + subject.Key;

    public AlertChange Change(AlertState to, AlertState? from, long nowMs) => new()
    {
        DedupKey = DedupKey,
        RuleId = RuleId,
        RuleType = RuleType,
        Severity = Severity,
        State = to,
        PreviousState = from,
        Subject = Subject,
        Summary = Summary,
        ObservedValue = ObservedValue,
        Threshold = Threshold,
        Unit = Unit,
        Clock = Clock,
        StartedAtMs = StartedAtMs,
        FiredAtMs = FiredAtMs,
        ResolvedAtMs = to == AlertState.Resolved ? nowMs : null,
        ChangedAtMs = nowMs,
        Partition = Partition,
    };

    /// <summary>Rebuilds an active alert from its last recorded change (after a restart or a rebalance).</summary>
    public static ActiveAlert FromChange(AlertChange c) => new()
    {
        DedupKey = c.DedupKey,
        RuleId = c.RuleId,
        Subject = c.Subject,
        Partition = c.Partition,
        RuleType = c.RuleType,
        Severity = c.Severity,
        State = c.State,
        StartedAtMs = c.StartedAtMs,
        FiredAtMs = c.FiredAtMs,
        SinceMs = c.StartedAtMs,
        Summary = c.Summary,
        ObservedValue = c.ObservedValue,
        Threshold = c.Threshold,
        Unit = c.Unit,
        Clock = c.Clock,
    };
}
