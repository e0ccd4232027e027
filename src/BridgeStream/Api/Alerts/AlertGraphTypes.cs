using BridgeStream.Alerting;
using BridgeStream.Api.Scalars;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Events;
using GraphQL;
using GraphQL.Types;

namespace BridgeStream.Api.Alerts;

public sealed class AlertStateGraphType : EnumerationGraphType
{
    public AlertStateGraphType()
    {
        Name = "AlertState";
        Add("PENDING", "PENDING", "The condition holds, not yet for as long as the rule's `for` asks.");
        Add("FIRING", "FIRING", "The condition holds (for long enough): notified.");
        Add("RESOLVED", "RESOLVED", "The condition cleared (or the rule was removed).");
    }
}

public sealed class AlertSeverityGraphType : EnumerationGraphType
{
    public AlertSeverityGraphType()
    {
        Name = "AlertSeverity";
        Add("WARNING", "WARNING", "Needs attention, can wait for working hours.");
        Add("CRITICAL", "CRITICAL", "Pages the on-call engineer.");
    }
}

public sealed class AlertRuleTypeGraphType : EnumerationGraphType
{
    public AlertRuleTypeGraphType()
    {
        Name = "AlertRuleType";
        Add("UNDELIVERED", "UNDELIVERED", "A message not executed on its destination this long after its send (delayed, stuck).");
        Add("RELAY_FAILED", "RELAY_FAILED", "A message whose execution failed, or that arrived but was never executed, awaiting a replay.");
        Add("RETRYABLE_EXPIRY", "RETRYABLE_EXPIRY", "An unredeemed message close to (or past) its expiry.");
        Add("WITHDRAWAL_FINALIZATION", "WITHDRAWAL_FINALIZATION", "A withdrawal not finalized long after its challenge window ended.");
        Add("CHAIN_LIVENESS", "CHAIN_LIVENESS", "No new block seen for a chain.");
        Add("FINALITY_STALLED", "FINALITY_STALLED", "A chain's finalized head not advancing.");
        Add("INGEST_LAG", "INGEST_LAG", "Ingestion lagging behind a chain's head.");
        Add("VALUE_AT_RISK", "VALUE_AT_RISK", "Value in flight on a route above a threshold.");
        Add("SETTLEMENT_STALLED", "SETTLEMENT_STALLED", "A rollup's state not settled on L1 for too long.");
    }
}

public sealed class AlertClockGraphType : EnumerationGraphType
{
    public AlertClockGraphType()
    {
        Name = "AlertClock";
        Add("EVENT_TIME", "EVENT_TIME", "The destination chain's time up to which the pipeline has applied every event (message rules, ingest lag).");
        Add("WALL_CLOCK", "WALL_CLOCK", "The wall clock (chain liveness and finality, value at risk).");
    }
}

