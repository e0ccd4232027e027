using BridgeStream.Tests.Infrastructure;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// A processor killed with SIGKILL in the middle of the stream and started again loses nothing and counts nothing
/// twice; two processors in one consumer group pair every message exactly once. "Exactly once" is checked where a
/// double application would show: the failed-attempt counters and the event rows.
/// </summary>
public sealed class RestartTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task A_processor_killed_mid_stream_and_restarted_loses_and_duplicates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "restart", ct);
        await harness.StartIngestAsync(ct);
        var first = harness.StartProcessor();

        var traffic = TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 25, ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync("SELECT count() FROM messages FINAL WHERE protocol = 'OP_STACK_MESSENGER'", ct) >= 8, TimeSpan.FromSeconds(60), "the first messages", ct);
        first.Kill();
        var expected = await traffic;
        harness.StartProcessor();

        await AssertExactlyOnceAsync(harness, expected, ct);
    }

    [Fact]
    public async Task Two_processors_in_one_group_pair_every_message_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "group", ct);
        var a = harness.StartProcessor();
        var b = harness.StartProcessor();
        await harness.WaitUntilAsync(
            () => Task.FromResult(Assigned(a) && Assigned(b)), TimeSpan.FromSeconds(60), "both processors to own partitions", ct);
        await harness.StartIngestAsync(ct);

        var expected = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 20, ct);

        await AssertExactlyOnceAsync(harness, expected, ct);
        Assert.False(a.HasExited, a.Output);
        Assert.False(b.HasExited, b.Output);
    }

    [Fact]
    public async Task Replaying_the_whole_topic_into_the_same_tables_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "replay", ct);
        await harness.StartIngestAsync(ct);
        harness.StartProcessor();
        var expected = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 12, ct);
        await AssertExactlyOnceAsync(harness, expected, ct);

        // A new consumer group reads every record again from offset 0, as after a lost commit or a restore.
        const string replayGroup = "group-replay-again";
        harness.StartProcessor(new Dictionary<string, string?> { ["Kafka:ConsumerGroup"] = replayGroup });
        await harness.WaitUntilAsync(() => Task.FromResult(harness.GroupCaughtUp(replayGroup)), TimeSpan.FromSeconds(60), "the replay to reach the end", ct);

        await AssertExactlyOnceAsync(harness, expected, ct);
        Assert.True(await harness.ScalarAsync("SELECT count() FROM messages", ct) >= expected.Count);
    }

    [Fact]
    public async Task A_ClickHouse_outage_stalls_the_processor_and_loses_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "outage", ct);
        await harness.StartIngestAsync(ct);
        var processor = harness.StartProcessor();
        var before = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 4, ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync("SELECT count() FROM messages FINAL WHERE protocol = 'OP_STACK_MESSENGER'", ct) == before.Count, TimeSpan.FromSeconds(60), "the first messages", ct);

        // The table the processor writes disappears: every write fails until it is back.
        await harness.ClickHouse.ExecuteNonQueryAsync("RENAME TABLE messages TO messages_away", null, null, ct);
        var during = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 4, ct);
        await harness.WaitUntilAsync(() => Task.FromResult(processor.Output.Contains("retrying in", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the processor to hit the outage", ct);
        await harness.ClickHouse.ExecuteNonQueryAsync("RENAME TABLE messages_away TO messages", null, null, ct);

        await AssertExactlyOnceAsync(harness, [.. before, .. during], ct);
        Assert.False(processor.HasExited, processor.Output);
    }

    private static bool Assigned(BridgeStreamProcess processor) =>
        processor.Output.Split('\n').Any(line => line.Contains("Partitions assigned:", StringComparison.Ordinal) && line.Contains("events-", StringComparison.Ordinal));

    private static async Task AssertExactlyOnceAsync(PipelineHarness harness, List<ExpectedMessage> expected, CancellationToken ct)
    {
        var failures = expected.Sum(e => e.FailedAttempts);
        var relays = expected.Count(e => e.Delivery is not null);
        // Every messenger deposit is also a portal deposit; the op-node included the deposit transaction of each one that
        // was relayed at all (first relays that failed included): those are the portal's deliveries.
        var included = expected.Count(e => e.Status != "SENT");
        const string messenger = "protocol = 'OP_STACK_MESSENGER'";
        const string portal = "protocol = 'OP_STACK_PORTAL'";
        var checks = new List<(string What, long Expected, string Sql)>
        {
            ("messages", expected.Count, $"SELECT count() FROM messages FINAL WHERE {messenger}"),
            ("event rows", expected.Count + relays + failures, $"SELECT count() FROM bridge_events FINAL WHERE {messenger}"),
            ("failed attempts", failures, $"SELECT sum(failed_attempts) FROM messages FINAL WHERE {messenger}"),
            ("portal messages", expected.Count, $"SELECT count() FROM messages FINAL WHERE {portal}"),
            ("portal event rows", expected.Count + included, $"SELECT count() FROM bridge_events FINAL WHERE {portal}"),
            ("portal deliveries", included, $"SELECT count() FROM messages FINAL WHERE {portal} AND status = 'DELIVERED'"),
        };
        checks.AddRange(new[] { "SENT", "DELIVERED", "FAILED" }.Select(status =>
            ($"{status} messages", (long)expected.Count(e => e.Status == status), $"SELECT count() FROM messages FINAL WHERE {messenger} AND status = '{status}'")));

        // Partitions progress at their own pace (two processors, a restart): wait for the complete expected state, then
        // check every figure, so a shortfall or a double count shows which figure is off.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline && !await AllHoldAsync(harness, checks, ct))
        {
            await Task.Delay(100, ct);
        }

        foreach (var (what, value, sql) in checks)
        {
            Assert.True(value == await harness.ScalarAsync(sql, ct), $"{what}: expected {value}, found {await harness.ScalarAsync(sql, ct)}");
        }
    }

    private static async Task<bool> AllHoldAsync(PipelineHarness harness, List<(string What, long Expected, string Sql)> checks, CancellationToken ct)
    {
        foreach (var (_, value, sql) in checks)
        {
            if (await harness.ScalarAsync(sql, ct) != value)
            {
                return false;
            }
        }

        return true;
    }
}
