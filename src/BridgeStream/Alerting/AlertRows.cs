using BridgeStream.ClickHouse;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Alerting;

/// <summary>Row layouts of schemas/clickhouse/0005_alerts.sql (checked against the DDL by tests) and the stored names.</summary>
internal static class AlertRows
{
    public static readonly string[] ChangeColumns =
    [
        "transition_id", "dedup_key", "state", "previous_state", "rule_id", "rule_type", "severity", "subject", "message_id",
        "protocol", "source_chain_id", "destination_chain_id", "chain_id", "asset", "summary", "observed_value", "threshold",
        "unit", "clock", "started_at", "fired_at", "resolved_at", "changed_at", "kafka_partition",
    ];

    public static readonly string[] StateColumns = [.. ChangeColumns, "version"];

    /// <summary>The select list that <see cref="Read"/> reads, in order.</summary>
    public static readonly string SelectList = string.Join(", ", ChangeColumns.Select(c => c switch
    {
        "started_at" or "changed_at" => $"toInt64(toUnixTimestamp64Milli({c}))",
        "fired_at" or "resolved_at" => $"toInt64(ifNull(toUnixTimestamp64Milli({c}), -1))",
        _ => c,
    }));

    public static object[] Change(AlertChange c) =>
    [
        c.TransitionId, c.DedupKey, StateName(c.State), c.PreviousState is { } p ? StateName(p) : "", c.RuleId, RuleTypeName(c.RuleType),
        SeverityName(c.Severity), c.Subject.Key, c.Subject.MessageId.IsZero ? "" : c.Subject.MessageId.ToString(),
        c.Subject.Protocol == Protocol.Unspecified ? "" : ClickHouseRows.ProtocolName(c.Subject.Protocol), c.Subject.SourceChainId,
        c.Subject.DestinationChainId, c.Subject.ChainId, c.Subject.Asset?.ToString() ?? "", c.Summary, Finite(c.ObservedValue), Finite(c.Threshold),
        c.Unit, ClockName(c.Clock), Time(c.StartedAtMs), TimeOrNull(c.FiredAtMs), TimeOrNull(c.ResolvedAtMs), Time(c.ChangedAtMs), c.Partition,
    ];

    public static object[] State(AlertChange c) => [.. Change(c), c.Version];

    /// <summary>A change read back with <see cref="SelectList"/>.</summary>
    public static AlertChange Read(System.Data.Common.DbDataReader r)
    {
        var subjectKey = r.GetString(7);
        var kind = subjectKey.StartsWith("message:", StringComparison.Ordinal) ? AlertSubjectKind.Message
            : subjectKey.StartsWith("chain:", StringComparison.Ordinal) ? AlertSubjectKind.Chain
            : AlertSubjectKind.Route;
        var subject = new AlertSubject(
            kind,
            ClickHouseRows.ParseHashOrZero(r.GetString(8)),
            ClickHouseRows.ParseProtocol(r.GetString(9)),
            Convert.ToUInt64(r.GetValue(10)),
            Convert.ToUInt64(r.GetValue(11)),
            Convert.ToUInt64(r.GetValue(12)),
            Address.TryParse(r.GetString(13), out var asset) ? asset : null);
        var fired = Convert.ToInt64(r.GetValue(20));
        var resolved = Convert.ToInt64(r.GetValue(21));
        return new AlertChange
        {
            DedupKey = r.GetString(1),
            State = ParseState(r.GetString(2)),
            PreviousState = r.GetString(3) is { Length: > 0 } previous ? ParseState(previous) : null,
            RuleId = r.GetString(4),
            RuleType = ParseRuleType(r.GetString(5)),
            Severity = r.GetString(6) == "CRITICAL" ? AlertSeverity.Critical : AlertSeverity.Warning,
            Subject = subject,
            Summary = r.GetString(14),
            ObservedValue = Convert.ToDouble(r.GetValue(15)),
            Threshold = Convert.ToDouble(r.GetValue(16)),
            Unit = r.GetString(17),
            Clock = r.GetString(18) == "WALL_CLOCK" ? AlertClock.WallClock : AlertClock.EventTime,
            StartedAtMs = Convert.ToInt64(r.GetValue(19)),
            FiredAtMs = fired < 0 ? null : fired,
            ResolvedAtMs = resolved < 0 ? null : resolved,
            ChangedAtMs = Convert.ToInt64(r.GetValue(22)),
            Partition = Convert.ToInt32(r.GetValue(23)),
        };
    }

    public static string StateName(AlertState state) => state.ToString().ToUpperInvariant();

    public static AlertState ParseState(string name) => name switch
    {
        "PENDING" => AlertState.Pending,
        "FIRING" => AlertState.Firing,
        _ => AlertState.Resolved,
    };

    public static string SeverityName(AlertSeverity severity) => severity.ToString().ToUpperInvariant();

    public static string RuleTypeName(AlertRuleType type) => ClickHouseRows.UpperSnake(type.ToString());

    public static AlertRuleType ParseRuleType(string name) =>
        Enum.GetValues<AlertRuleType>().FirstOrDefault(t => RuleTypeName(t) == name, AlertRuleType.Undelivered);

    public static string ClockName(AlertClock clock) => ClickHouseRows.UpperSnake(clock.ToString());

    public static DateTime Time(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);

    private static object TimeOrNull(long? ms) => ms is { } v ? Time(v) : null!;

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
