using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Api.Alerts;

/// <summary>The arguments of <c>alerts</c> and <c>alertChanged</c>, in SQL and in memory (the two agree).</summary>
public sealed record AlertFilter(string? State, string? Severity, string? Rule, string? RuleType, long? SourceChainId, long? DestinationChainId, long? ChainId, string? MessageId)
{
    public bool Matches(AlertChange c) =>
        (State is null || State == AlertRows.StateName(c.State))
        && (Severity is null || Severity == AlertRows.SeverityName(c.Severity))
        && (Rule is null || Rule == c.RuleId)
        && (RuleType is null || RuleType == AlertRows.RuleTypeName(c.RuleType))
        && (SourceChainId is null || (c.Subject.Kind != AlertSubjectKind.Chain && (ulong)SourceChainId == c.Subject.SourceChainId))
        && (DestinationChainId is null || (c.Subject.Kind != AlertSubjectKind.Chain && (ulong)DestinationChainId == c.Subject.DestinationChainId))
        && (ChainId is null || (c.Subject.Kind == AlertSubjectKind.Chain && (ulong)ChainId == c.Subject.ChainId))
        && (MessageId is null || string.Equals(MessageId, c.Subject.MessageId.ToString(), StringComparison.OrdinalIgnoreCase));

    public string Where(ClickHouseParameterCollection parameters)
    {
        var where = new List<string> { "1" };
        void Add(string column, string type, object? value, string name)
        {
            if (value is not null)
            {
                parameters.AddParameter(name, value);
                where.Add($"{column} = {{{name}:{type}}}");
            }
        }

        Add("state", "String", State, "state");
        Add("severity", "String", Severity, "severity");
        Add("rule_id", "String", Rule, "rule");
        Add("rule_type", "String", RuleType, "rule_type");
        Add("source_chain_id", "UInt64", SourceChainId is { } s ? (ulong)s : null, "source");
        Add("destination_chain_id", "UInt64", DestinationChainId is { } d ? (ulong)d : null, "destination");
        Add("chain_id", "UInt64", ChainId is { } c ? (ulong)c : null, "chain");
        Add("message_id", "String", MessageId?.ToLowerInvariant(), "message");
        if (SourceChainId is not null || DestinationChainId is not null)
        {
            where.Add("NOT startsWith(subject, 'chain:')");
        }

        if (ChainId is not null)
        {
            where.Add("startsWith(subject, 'chain:')");
        }

        return string.Join(" AND ", where);
    }
}
