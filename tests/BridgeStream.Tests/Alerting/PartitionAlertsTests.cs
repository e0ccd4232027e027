using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;

namespace BridgeStream.Tests.Alerting;

/// <summary>
/// The per-partition engine on real message records: timers that fire on the destination's event-time clock, the
/// pending/firing/resolved lifecycle, one change per state, and what a restart or a takeover takes back.
/// </summary>
public sealed class PartitionAlertsTests
{
    private const long T0 = 1_800_000_000; // seconds
    private static readonly AlertRuleSet RuleSet = Rules.Parse(Rules.Basic);

    [Fact]
    public void A_message_that_never_arrives_fires_delayed_then_stuck_once_each_and_both_resolve_on_delivery()
    {
        var engine = new PartitionAlerts(0, RuleSet);
        var message = new MessageBuilder(1).Sent(T0);
        var changes = new List<AlertChange>();
        engine.Apply(message.Snapshot(), Now(0), changes);

        Sweep(engine, clockSeconds: T0 + 9, changes);
        Assert.Empty(changes);

        Sweep(engine, T0 + 10, changes);
        var delayed = Assert.Single(changes);
        Assert.Equal(("delayed/message:" + message.Id, AlertState.Firing, (AlertState?)null, AlertSeverity.Warning), (delayed.DedupKey, delayed.State, delayed.PreviousState, delayed.Severity));
        Assert.Equal((10.0, 10.0, AlertClock.EventTime), (delayed.ObservedValue, delayed.Threshold, delayed.Clock));
        Assert.Contains("not delivered 10 s after its send", delayed.Summary, StringComparison.Ordinal);

        changes.Clear();
        for (var t = T0 + 11; t < T0 + 30; t++)
        {
            Sweep(engine, t, changes);
        }

        Assert.Empty(changes); // firing alerts do not fire again
        Sweep(engine, T0 + 31, changes);
        Assert.Equal(("stuck", AlertSeverity.Critical), (Assert.Single(changes).RuleId, changes[0].Severity));

        changes.Clear();
        engine.Apply(message.Relayed(T0 + 40).Snapshot(), Now(41), changes);
        Assert.Equal(["delayed", "stuck"], changes.Select(c => c.RuleId).Order());
        Assert.All(changes, c => Assert.Equal((AlertState.Resolved, AlertState.Firing), (c.State, c.PreviousState!.Value)));
        Assert.All(changes, c => Assert.Equal(Now(41), c.ResolvedAtMs));
        Assert.Empty(engine.Active);
        Assert.Equal(0, engine.Timers.Count);
    }

    [Fact]
    public void A_portal_deposit_carrying_a_messenger_message_does_not_alert_unless_the_rule_includes_transports()
    {
        var carrier = new MessageBuilder(3, Protocol.OpStackPortal).Sent(T0);
        carrier.Record.CarriedMessageId = new MessageBuilder(1).Id;
        var excluding = new PartitionAlerts(0, RuleSet);
        var changes = new List<AlertChange>();
        excluding.Apply(carrier.Snapshot(), Now(0), changes);
        Sweep(excluding, T0 + 40, changes);
        Assert.Empty(changes); // the messenger message it carries pages instead

        var including = new PartitionAlerts(0, Rules.Parse(Rules.Basic.Replace("withdrawals: exclude", "withdrawals: exclude, transports: include", StringComparison.Ordinal)));
        including.Apply(carrier.Snapshot(), Now(0), changes);
        Sweep(including, T0 + 40, changes);
        Assert.Contains(changes, c => c.RuleId == "delayed");
    }

    [Fact]
    public void Timers_wait_for_the_destination_clock_not_the_wall_clock()
    {
        var engine = new PartitionAlerts(0, RuleSet);
        engine.Apply(new MessageBuilder(1).Sent(T0).Snapshot(), Now(0), []);
        var changes = new List<AlertChange>();

        // Wall clock an hour later, but the pipeline has only seen the destination up to T0 + 5: nothing is due yet.
        engine.Sweep(_ => (T0 + 5) * 1000, new ThresholdTable(), Now(3600), changes);
        Assert.Empty(changes);

        // A destination nobody follows has no clock at all.
        engine.Sweep(_ => null, new ThresholdTable(), Now(3600), changes);
        Assert.Empty(changes);
    }