/// <summary>The GraphQL <c>Alert</c> type: an alert as of its latest recorded change.</summary>
public sealed class AlertGraphType : ObjectGraphType<AlertChange>
{
    public AlertGraphType()
    {
        Name = "Alert";
        Description = "An alert as of its latest recorded change.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The dedup key, \"<rule id>/<subject>\": stable for the alert's whole life.").Resolve(c => c.Source.DedupKey);
        Field<NonNullGraphType<StringGraphType>>("rule").Description("The rule's id in the rules file.").Resolve(c => c.Source.RuleId);
        Field<NonNullGraphType<AlertRuleTypeGraphType>>("ruleType").Resolve(c => AlertRows.RuleTypeName(c.Source.RuleType));
        Field<NonNullGraphType<AlertSeverityGraphType>>("severity").Resolve(c => AlertRows.SeverityName(c.Source.Severity));
        Field<NonNullGraphType<AlertStateGraphType>>("state").Resolve(c => AlertRows.StateName(c.Source.State));
        Field<NonNullGraphType<StringGraphType>>("summary").Resolve(c => c.Source.Summary);
        Field<NonNullGraphType<StringGraphType>>("subject").Description("message:0x..., chain:<id> or route:<source>-><destination>.").Resolve(c => c.Source.Subject.Key);
        Field<IdGraphType>("messageId").Description("The message (for message alerts).").Resolve(c => c.Source.Subject.MessageId.IsZero ? null : c.Source.Subject.MessageId.ToString());
        Field<ProtocolGraphType>("protocol").Resolve(c => c.Source.Subject.Protocol == Protocol.Unspecified ? null : ClickHouseRows.ProtocolName(c.Source.Subject.Protocol));
        Field<LongScalarGraphType>("sourceChainId").Resolve(c => c.Source.Subject.Kind == AlertSubjectKind.Chain ? null : (long)c.Source.Subject.SourceChainId);
        Field<LongScalarGraphType>("destinationChainId").Resolve(c => c.Source.Subject.Kind == AlertSubjectKind.Chain ? null : (long)c.Source.Subject.DestinationChainId);
        Field<LongScalarGraphType>("chainId").Description("The chain (for chain alerts).").Resolve(c => c.Source.Subject.Kind == AlertSubjectKind.Chain ? (long)c.Source.Subject.ChainId : null);
        Field<FloatGraphType>("observedValue").Description("What was measured at the latest change, in `unit`.").Resolve(c => c.Source.ObservedValue);
        Field<FloatGraphType>("threshold").Description("The rule's threshold it was compared with, in `unit`.").Resolve(c => c.Source.Threshold);
        Field<NonNullGraphType<StringGraphType>>("unit").Description("s, blocks, wei or token units.").Resolve(c => c.Source.Unit);
        Field<NonNullGraphType<AlertClockGraphType>>("clock").Description("What the condition was evaluated against.").Resolve(c => AlertRows.ClockName(c.Source.Clock));
        Field<NonNullGraphType<UtcDateTimeGraphType>>("startedAt").Description("When this episode started (pending, or firing at once).").Resolve(c => AlertRows.Time(c.Source.StartedAtMs));
        Field<UtcDateTimeGraphType>("firedAt").Resolve(c => c.Source.FiredAtMs is { } ms ? AlertRows.Time(ms) : null);
        Field<UtcDateTimeGraphType>("resolvedAt").Resolve(c => c.Source.ResolvedAtMs is { } ms ? AlertRows.Time(ms) : null);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("updatedAt").Description("When its latest change was recorded.").Resolve(c => AlertRows.Time(c.Source.ChangedAtMs));
    }
}

/// <summary>The GraphQL <c>AlertChange</c> type: one state change, as <c>alertChanged</c> streams it.</summary>
public sealed class AlertChangeGraphType : ObjectGraphType<AlertChange>
{
    public AlertChangeGraphType()
    {
        Name = "AlertChange";
        Description = "One state change of an alert, as alertChanged streams it.";
        Field<NonNullGraphType<IdGraphType>>("transitionId").Description("Unique per state change: \"<dedup key>@<episode start ms>#<STATE>\".").Resolve(c => c.Source.TransitionId);
        Field<NonNullGraphType<AlertStateGraphType>>("state").Resolve(c => AlertRows.StateName(c.Source.State));
        Field<AlertStateGraphType>("previousState").Description("Null for an episode's first change.").Resolve(c => c.Source.PreviousState is { } p ? AlertRows.StateName(p) : null);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("changedAt").Resolve(c => AlertRows.Time(c.Source.ChangedAtMs));
        Field<NonNullGraphType<AlertGraphType>>("alert").Description("The alert as of this change.").Resolve(c => c.Source);
    }
}

public sealed record AlertEdge(string Cursor, AlertChange Node);

public sealed record AlertConnection(IReadOnlyList<AlertEdge> Edges, PageInfo PageInfo, Func<CancellationToken, Task<long>> CountTotal);

public sealed class AlertEdgeGraphType : ObjectGraphType<AlertEdge>
{
    public AlertEdgeGraphType()
    {
        Name = "AlertEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<AlertGraphType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class AlertConnectionGraphType : ObjectGraphType<AlertConnection>
{
    public AlertConnectionGraphType()
    {
        Name = "AlertConnection";
        Field<NonNullGraphType<LongScalarGraphType>>("totalCount").ResolveAsync(async c => await c.Source.CountTotal(c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertEdgeGraphType>>>>("edges").WithComplexityImpact(1, 1).Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}

/// <summary>The GraphQL <c>AlertRoute</c> input: a source and/or destination chain.</summary>
public sealed class AlertRouteInputGraphType : InputObjectGraphType<AlertRoute>
{
    public AlertRouteInputGraphType()
    {
        Name = "AlertRoute";
        Field<LongScalarGraphType>("sourceChainId");
        Field<LongScalarGraphType>("destinationChainId");
    }
}

public sealed class AlertRoute
{
    public long? SourceChainId { get; set; }

    public long? DestinationChainId { get; set; }
}
