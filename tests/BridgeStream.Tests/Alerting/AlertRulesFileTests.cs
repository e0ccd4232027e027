using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Alerting;

/// <summary>The rules file: the repository's defaults load, and every kind of mistake is an error that says where.</summary>
public sealed class AlertRulesFileTests
{
    [Fact]
    public void The_repository_default_rules_load_and_cover_every_rule_type_with_two_severities()
    {
        var rules = AlertRulesFile.Load(Path.Combine(EmbeddedTools.RepositoryRoot, "infra", "alerts", "rules.yaml"));

        Assert.Equal(TimeSpan.FromSeconds(15), rules.EvaluationInterval);
        Assert.Contains(1UL, rules.L1ChainIds);
        Assert.Equal(Enum.GetValues<AlertRuleType>().Order(), rules.Rules.Select(r => r.Type).Distinct().Order());
        var delayed = rules.Find("message-delayed")!;
        Assert.Equal(AlertSeverity.Warning, delayed.Severity);
        Assert.Equal(TimeSpan.FromMinutes(30), delayed.Threshold);
        Assert.Equal(new AdaptiveThreshold(0.99, 3, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7), 50, TimeSpan.FromMinutes(5), null), delayed.Adaptive);
        Assert.Equal(WithdrawalScope.Exclude, delayed.Match.Withdrawals);
        Assert.Equal([MessageStatus.Sent], delayed.Statuses);
        Assert.Equal(AlertSeverity.Critical, rules.Find("message-stuck")!.Severity);
        Assert.Equal([MessageStatus.Failed, MessageStatus.Arrived], rules.Find("relay-failed")!.Statuses.Order());
        Assert.Equal(System.Numerics.BigInteger.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture), rules.Find("value-at-risk")!.ThresholdAmount);
        Assert.Equal(16, rules.Checksum.Length);
    }

    [Fact]
    public void Every_field_is_read()
    {
        var rules = Rules.Parse("""
            evaluationInterval: 500ms
            l1ChainIds: [1]
            rules:
              - id: a
                type: undelivered
                severity: critical
                description: hello
                threshold: 90
                for: 2m
                statuses: [SENT, ARRIVED]
                match:
                  protocols: [HYPERLANE, CCTP_V1]
                  excludeProtocols: [CCTP_V2]
                  sourceChainIds: [1]
                  destinationChainIds: [10, 8453]
                  excludeSourceChainIds: [5]
                  excludeDestinationChainIds: [6]
                  withdrawals: only
              - id: b
                type: ingest-lag
                severity: warning
                blocks: 100
                chainIds: [10]
              - id: c
                type: value-at-risk
                severity: warning
                threshold: 1_000
                asset: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
                minAge: 1h
                interval: 30s
            """);

        Assert.Equal(TimeSpan.FromMilliseconds(500), rules.EvaluationInterval);
        var a = rules.Rules[0];
        Assert.Equal(("hello", TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(2)), (a.Description, a.Threshold!.Value, a.For));
        Assert.Equal([MessageStatus.Sent, MessageStatus.Arrived], a.Statuses.Order());
        Assert.Equal([Protocol.Hyperlane, Protocol.CctpV1], a.Match.Protocols!.Order());
        Assert.Equal([10UL, 8453UL], a.Match.DestinationChainIds!.Order());
        Assert.Equal(WithdrawalScope.Only, a.Match.Withdrawals);
        Assert.Equal(100L, rules.Rules[1].Blocks);
        Assert.Equal([10UL], rules.Rules[1].ChainIds!);
        Assert.Equal(1000, rules.Rules[2].ThresholdAmount);
        Assert.Equal("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", rules.Rules[2].Asset.ToString());
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)), (rules.Rules[2].MinAge, rules.Rules[2].Interval));
    }

    [Theory]
    [InlineData("rules:\n  - id: a\n    type: undelivered\n    severity: warning\n    treshold: 10s\n", "line 5, column 5", "unknown key 'treshold'")]
    [InlineData("rules:\n  - id: a\n    type: undelivered\n    severity: warning\n    threshold: ten minutes\n", "line 5, column 16", "'threshold' must be a duration like")]
    [InlineData("rules:\n  - id: a\n    type: undelivered\n    severity: warning\n", "line 2, column 5", "'threshold' is required")]
    [InlineData("rules:\n  - id: a\n    type: stuck\n    severity: warning\n", "line 3, column 11", "'type' must be one of undelivered, relay-failed")]
    [InlineData("rules:\n  - id: a\n    type: chain-liveness\n    severity: page\n    threshold: 1m\n", "line 4, column 15", "'severity' must be warning or critical")]
    [InlineData("rules:\n  - id: a\n    type: relay-failed\n    severity: warning\n    match: { protocols: [OPTIMISM] }\n", "line 5", "'protocols' holds 'OPTIMISM'")]
    [InlineData("rules:\n  - id: a\n    type: relay-failed\n    severity: warning\n    statuses: [DELIVERED]\n", "line 5", "'statuses' holds 'DELIVERED'")]
    [InlineData("rules:\n  - id: a\n    type: relay-failed\n    severity: warning\n  - id: a\n    type: relay-failed\n    severity: warning\n", "line 5", "rule id 'a' is used twice")]
    [InlineData("rules:\n  - id: a\n    type: ingest-lag\n    severity: warning\n", "line 2", "needs 'threshold' (a duration of chain time) or 'blocks'")]
    [InlineData("rules:\n  - id: a\n    type: settlement-stalled\n    severity: critical\n", "line 2, column 5", "'threshold' is required")]
    [InlineData("rules:\n  - id: a\n    type: value-at-risk\n    severity: warning\n    threshold: lots\n", "line 5", "must be a whole number in the asset's smallest unit")]
    [InlineData("rules:\n  - id: a\n    type: undelivered\n    severity: warning\n    threshold: 1m\n    adaptive: { factor: 2 }\n", "line 6", "'floor' is required")]
    [InlineData("rules:\n  - id: a\n    type: undelivered\n    severity: warning\n    threshold: 1m\n  bad: [\n", "line ", "not valid YAML")]
    [InlineData("rules: {}\n", "line 1", "'rules' must be a list of rules")]
    [InlineData("- just\n- a list\n", "line 1", "one YAML mapping")]
    [InlineData("version: 2\nrules: []\n", "line 1, column 10", "'version' must be 1")]
    public void A_malformed_file_is_refused_with_where_and_what(string yaml, string where, string what)
    {
        var error = Assert.Throws<AlertRulesException>(() => Rules.Parse(yaml));

        Assert.Contains(error.Errors, e => e.Contains(where, StringComparison.Ordinal) && e.Contains(what, StringComparison.Ordinal));
        Assert.Contains("test.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var error = Assert.Throws<AlertRulesException>(() => Rules.Parse("""
            evaluationInterval: often
            rules:
              - id: a
                type: undelivered
                severity: warning
                threshold: 0s
              - id: b
                type: chain-liveness
                severity: loud
                threshold: 1m
                colour: red
            """));

        Assert.Equal(4, error.Errors.Count);
    }
}