    [Fact]
    public void A_failed_relay_resolves_the_delivery_alerts_arms_its_own_and_a_replay_resolves_it()
    {
        var engine = new PartitionAlerts(0, RuleSet);
        var message = new MessageBuilder(2).Sent(T0);
        var changes = new List<AlertChange>();
        engine.Apply(message.Snapshot(), Now(0), changes);
        Sweep(engine, T0 + 12, changes);
        Assert.Equal("delayed", Assert.Single(changes).RuleId);

        changes.Clear();
        engine.Apply(message.Failed(T0 + 12).Snapshot(), Now(13), changes);
        Assert.Equal(("delayed", AlertState.Resolved), (Assert.Single(changes).RuleId, changes[0].State)); // FAILED is not "undelivered" (statuses: [SENT])

        changes.Clear();
        Sweep(engine, T0 + 16, changes);
        Assert.Empty(changes);
        Sweep(engine, T0 + 17, changes);
        var failed = Assert.Single(changes);
        Assert.Equal(("relay-failed", AlertState.Firing), (failed.RuleId, failed.State));
        Assert.Contains("failed 5 s ago and awaits a replay", failed.Summary, StringComparison.Ordinal);

        changes.Clear();
        engine.Apply(message.Failed(T0 + 20).Snapshot(), Now(21), changes); // a second failed attempt: still the same alert
        Sweep(engine, T0 + 40, changes);
        Assert.Empty(changes);

        engine.Apply(message.Relayed(T0 + 45).Snapshot(), Now(46), changes);
        Assert.Equal(("relay-failed", AlertState.Resolved), (Assert.Single(changes).RuleId, changes[0].State));
    }

    [Fact]
    public void A_rule_with_for_goes_pending_then_firing_and_a_pending_alert_that_clears_resolves_without_firing()
    {
        var rules = Rules.Parse("""
            rules:
              - id: slow
                type: undelivered
                severity: warning
                threshold: 10s
                for: 5s
            """);
        var engine = new PartitionAlerts(0, rules);
        var first = new MessageBuilder(1).Sent(T0);
        var second = new MessageBuilder(2).Sent(T0);
        var changes = new List<AlertChange>();
        engine.Apply(first.Snapshot(), Now(0), changes);
        engine.Apply(second.Snapshot(), Now(0), changes);

        Sweep(engine, T0 + 10, changes);
        Assert.Equal([AlertState.Pending, AlertState.Pending], changes.Select(c => c.State));
        changes.Clear();
        engine.Apply(second.Relayed(T0 + 12).Snapshot(), Now(12), changes);
        var cleared = Assert.Single(changes);
        Assert.Equal((AlertState.Resolved, AlertState.Pending, (long?)null), (cleared.State, cleared.PreviousState!.Value, cleared.FiredAtMs));

        changes.Clear();
        Sweep(engine, T0 + 14, changes);
        Assert.Empty(changes);
        Sweep(engine, T0 + 15, changes);
        var fired = Assert.Single(changes);
        Assert.Equal((AlertState.Firing, AlertState.Pending, Now(15)), (fired.State, fired.PreviousState!.Value, fired.FiredAtMs!.Value));
        Assert.Equal(Now(10), fired.StartedAtMs); // the same episode: one transition id per state
        Assert.NotEqual(fired.TransitionId, AlertChange.TransitionIdOf(fired.DedupKey, fired.StartedAtMs, AlertState.Pending));
    }

    [Fact]
    public void After_a_restart_nothing_already_firing_fires_again_and_what_came_due_meanwhile_fires_at_the_first_sweep()
    {
        var delivered = new MessageBuilder(1).Sent(T0);
        var stillOpen = new MessageBuilder(2).Sent(T0);
        var dueWhileDown = new MessageBuilder(3).Sent(T0 + 15);
        var before = new PartitionAlerts(0, RuleSet);
        var recorded = new List<AlertChange>();
        foreach (var m in new[] { delivered, stillOpen, dueWhileDown })
        {
            before.Apply(m.Snapshot(), Now(0), recorded);
        }

        Sweep(before, T0 + 20, recorded);
        Assert.Equal(2, recorded.Count); // delayed for 1 and 2; 3 is 5 s old
        // The process dies. While it is down, 1 is delivered and 3 becomes due for "delayed" (and 1, 2 for "stuck").

        var after = new PartitionAlerts(0, RuleSet);
        after.Timers.Upsert(stillOpen.Snapshot()); // what ClickHouse holds as open: 2 and 3
        after.Timers.Upsert(dueWhileDown.Snapshot());
        after.Restore(recorded); // the recorded states: delayed firing for 1 and 2
        var changes = new List<AlertChange>();
        after.Reconcile(Now(100), changes);
        Assert.Equal(("delayed/message:" + delivered.Id, AlertState.Resolved), (Assert.Single(changes).DedupKey, changes[0].State));

        changes.Clear();
        Sweep(after, T0 + 100, changes);
        Assert.Equal(
            ["delayed/message:" + dueWhileDown.Id, "stuck/message:" + stillOpen.Id, "stuck/message:" + dueWhileDown.Id],
            changes.Select(c => c.DedupKey).Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal(AlertState.Firing, c.State));

        changes.Clear();
        Sweep(after, T0 + 200, changes);
        Assert.Empty(changes);
    }

