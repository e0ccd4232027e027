using System.Numerics;
using BridgeStream.Alerting;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Chains;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Alerting;

/// <summary>The alerting's ClickHouse reads and writes against the migrated schema, with rows written by the real stores.</summary>
public sealed class AlertStoreTests(EmbeddedClickHouseFixture clickHouse)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_are_recorded_once_each_and_the_latest_state_is_what_a_new_owner_takes_back()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertstore"));
        var store = new AlertStore(client);
        var a = Change("delayed", 1, AlertState.Firing, partition: 3, startedAt: 1000);
        var b = Change("stuck", 2, AlertState.Pending, partition: 3, startedAt: 2000);
        var c = Change("delayed", 3, AlertState.Firing, partition: 4, startedAt: 3000);
        await store.SaveAsync([a, b, c], Ct);
        await store.SaveAsync([a], Ct); // a retry
        await store.SaveAsync([b with { State = AlertState.Firing, PreviousState = AlertState.Pending, FiredAtMs = 2500, ChangedAtMs = 2500 }], Ct);
        await store.SaveAsync([a with { State = AlertState.Resolved, PreviousState = AlertState.Firing, ResolvedAtMs = 4000, ChangedAtMs = 4000 }], Ct);

        Assert.Equal(5, await Scalar(client, "SELECT count() FROM alerts FINAL"));
        var active = await store.LoadActiveAsync([3], Ct, recent: TimeSpan.Zero);
        var only = Assert.Single(active);
        Assert.Equal(b.DedupKey, only.DedupKey);
        Assert.Equal((AlertState.Firing, AlertState.Pending, 2000L, 2500L), (only.State, only.PreviousState!.Value, only.StartedAtMs, only.FiredAtMs!.Value));
        Assert.Equal(b.Subject, only.Subject);
        Assert.Equal((b.Summary, b.ObservedValue, b.Threshold, b.Unit, b.Clock, b.RuleType, b.Severity), (only.Summary, only.ObservedValue, only.Threshold, only.Unit, only.Clock, only.RuleType, only.Severity));
        Assert.Equal(c.DedupKey, Assert.Single(await store.LoadActiveAsync([4, 5], Ct)).DedupKey);

        // A crash between the two writes leaves a change in the history only: it still counts.
        var d = Change("stuck", 4, AlertState.Firing, partition: 3, startedAt: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await client.InsertBinaryAsync("alerts", AlertRows.ChangeColumns, [AlertRows.Change(d)], cancellationToken: Ct);
        Assert.Contains(d.DedupKey, (await store.LoadActiveAsync([3], Ct)).Select(x => x.DedupKey));
        await store.SaveAsync([d with { State = AlertState.Resolved, PreviousState = AlertState.Firing, ResolvedAtMs = d.StartedAtMs + 1, ChangedAtMs = d.StartedAtMs + 1 }], Ct);

        // A new episode of a resolved alert replaces its state again.
        await store.SaveAsync([a with { StartedAtMs = 5000, ChangedAtMs = 5000, FiredAtMs = 5000 }], Ct);
        Assert.Equal(2, (await store.LoadActiveAsync([3], Ct)).Count);
    }

    [Fact]
    public async Task Open_messages_come_back_as_the_snapshots_the_correlator_hands_over()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertopen"));
        var timing = new TimingTable([new ChainTiming(903, RetryableLifetimeSeconds: 600)]);
        var messages = new ClickHouseStore(client, timing);
        var sent = new MessageBuilder(1, partition: 2).Sent(1_800_000_000);
        var failed = new MessageBuilder(2, partition: 2).Sent(1_800_000_000).Failed(1_800_000_050);
        var ticket = new MessageBuilder(3, Protocol.ArbitrumRetryable, 900, 903, partition: 2).Sent(1_800_000_000).Arrived(1_800_000_020);
        var delivered = new MessageBuilder(4, partition: 2).Sent(1_800_000_000).Relayed(1_800_000_010);
        var elsewhere = new MessageBuilder(5, partition: 1).Sent(1_800_000_000);
        await messages.UpsertMessagesAsync([sent.Record, failed.Record, ticket.Record, delivered.Record, elsewhere.Record], Ct);

        var loaded = new List<OpenMessage>();
        Assert.Equal(3, await new AlertStore(client).LoadOpenMessagesAsync(2, loaded.Add, Ct));
        foreach (var expected in new[] { sent.Snapshot(timing), failed.Snapshot(timing), ticket.Snapshot(timing) })
        {
            Assert.Equal(expected, loaded.Single(m => m.Id == expected.Id));
        }
    }

    [Fact]
    public async Task Chains_are_read_with_their_checkpoint_block_time_newest_head_and_finality_since()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertchains"));
        var messages = new ClickHouseStore(client);
        var now = DateTime.UtcNow;
        long Sec(DateTime t) => new DateTimeOffset(t).ToUnixTimeSeconds();
        await messages.SaveBlocksAsync(901, [new TrackedBlock(50, Hash32.FromUInt64(50), Hash32.FromUInt64(49), Sec(now.AddSeconds(-20)), [])], Ct);
        await messages.SaveCheckpointAsync(901, 50, Hash32.FromUInt64(50), Ct);
        object[] Head(DateTime observed, ulong latest, ulong finalized) =>
            [901UL, observed, latest, "0x" + new string('0', 64), now.AddSeconds(-20), latest, now.AddSeconds(-20), finalized, now.AddSeconds(-30)];
        await messages.InsertChainHeadsAsync([Head(now.AddSeconds(-40), 48, 40), Head(now.AddSeconds(-30), 49, 42), Head(now.AddSeconds(-20), 50, 42), Head(now.AddSeconds(-10), 50, 42)], Ct);

        var chains = await new AlertStore(client).ReadChainsAsync(now, TimeSpan.FromHours(1), Ct);

        var (progress, snapshot) = Assert.Single(chains);
        Assert.Equal((901UL, 50UL, 50UL), (progress.ChainId, progress.CheckpointBlock, progress.HeadNumber));
        Assert.Equal(Sec(now.AddSeconds(-20)) * 1000, progress.CheckpointBlockTimeMs);
        Assert.InRange(progress.CheckpointWrittenAtMs, new DateTimeOffset(now).ToUnixTimeMilliseconds() - 60_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(Ms(now.AddSeconds(-10)), progress.HeadObservedAtMs);
        Assert.Equal((42UL, Ms(now.AddSeconds(-30))), (snapshot.FinalizedNumber, snapshot.FinalizedSinceMs));
        Assert.Equal((50UL, (long?)(Sec(now.AddSeconds(-20)) * 1000)), (snapshot.CheckpointBlock!.Value, snapshot.CheckpointTimeMs));
    }

    [Fact]
    public async Task Value_in_flight_sums_the_undelivered_messages_per_route_that_the_rule_matches()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertvalue"));
        var now = DateTime.UtcNow;
        await MessageRow.InsertAsync(client,
            new MessageRow(MessageRow.IdFor(1), "SENT", 900, 901, now.AddMinutes(-10)) { Value = 5 },
            new MessageRow(MessageRow.IdFor(2), "FAILED", 900, 901, now.AddMinutes(-10)) { Value = 7 },
            new MessageRow(MessageRow.IdFor(3), "DELIVERED", 900, 901, now.AddMinutes(-10)) { Value = 100, DeliveredAt = now },
            new MessageRow(MessageRow.IdFor(4), "SENT", 900, 902, now) { Value = 11 },
            new MessageRow(MessageRow.IdFor(5), "SENT", 901, 900, now.AddMinutes(-10)) { Value = 13 });
        var rules = Rules.Parse("""
            l1ChainIds: [900]
            rules:
              - id: var
                type: value-at-risk
                severity: warning
                threshold: 1
                minAge: 1m
                match: { withdrawals: exclude }
            """);

        var routes = await new AlertStore(client).ReadValueInFlightAsync(rules.Rules[0], rules.L1ChainIds, now, Ct);

        // 901 -> 900 is an OP withdrawal (excluded); 900 -> 902's only message is younger than a minute.
        var route = Assert.Single(routes);
        Assert.Equal((900UL, 901UL, new BigInteger(12), 2L), (route.Source, route.Destination, route.Amount, route.Messages));
    }

    [Fact]
    public async Task Undelivered_changes_are_the_recorded_ones_a_sink_has_not_acknowledged()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertoutbox"));
        var store = new AlertStore(client);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var a = Change("delayed", 1, AlertState.Firing, partition: 1, startedAt: now - 5000);
        var b = Change("delayed", 2, AlertState.Firing, partition: 1, startedAt: now - 4000);
        var c = Change("delayed", 3, AlertState.Firing, partition: 2, startedAt: now - 3000);
        await store.SaveAsync([a, b, c], Ct);
        await store.RecordDeliveriesAsync("hook", [a.TransitionId], Ct);

        var from = DateTime.UtcNow.AddHours(-1);
        Assert.Equal([b.TransitionId], (await store.LoadUndeliveredAsync([1], "hook", from, DateTime.UtcNow.AddSeconds(1), Ct)).Select(x => x.TransitionId));
        Assert.Equal([a.TransitionId, b.TransitionId], (await store.LoadUndeliveredAsync([1], "kafka", from, DateTime.UtcNow.AddSeconds(1), Ct)).Select(x => x.TransitionId));
        Assert.Empty(await store.LoadUndeliveredAsync([1], "hook", from, AlertRows.Time(now - 4500), Ct));
    }

    [Fact]
    public async Task Route_latencies_are_the_quantile_of_recent_deliveries()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertlatency"));
        var now = DateTime.UtcNow;
        await MessageRow.InsertAsync(client, Enumerable.Range(1, 10).Select(i =>
            new MessageRow(MessageRow.IdFor(i), "DELIVERED", 900, 901, now.AddSeconds(-100)) { DeliveredAt = now.AddSeconds(-100 + i) }));

        var latency = Assert.Single(await new AlertStore(client).ReadLatenciesAsync(0.5, now.AddHours(-1), Ct));
        Assert.Equal((new RouteKey(Protocol.OpStackMessenger, 900, 901), 10L), (latency.Route, latency.Samples));
        Assert.InRange(latency.QuantileSeconds, 5, 6);
    }

    [Fact]
    public async Task Every_column_the_alerting_writes_exists_in_the_migrated_schema()
    {
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "alertcolumns"));
        Assert.Equal([.. AlertRows.ChangeColumns.Append("inserted_at").Order()], (await Columns(client, "alerts")).Order());
        Assert.Equal([.. AlertRows.StateColumns.Order()], (await Columns(client, "alert_state")).Order());
    }

    internal static AlertChange Change(string rule, ulong message, AlertState state, int partition, long startedAt) => new()
    {
        DedupKey = $"{rule}/message:{Hash32.FromUInt64(message)}",
        RuleId = rule,
        RuleType = AlertRuleType.Undelivered,
        Severity = rule == "stuck" ? AlertSeverity.Critical : AlertSeverity.Warning,
        State = state,
        Subject = new AlertSubject(AlertSubjectKind.Message, Hash32.FromUInt64(message), Protocol.OpStackMessenger, 900, 901),
        Summary = $"message {message} not delivered",
        ObservedValue = 12.5,
        Threshold = 10,
        Clock = AlertClock.EventTime,
        StartedAtMs = startedAt,
        FiredAtMs = state == AlertState.Firing ? startedAt : null,
        ChangedAtMs = startedAt,
        Partition = partition,
    };

    private static long Ms(DateTime t) => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static async Task<long> Scalar(ClickHouseClient client, string sql) => Convert.ToInt64(await client.ExecuteScalarAsync(sql, null, null, Ct));

    private static async Task<List<string>> Columns(ClickHouseClient client, string table)
    {
        var columns = new List<string>();
        using var reader = await client.ExecuteReaderAsync($"SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '{table}'", null, null, Ct);
        while (await reader.ReadAsync(Ct))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
