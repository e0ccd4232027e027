using BridgeStream.Core.Alerting;

namespace BridgeStream.Tests.Alerting;

/// <summary>Event-time clocks from the ingestion's checkpoints and heartbeats, and the chain and route rules.</summary>
public sealed class ChainAndGlobalAlertsTests
{
    private const long Ms = 1_800_000_000_000;

    [Fact]
    public void The_clock_is_the_checkpoint_block_time_or_the_head_observation_once_ingestion_has_caught_up()
    {
        var clock = new ChainClock();
        // Behind the head: only the checkpoint block's time is known.
        clock.Observe(new ChainProgress(901, CheckpointBlock: 10, CheckpointBlockTimeMs: Ms + 10_000, CheckpointWrittenAtMs: Ms + 10_500, HeadNumber: 12, HeadObservedAtMs: Ms + 12_100));
        Assert.Equal(Ms + 10_000, clock.KnownThrough(901, appliedThroughMs: Ms + 11_000, nowMs: Ms + 20_000));
        // Caught up, and the chain halted: its heartbeats say "still #20" at +60 s, so the clock keeps going.
        clock.Observe(new ChainProgress(901, 20, Ms + 20_000, Ms + 20_300, 20, Ms + 60_000));
        Assert.Equal(Ms + 60_000 - ChainClock.HeadMarginMs, clock.KnownThrough(901, Ms + 20_400, Ms + 61_000));
        // A partition that has not applied what was in Kafka at the second checkpoint still uses the first.
        Assert.Equal(Ms + 10_000, clock.KnownThrough(901, Ms + 20_000, Ms + 61_000));
        // Nothing applied yet, or a chain nobody follows: no clock.
        Assert.Null(clock.KnownThrough(901, Ms, Ms + 61_000));
        Assert.Null(clock.KnownThrough(902, Ms + 99_000, Ms + 99_000));
        // Never ahead of the wall clock.
        Assert.Equal(Ms + 30_000, clock.KnownThrough(901, Ms + 20_400, Ms + 30_000));
    }

    [Fact]
    public void A_halted_chain_fires_liveness_and_finality_and_both_resolve_when_blocks_come_back()
    {
        var rules = Rules.Parse("""
            rules:
              - id: halted
                type: chain-liveness
                severity: critical
                threshold: 30s
              - id: finality
                type: finality-stalled
                severity: warning
                threshold: 60s
            """);
        var alerts = new GlobalAlerts();
        var changes = new List<AlertChange>();
        ChainSnapshot Halted(long observed) => new(902, observed, 100, Ms, FinalizedNumber: 92, FinalizedSinceMs: Ms - 5_000, CheckpointBlock: 100, CheckpointTimeMs: Ms);

        alerts.EvaluateChains(rules, [Halted(Ms + 29_000)], Ms + 29_000, Ms + 29_000, changes);
        Assert.Empty(changes);
        alerts.EvaluateChains(rules, [Halted(Ms + 30_000)], Ms + 30_000, Ms + 30_000, changes);
        var halted = Assert.Single(changes);
        Assert.Equal(("halted/chain:902", AlertState.Firing, AlertClock.WallClock), (halted.DedupKey, halted.State, halted.Clock));
        Assert.Contains("no new block for 30 s", halted.Summary, StringComparison.Ordinal);
        Assert.Contains("the chain produces no blocks", halted.Summary, StringComparison.Ordinal);
        alerts.EvaluateChains(rules, [Halted(Ms + 55_000)], Ms + 55_000, Ms + 55_000, changes);
        Assert.Equal("finality/chain:902", changes[1].DedupKey);
        alerts.EvaluateChains(rules, [Halted(Ms + 70_000)], Ms + 70_000, Ms + 70_000, changes);
        Assert.Equal(2, changes.Count);

        changes.Clear();
        alerts.EvaluateChains(rules, [new(902, Ms + 71_000, 101, Ms + 71_000, 93, Ms + 71_000, 101, Ms + 71_000)], Ms + 71_000, Ms + 71_000, changes);
        Assert.Equal(["finality/chain:902", "halted/chain:902"], changes.Select(c => c.DedupKey).Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal(AlertState.Resolved, c.State));
    }

    [Fact]
    public void A_chain_nobody_observes_says_so_and_a_chain_missing_from_the_data_keeps_its_alert()
    {
        var rules = Rules.Parse("rules:\n  - id: halted\n    type: chain-liveness\n    severity: critical\n    threshold: 30s\n");
        var alerts = new GlobalAlerts();
        var changes = new List<AlertChange>();
        alerts.EvaluateChains(rules, [new(903, Ms, 7, Ms, 0, Ms, 7, Ms)], Ms + 45_000, Ms + 45_000, changes);
        Assert.Contains("no head observed for 45 s: is its ingestor running", Assert.Single(changes).Summary, StringComparison.Ordinal);
        alerts.EvaluateChains(rules, [], Ms + 90_000, Ms + 90_000, changes);
        Assert.Single(changes);
        Assert.Single(alerts.Active);
    }