    [Fact]
    public void Snapshots_older_than_the_one_held_change_nothing()
    {
        var engine = new PartitionAlerts(0, RuleSet);
        var message = new MessageBuilder(1).Sent(T0);
        var sent = message.Snapshot();
        var failed = message.Failed(T0 + 3).Snapshot();
        engine.Apply(failed, Now(0), []);
        engine.Apply(sent, Now(0), []); // a replayed, older version

        var changes = new List<AlertChange>();
        Sweep(engine, T0 + 100, changes);
        Assert.Equal("relay-failed", Assert.Single(changes).RuleId); // no "delayed" or "stuck": the message is not SENT any more
    }

    [Fact]
    public void A_retryable_ticket_not_redeemed_warns_before_its_expiry_and_resolves_when_redeemed()
    {
        var timing = new TimingTable([new ChainTiming(903, RetryableLifetimeSeconds: 300)]);
        var engine = new PartitionAlerts(0, RuleSet);
        var ticket = new MessageBuilder(5, Protocol.ArbitrumRetryable, 900, 903).Sent(T0).Arrived(T0 + 10);
        var changes = new List<AlertChange>();
        engine.Apply(ticket.Snapshot(timing), Now(0), changes);

        Sweep(engine, T0 + 14, changes);
        Assert.Empty(changes);
        Sweep(engine, T0 + 15, changes);
        Assert.Equal("relay-failed", Assert.Single(changes).RuleId); // ARRIVED, not redeemed, 5 s after its arrival
        changes.Clear();
        Sweep(engine, T0 + 249, changes);
        Assert.Empty(changes);
        Sweep(engine, T0 + 250, changes); // expires at T0 + 310; warn 60 s before
        var expiring = Assert.Single(changes);
        Assert.Equal(("expiring", AlertSeverity.Critical, 60.0, 60.0), (expiring.RuleId, expiring.Severity, expiring.ObservedValue, expiring.Threshold));
        Assert.Contains("expires in 60 s", expiring.Summary, StringComparison.Ordinal);

        changes.Clear();
        engine.Apply(ticket.Relayed(T0 + 260).Snapshot(timing), Now(0), changes);
        Assert.Equal(["expiring", "relay-failed"], changes.Select(c => c.RuleId).Order());
        Assert.All(changes, c => Assert.Equal(AlertState.Resolved, c.State));
    }

    [Fact]
    public void Withdrawals_are_left_to_the_finalization_rule_which_fires_after_their_window()
    {
        var timing = new TimingTable([new ChainTiming(901, ChallengeWindowSeconds: 100), new ChainTiming(903, ChallengeWindowSeconds: 100)]);
        var engine = new PartitionAlerts(0, RuleSet);
        var op = new MessageBuilder(6, Protocol.OpStackWithdrawal, 901, 900).Sent(T0).Proven(T0 + 50);
        var arbitrum = new MessageBuilder(7, Protocol.ArbitrumOutbox, 903, 900).Sent(T0);
        var changes = new List<AlertChange>();
        engine.Apply(op.Snapshot(timing), Now(0), changes);
        engine.Apply(arbitrum.Snapshot(timing), Now(0), changes);

        Sweep(engine, T0 + 119, changes);
        Assert.Empty(changes); // no "delayed"/"stuck": a withdrawal waits out its window
        Sweep(engine, T0 + 120, changes); // Arbitrum: executable at T0 + 100, + 20 s
        Assert.Equal("not-finalized/message:" + arbitrum.Id, Assert.Single(changes).DedupKey);
        Sweep(engine, T0 + 170, changes); // OP: proven at T0 + 50, executable at T0 + 150, + 20 s
        Assert.Equal("not-finalized/message:" + op.Id, changes[1].DedupKey);
        Assert.Contains("challenge window ended 20 s ago", changes[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Adaptive_thresholds_follow_the_route_and_fall_back_to_the_static_one()
    {
        var rules = Rules.Parse("""
            rules:
              - id: slow
                type: undelivered
                severity: warning
                threshold: 100s
                adaptive: { quantile: 0.99, factor: 2, floor: 10s, minSamples: 5 }
            """);
        var thresholds = new ThresholdTable();
        thresholds.Learn(rules.Rules[0], [new RouteLatency(new RouteKey(Protocol.OpStackMessenger, 900, 901), 8, 50), new RouteLatency(new RouteKey(Protocol.OpStackMessenger, 900, 902), 2, 50), new RouteLatency(new RouteKey(Protocol.OpStackMessenger, 900, 903), 8, 4)]);
        var engine = new PartitionAlerts(0, rules);
        var to901 = new MessageBuilder(1, destination: 901).Sent(T0);
        var to902 = new MessageBuilder(2, destination: 902).Sent(T0);
        var to903 = new MessageBuilder(3, destination: 903).Sent(T0);
        foreach (var m in new[] { to901, to902, to903 })
        {
            engine.Apply(m.Snapshot(), Now(0), []);
        }

        var changes = new List<AlertChange>();
        engine.Sweep(_ => (T0 + 10) * 1000, thresholds, Now(10), changes);
        Assert.Equal(to902.Id, Assert.Single(changes).Subject.MessageId); // 2 x 2 s < floor: 10 s
        engine.Sweep(_ => (T0 + 16) * 1000, thresholds, Now(16), changes);
        Assert.Equal(to901.Id, changes[1].Subject.MessageId); // 2 x 8 s
        Assert.Contains("adaptive: p99 of 50 recent deliveries 8 s x 2", changes[1].Summary, StringComparison.Ordinal);
        engine.Sweep(_ => (T0 + 99) * 1000, thresholds, Now(99), changes);
        Assert.Equal(2, changes.Count); // 903 has too few samples: the static 100 s
        engine.Sweep(_ => (T0 + 100) * 1000, thresholds, Now(100), changes);
        Assert.Equal(to903.Id, changes[2].Subject.MessageId);
    }

    [Fact]
    public void A_reload_resolves_the_alerts_of_removed_rules_and_arms_new_rules_for_open_messages()
    {
        var engine = new PartitionAlerts(0, RuleSet);
        engine.Apply(new MessageBuilder(1).Sent(T0).Snapshot(), Now(0), []);
        var changes = new List<AlertChange>();
        Sweep(engine, T0 + 12, changes);
        Assert.Equal("delayed", Assert.Single(changes).RuleId);

        changes.Clear();
        engine.ReplaceRules(Rules.Parse("""
            rules:
              - id: late
                type: undelivered
                severity: critical
                threshold: 5s
            """), Now(13), changes);
        Assert.Equal(("delayed", AlertState.Resolved), (Assert.Single(changes).RuleId, changes[0].State));
        changes.Clear();
        Sweep(engine, T0 + 13, changes);
        Assert.Equal(("late", AlertSeverity.Critical), (Assert.Single(changes).RuleId, changes[0].Severity));
    }

    [Fact]
    public void Stale_timer_entries_are_compacted_and_never_fire()
    {
        var timers = new MessageTimers([.. RuleSet.MessageRules], RuleSet.L1ChainIds);
        for (ulong i = 0; i < 20_000; i++)
        {
            var m = new MessageBuilder(i).Sent(T0);
            timers.Upsert(m.Snapshot());
            timers.Upsert(m.Relayed(T0 + 1).Snapshot());
        }

        Assert.Equal(0, timers.Count);
        Assert.Equal(40_000, timers.Entries); // delayed and stuck per message, all stale now
        var due = new List<DueTimer>();
        long Offset(int rule, RouteKey route) => ThresholdTable.StaticOffsetMs(timers.Rules[rule]);
        Assert.Equal(0, timers.CollectDue(_ => T0 * 1000, Offset, due)); // nothing due: the stale entries are compacted away
        Assert.Equal(0, timers.Entries);
        Assert.Equal(0, timers.CollectDue(_ => (T0 + 1000) * 1000, Offset, due));
    }

    private static void Sweep(PartitionAlerts engine, long clockSeconds, List<AlertChange> changes) =>
        engine.Sweep(_ => clockSeconds * 1000, new ThresholdTable(), (clockSeconds - T0) * 1000 + Now(0), changes);

    private static long Now(long seconds) => (T0 + 7_200 + seconds) * 1000;
}