    [Fact]
    public void A_rollup_without_settlement_for_the_threshold_of_l1_time_fires_and_resolves_on_its_next_settlement()
    {
        var rules = Rules.Parse("rules:\n  - id: settle\n    type: settlement-stalled\n    severity: critical\n    threshold: 60s\n    chainIds: [901, 904]\n");
        var rule = rules.Find("settle")!;
        var alerts = new GlobalAlerts();
        var changes = new List<AlertChange>();
        RollupSettlementSnapshot Op(long? l1Through, long settledAt = Ms) => new(901, 900, settledAt, 40, Ms - 100_000, l1Through);

        // The L1 ingested 59 s past the last settlement; then 60 s (whatever the wall clock says: event time).
        alerts.EvaluateSettlement(rule, [Op(Ms + 59_000)], Ms + 500_000, changes);
        Assert.Empty(changes);
        alerts.EvaluateSettlement(rule, [Op(Ms + 60_000)], Ms + 500_000, changes);
        var fired = Assert.Single(changes);
        Assert.Equal(("settle/chain:901", AlertState.Firing, AlertClock.EventTime, 60.0), (fired.DedupKey, fired.State, fired.Clock, fired.ObservedValue));
        Assert.Contains("rollup 901: no settlement on L1 900 for 60 s", fired.Summary, StringComparison.Ordinal);
        Assert.Contains("through L2 block #40", fired.Summary, StringComparison.Ordinal);

        // No L1 time known (its ingestion has no checkpoint) or the rollup missing from the data: the alert stays.
        alerts.EvaluateSettlement(rule, [Op(null)], Ms + 600_000, changes);
        alerts.EvaluateSettlement(rule, [], Ms + 600_000, changes);
        Assert.Single(changes);

        // A new settling step resolves it; a rollup never settled counts from its first step; a rollup the rule does
        // not name is not watched.
        changes.Clear();
        alerts.EvaluateSettlement(rule, [
            Op(Ms + 90_000, settledAt: Ms + 80_000),
            new(904, 900, null, null, Ms, Ms + 61_000),
            new(905, 900, null, null, Ms, Ms + 999_000),
        ], Ms + 600_000, changes);
        Assert.Equal([("settle/chain:901", AlertState.Resolved), ("settle/chain:904", AlertState.Firing)], changes.Select(c => (c.DedupKey, c.State)).Order());
        Assert.Contains("never settled since its first step", changes.Single(c => c.State == AlertState.Firing).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_lag_fires_on_chain_time_or_blocks_behind_the_head()
    {
        var rules = Rules.Parse("""
            rules:
              - id: lag
                type: ingest-lag
                severity: warning
                threshold: 60s
              - id: lag-blocks
                type: ingest-lag
                severity: warning
                blocks: 500
            """);
        var alerts = new GlobalAlerts();
        var changes = new List<AlertChange>();
        alerts.EvaluateChains(rules, [new(1, Ms, 1_000, Ms, 0, Ms, 950, Ms - 59_000)], Ms, Ms, changes);
        Assert.Empty(changes);
        alerts.EvaluateChains(rules, [new(1, Ms, 1_600, Ms + 61_000, 0, Ms, 1_000, Ms)], Ms + 61_000, Ms + 61_000, changes);
        Assert.Equal(["lag", "lag-blocks"], changes.Select(c => c.RuleId).Order());
        Assert.Equal((600.0, 500.0, "blocks"), (changes.Single(c => c.RuleId == "lag-blocks").ObservedValue, changes.Single(c => c.RuleId == "lag-blocks").Threshold, changes.Single(c => c.RuleId == "lag-blocks").Unit));
        changes.Clear();
        alerts.EvaluateChains(rules, [new(1, Ms, 1_601, Ms + 62_000, 0, Ms, 1_601, Ms + 62_000)], Ms + 62_000, Ms + 62_000, changes);
        Assert.Equal(2, changes.Count(c => c.State == AlertState.Resolved));
    }

    [Fact]
    public void Value_at_risk_goes_pending_then_firing_per_route_and_resolves_when_the_route_empties()
    {
        var rules = Rules.Parse("""
            rules:
              - id: var
                type: value-at-risk
                severity: critical
                threshold: 1000
                for: 10s
            """);
        var rule = rules.Rules[0];
        var alerts = new GlobalAlerts();
        var changes = new List<AlertChange>();
        alerts.EvaluateValueAtRisk(rule, [new RouteValue(900, 901, 1000, 3), new RouteValue(900, 902, 1001, 1)], Ms, changes);
        var pending = Assert.Single(changes);
        Assert.Equal(("var/route:900->902", AlertState.Pending, 1001.0, "wei"), (pending.DedupKey, pending.State, pending.ObservedValue, pending.Unit));
        alerts.EvaluateValueAtRisk(rule, [new RouteValue(900, 902, 5000, 2)], Ms + 10_000, changes);
        Assert.Equal((AlertState.Firing, AlertState.Pending), (changes[1].State, changes[1].PreviousState!.Value));
        Assert.Contains("5000 wei of native value in flight in 2 undelivered messages", changes[1].Summary, StringComparison.Ordinal);
        alerts.EvaluateValueAtRisk(rule, [], Ms + 20_000, changes);
        Assert.Equal((AlertState.Resolved, AlertState.Firing), (changes[2].State, changes[2].PreviousState!.Value));
    }
}
