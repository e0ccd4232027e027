using System.Globalization;
using System.Text.Json;
using BridgeStream.Devnet;
using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using BridgeStream.Tests.Pipeline;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Tests.Alerting;

/// <summary>
/// The alerting on the devnet, end to end: real chains (anvil, 1 s interval mining), the ingestors, the mock Kafka
/// cluster, a `bridgestream process` child with the alerting inside, ClickHouse, the API, and a local webhook receiver.
/// Messages left undelivered, delayed, failed and a chain that stops producing blocks each produce their alert within
/// its threshold plus one evaluation interval (plus the pipeline's own latency, <see cref="Allowance"/>) and resolve when
/// the condition clears; the processor is SIGKILLed in the middle and restarted: every change reaches the webhook once.
/// The test rules watch the messenger messages only: each devnet deposit is also an OP portal deposit (its own message),
/// which the devnet op-node includes when the simulator relays, so an unrelayed deposit is two undelivered messages.
/// </summary>
public sealed class AlertingEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    /// <summary>The event-time clock trails the wall clock by about a block (1 s) plus the consumer's slack; and load.</summary>
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const string RulesYaml = """
        version: 1
        evaluationInterval: 1s
        l1ChainIds: [900]
        rules:
          - id: delayed
            type: undelivered
            severity: warning
            threshold: 8s
            match: { protocols: [OP_STACK_MESSENGER], withdrawals: exclude }
          - id: stuck
            type: undelivered
            severity: critical
            threshold: 20s
            match: { protocols: [OP_STACK_MESSENGER], withdrawals: exclude }
          - id: relay-failed
            type: relay-failed
            severity: warning
            after: 3s
            match: { protocols: [OP_STACK_MESSENGER] }
          - id: halted
            type: chain-liveness
            severity: critical
            threshold: 6s
        """;

    [Fact]
    public async Task Undelivered_delayed_failed_and_halted_alert_in_time_resolve_and_a_restart_neither_repeats_nor_misses_a_notification()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "alerting", ct);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Fail("broken", 500, times: int.MaxValue);
        var folder = Directory.CreateTempSubdirectory("bridgestream-alerting-").FullName;
        var rulesPath = Path.Combine(folder, "rules.yaml");
        await File.WriteAllTextAsync(rulesPath, RulesYaml, ct);
        using var http = new HttpClient();
        var deployment = harness.Devnet.Deployment;
        JsonRpcClient Rpc(long chainId) => new(http, [deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);
        foreach (var chain in deployment.Chains)
        {
            await Rpc(chain.ChainId).CallAsync("evm_setIntervalMining", "[1]", ct);
        }

        for (var i = 0; i < deployment.Chains.Count; i++)
        {
            harness.Settings[$"Chains:{i}:HeadHeartbeatSeconds"] = "1";
        }

        var settings = new Dictionary<string, string?>
        {
            ["Alerting:RulesPath"] = rulesPath,
            ["Alerting:RulesPollMillis"] = "200",
            ["Alerting:TickMillis"] = "100",
            ["Alerting:AssignmentGraceMillis"] = "2000",
            ["Alerting:RedeliveryDelayMillis"] = "3000",
            ["Alerting:Webhooks:0:Name"] = "ops",
            ["Alerting:Webhooks:0:Url"] = receiver.Url("ops"),
            ["Alerting:Webhooks:1:Name"] = "slack",
            ["Alerting:Webhooks:1:Url"] = receiver.Url("slack"),
            ["Alerting:Webhooks:1:Format"] = "Slack",
            ["Alerting:Webhooks:2:Name"] = "broken",
            ["Alerting:Webhooks:2:Url"] = receiver.Url("broken"),
            ["Alerting:Webhooks:2:InitialBackoffMillis"] = "100",
            ["Alerting:Webhooks:2:MaxBackoffMillis"] = "400",
            ["Alerting:Webhooks:2:MaxAttempts"] = "1000",
        };
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        var processor = harness.StartProcessor(settings);
        await harness.WaitUntilAsync(() => Task.FromResult(AlertingLoaded(processor)), TimeSpan.FromSeconds(90), "the alerting to take every partition", ct);

        // A: relayed at once (no alert). B: relayed late. C: left undelivered. D: its relay fails, replayed later. E (902): relayed.
        var sim = harness.Simulator;
        var a = await SendAsync(sim, 901, failable: false, ct);
        await sim.RelayAsync(a, makeFail: false, ct);
        var b = await SendAsync(sim, 901, failable: false, ct);
        var c = await SendAsync(sim, 901, failable: false, ct);
        var d = await SendAsync(sim, 901, failable: true, ct);
        var dFailed = await sim.RelayAsync(d, makeFail: true, ct);
        Assert.Equal(RelayOutcome.Failed, dFailed.Outcome);
        var e = await SendAsync(sim, 902, failable: false, ct);
        var eRelay = await sim.RelayAsync(e, makeFail: false, ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync($"SELECT count() FROM ingest_checkpoints FINAL WHERE chain_id = 902 AND block_number >= {eRelay.L2BlockNumber}", ct) == 1, TimeSpan.FromSeconds(30), "902 ingested", ct);

        // 902 stops producing blocks.
        await Rpc(902).CallAsync("evm_setAutomine", "[false]", ct);
        await Rpc(902).CallAsync("evm_setIntervalMining", "[0]", ct);
        var haltedHead = (await Rpc(902).GetHeaderAsync("latest", ct))!;

        var keyB = "delayed/message:" + b.ExpectedMsgHash.ToLowerInvariant();
        var keyC = "delayed/message:" + c.ExpectedMsgHash.ToLowerInvariant();
        var stuckC = "stuck/message:" + c.ExpectedMsgHash.ToLowerInvariant();
        var failedD = "relay-failed/message:" + d.ExpectedMsgHash.ToLowerInvariant();
        const string halted = "halted/chain:902";
        await WaitForAsync(harness, receiver, [(keyB, "FIRING"), (keyC, "FIRING"), (failedD, "FIRING"), (halted, "FIRING")], ct);

        // SIGKILL, once the webhook's acknowledgements are recorded (a kill between a receiver's acknowledgement and that
        // record is the one window in which a webhook gets a change twice: delivery is at least once, see the README).
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync("SELECT count() FROM alert_deliveries FINAL WHERE sink = 'ops'", ct) == 4, TimeSpan.FromSeconds(30), "the deliveries to be recorded", ct);
        // While it is down: B is relayed, D replayed, and C's "stuck" timer comes due.
        processor.Kill();
        var firstRun = processor.Output;
        await sim.RelayAsync(b, makeFail: false, ct);
        await sim.ReplayAsync(d, ct);
        var cSentAt = await TimeAsync(harness, $"SELECT toUnixTimestamp64Milli(sent_at) FROM messages FINAL WHERE message_id = '{c.ExpectedMsgHash.ToLowerInvariant()}'", ct);
        var stuckDue = cSentAt + TimeSpan.FromSeconds(20);
        await Task.Delay(Max(TimeSpan.Zero, stuckDue - DateTime.UtcNow + TimeSpan.FromSeconds(2)), ct);
        Assert.DoesNotContain(receiver.AcceptedChanges("ops"), x => Key(x) == (stuckC, "FIRING"));
        var restartedAt = DateTime.UtcNow;
        processor = harness.StartProcessor(settings);
        await WaitForAsync(harness, receiver, [(stuckC, "FIRING"), (keyB, "RESOLVED"), (failedD, "RESOLVED")], ct);

        // A malformed rules file is refused; the rules in force stay (C stays firing until it is relayed, below).
        await File.WriteAllTextAsync(rulesPath, "rules:\n  - id: broken\n    type: stuck\n    severity: warning\n", ct);
        await harness.WaitUntilAsync(() => Task.FromResult(processor.Output.Contains("changed but was refused", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the malformed rules to be refused", ct);
        Assert.Contains("line 3, column 11: rule 'broken': 'type' must be one of", processor.Output, StringComparison.Ordinal);

        await Rpc(902).CallAsync("evm_setIntervalMining", "[1]", ct);
        var resumedAt = DateTime.UtcNow;
        await WaitForAsync(harness, receiver, [(halted, "RESOLVED")], ct);
        await sim.RelayAsync(c, makeFail: false, ct);
        var cRelayedAt = DateTime.UtcNow;
        await WaitForAsync(harness, receiver, [(keyC, "RESOLVED"), (stuckC, "RESOLVED")], ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct); // room for a stray duplicate or a late re-send to show up

        // Exactly these changes, each notified once (the JSON and the Slack webhook), recorded once, produced to Kafka.
        (string, string)[] expected =
        [
            (keyB, "FIRING"), (keyB, "RESOLVED"), (keyC, "FIRING"), (keyC, "RESOLVED"), (stuckC, "FIRING"), (stuckC, "RESOLVED"),
            (failedD, "FIRING"), (failedD, "RESOLVED"), (halted, "FIRING"), (halted, "RESOLVED"),
        ];
        var notified = receiver.AcceptedChanges("ops");
        var log = string.Join("\n", notified.Select(x => $"{x.GetProperty("transitionId").GetString()} {x.GetProperty("changedAt").GetString()}"));
        Assert.True(expected.Order().SequenceEqual(notified.Select(Key).Order()), $"webhook got:\n{log}");
        Assert.Equal(notified.Count, notified.Select(x => x.GetProperty("transitionId").GetString()).Distinct().Count());
        Assert.Equal(expected.Length, receiver.CallsTo("slack").Where(x => x.Status == 200).Sum(x => JsonDocument.Parse(x.Body).RootElement.GetProperty("text").GetString()!.Split('\n').Length));
        Assert.Equal(expected.Length, await harness.ScalarAsync("SELECT count() FROM alerts FINAL", ct));
        Assert.NotEmpty(receiver.CallsTo("broken")); // retried all along, and held up nobody
        var produced = ReadAlertsTopic(harness);
        Assert.Equal(notified.Select(x => x.GetProperty("transitionId").GetString()).Order(), produced.Select(p => p.TransitionId).Distinct().Order());

        // In time: threshold + one evaluation interval (+ allowance) after the condition began; never before.
        var at = notified.ToDictionary(Key, x => DateTime.Parse(x.GetProperty("changedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        var bSentAt = await TimeAsync(harness, $"SELECT toUnixTimestamp64Milli(sent_at) FROM messages FINAL WHERE message_id = '{b.ExpectedMsgHash.ToLowerInvariant()}'", ct);
        var dFailedAt = await TimeAsync(harness, $"SELECT toUnixTimestamp64Milli(last_failed_at) FROM messages FINAL WHERE message_id = '{d.ExpectedMsgHash.ToLowerInvariant()}'", ct);
        var context = firstRun + "\n---- after the restart ----\n" + processor.Output + "\n---- ingest ----\n" + harness.Logs.Text;
        AssertWithin(at[(keyB, "FIRING")], bSentAt + TimeSpan.FromSeconds(8), "B delayed", context);
        AssertWithin(at[(keyC, "FIRING")], cSentAt + TimeSpan.FromSeconds(8), "C delayed", context);
        AssertWithin(at[(failedD, "FIRING")], dFailedAt.AddSeconds(3), "D relay failed", context);
        AssertWithin(at[(halted, "FIRING")], DateTime.UnixEpoch.AddSeconds(haltedHead.Timestamp + 6), "902 halted", context);
        // Due (or cleared) while the processor was down: at the first sweeps after the restart.
        foreach (var key in new[] { (stuckC, "FIRING"), (keyB, "RESOLVED"), (failedD, "RESOLVED") })
        {
            Assert.InRange(at[key], restartedAt, restartedAt + TimeSpan.FromSeconds(30));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"902 resolved {(at[(halted, "RESOLVED")] - resumedAt).TotalSeconds:0.00} s after mining resumed; C resolved {(at[(keyC, "RESOLVED")] - cRelayedAt).TotalSeconds:0.00} s after its relay returned; after the restart: {string.Join(", ", new[] { (stuckC, "FIRING"), (keyB, "RESOLVED"), (failedD, "RESOLVED") }.Select(k => $"{k.Item1} {k.Item2} +{(at[k] - restartedAt).TotalSeconds:0.0} s"))}");
        Assert.InRange(at[(halted, "RESOLVED")], resumedAt, resumedAt + Interval + Allowance);
        Assert.InRange(at[(keyC, "RESOLVED")], cRelayedAt.AddSeconds(-1), cRelayedAt + Interval + Allowance);
        Assert.Equal(at[(keyC, "RESOLVED")], at[(stuckC, "RESOLVED")]);

        // And through GraphQL.
        var data = await harness.GraphQLAsync("""
            { firing: alerts(state: FIRING) { totalCount }
              resolved: alerts(state: RESOLVED, route: { destinationChainId: 901 }) { totalCount edges { node { id rule severity clock messageId firedAt resolvedAt } } }
              chain: alerts(chainId: 902) { edges { node { id state ruleType chainId clock summary } } } }
            """, ct);
        Assert.Equal(0, data.GetProperty("firing").GetProperty("totalCount").GetInt32());
        Assert.Equal(4, data.GetProperty("resolved").GetProperty("totalCount").GetInt32());
        Assert.All(data.GetProperty("resolved").GetProperty("edges").EnumerateArray(), edge => Assert.Equal("EVENT_TIME", edge.GetProperty("node").GetProperty("clock").GetString()));
        var chainAlert = Assert.Single(data.GetProperty("chain").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal(("halted/chain:902", "RESOLVED", "CHAIN_LIVENESS", "WALL_CLOCK"), (chainAlert.GetProperty("id").GetString(), chainAlert.GetProperty("state").GetString(), chainAlert.GetProperty("ruleType").GetString(), chainAlert.GetProperty("clock").GetString()));
        Assert.False(processor.HasExited, processor.Output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_delivery_the_pipeline_has_not_ingested_yet_never_makes_its_message_stuck()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "alertlag", ct);
        await using var receiver = await WebhookReceiver.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bridgestream-alerting-").FullName;
        var rulesPath = Path.Combine(folder, "rules.yaml");
        await File.WriteAllTextAsync(rulesPath, "evaluationInterval: 1s\nrules:\n  - id: stuck\n    type: undelivered\n    severity: critical\n    threshold: 6s\n    match: { protocols: [OP_STACK_MESSENGER] }\n", ct);
        using var http = new HttpClient();
        foreach (var chain in harness.Devnet.Deployment.Chains)
        {
            await new JsonRpcClient(http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance).CallAsync("evm_setIntervalMining", "[1]", ct);
        }

        var ingest = harness.StartIngestProcess();
        var processor = harness.StartProcessor(new Dictionary<string, string?>
        {
            ["Alerting:RulesPath"] = rulesPath,
            ["Alerting:TickMillis"] = "100",
            ["Alerting:Webhooks:0:Name"] = "ops",
            ["Alerting:Webhooks:0:Url"] = receiver.Url("ops"),
        });
        await harness.WaitUntilAsync(() => Task.FromResult(AlertingLoaded(processor)), TimeSpan.FromSeconds(90), "the alerting to take every partition", ct);
        var late = (await harness.Simulator.SendDepositsAsync(901, 1, ct))[0];
        var never = (await harness.Simulator.SendDepositsAsync(901, 1, ct))[0];
        var id = late.ExpectedMsgHash.ToLowerInvariant();
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE message_id IN ('{id}', '{never.ExpectedMsgHash.ToLowerInvariant()}')", ct) == 2, TimeSpan.FromSeconds(30), "both sends", ct);

        // The ingestion stops; the first message is relayed meanwhile, which nobody sees. Its 6 s pass, then 14 more:
        // a wall-clock timer would call it stuck; the destination's event-time clock stands still instead.
        ingest.Kill();
        await harness.Simulator.RelayAsync(late, makeFail: false, ct);
        await Task.Delay(TimeSpan.FromSeconds(20), ct);
        Assert.Empty(receiver.AcceptedChanges("ops"));

        // Ingestion resumes: the delivery arrives, and only the message that really was never relayed fires.
        harness.StartIngestProcess();
        var neverKey = "stuck/message:" + never.ExpectedMsgHash.ToLowerInvariant();
        await WaitForAsync(harness, receiver, [(neverKey, "FIRING")], ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE message_id = '{id}' AND status = 'DELIVERED'", ct) == 1, TimeSpan.FromSeconds(30), "the delivery", ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal([(neverKey, "FIRING")], receiver.AcceptedChanges("ops").Select(Key));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_rebalance_hands_the_timers_and_alerts_over_without_repeating_or_losing_a_notification()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "alertrebalance", ct);
        await using var receiver = await WebhookReceiver.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bridgestream-alerting-").FullName;
        var rulesPath = Path.Combine(folder, "rules.yaml");
        await File.WriteAllTextAsync(rulesPath, """
            evaluationInterval: 1s
            l1ChainIds: [900]
            rules:
              - id: delayed
                type: undelivered
                severity: warning
                threshold: 5s
                match: { protocols: [OP_STACK_MESSENGER] }
              - id: stuck
                type: undelivered
                severity: critical
                threshold: 20s
                match: { protocols: [OP_STACK_MESSENGER] }
            """, ct);
        using var http = new HttpClient();
        foreach (var chain in harness.Devnet.Deployment.Chains)
        {
            await new JsonRpcClient(http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance).CallAsync("evm_setIntervalMining", "[1]", ct);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Alerting:RulesPath"] = rulesPath,
            ["Alerting:TickMillis"] = "100",
            ["Alerting:AssignmentGraceMillis"] = "2000",
            ["Alerting:RedeliveryDelayMillis"] = "3000",
            ["Alerting:Webhooks:0:Name"] = "ops",
            ["Alerting:Webhooks:0:Url"] = receiver.Url("ops"),
        };
        await harness.StartIngestAsync(ct);
        var first = harness.StartProcessor(settings);
        await harness.WaitUntilAsync(() => Task.FromResult(AlertingLoaded(first)), TimeSpan.FromSeconds(90), "the first processor to take every partition", ct);
        var deposits = await harness.Simulator.SendDepositsAsync(901, 10, ct);
        string KeyOf(string rule, SentDeposit d) => $"{rule}/message:{d.ExpectedMsgHash.ToLowerInvariant()}";
        await WaitForAsync(harness, receiver, [.. deposits.Select(d => (KeyOf("delayed", d), "FIRING"))], ct);

        // A second processor joins: some partitions (their open messages, firing alerts and timers) move to it.
        var second = harness.StartProcessor(settings);
        await harness.WaitUntilAsync(() => Task.FromResult(second.Output.Contains("Alerting took partition", StringComparison.Ordinal) && first.Output.Contains("Alerting hands over partitions", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90), "a rebalance", ct);
        await WaitForAsync(harness, receiver, [.. deposits.Select(d => (KeyOf("stuck", d), "FIRING"))], ct);
        foreach (var deposit in deposits)
        {
            await harness.Simulator.RelayAsync(deposit, makeFail: false, ct);
        }

        await WaitForAsync(harness, receiver, [.. deposits.SelectMany(d => new[] { (KeyOf("delayed", d), "RESOLVED"), (KeyOf("stuck", d), "RESOLVED") })], ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);

        var notified = receiver.AcceptedChanges("ops").Select(Key).ToList();
        Assert.Equal(40, notified.Count);
        Assert.Equal(40, notified.Distinct().Count());
        Assert.Equal(40, await harness.ScalarAsync("SELECT count() FROM alerts FINAL", ct));
        var tookAlerts = second.Output.Split('\n').Where(l => l.Contains("Alerting took partition", StringComparison.Ordinal)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", tookAlerts));
        // The partitions it took held firing alerts (10 messages over 6 partitions: all on the first's side is a 1-in-1000 chance).
        Assert.Contains(tookAlerts, l => !l.Contains(" 0 active alerts", StringComparison.Ordinal));
        Assert.False(first.HasExited || second.HasExited, first.Output + second.Output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_processor_started_with_a_malformed_rules_file_stops_with_the_problem_and_where_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("bridgestream-alerting-").FullName;
        var rulesPath = Path.Combine(folder, "rules.yaml");
        await File.WriteAllTextAsync(rulesPath, "rules:\n  - id: stuck\n    type: undelivered\n    severity: critical\n    threshold: an hour\n", TestContext.Current.CancellationToken);
        await using var processor = BridgeStreamProcess.Start("process", new Dictionary<string, string?>
        {
            ["Alerting:RulesPath"] = rulesPath,
            ["Kafka:BootstrapServers"] = "127.0.0.1:9",
            ["ClickHouse:ConnectionString"] = "Host=127.0.0.1;Port=9",
        });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await processor.WaitForExitAsync(timeout.Token);
        await Task.Delay(200, TestContext.Current.CancellationToken); // the last output lines
        Assert.Equal(2, processor.ExitCode);
        Assert.Contains("line 5, column 16: rule 'stuck': 'threshold' must be a duration like", processor.Output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static bool AlertingLoaded(BridgeStreamProcess processor)
    {
        var output = processor.Output;
        return output.Split('\n').Count(l => l.Contains("Alerting took partition", StringComparison.Ordinal)) >= 6
            && output.Contains("Alerting took the chain and route rules", StringComparison.Ordinal);
    }

    private static async Task<SentDeposit> SendAsync(TrafficSimulator simulator, long l2, bool failable, CancellationToken ct)
    {
        while (true)
        {
            var deposit = (await simulator.SendDepositsAsync(l2, 1, ct))[0];
            if (!failable || deposit.TargetTag is not null)
            {
                return deposit;
            }

            await simulator.RelayAsync(deposit, makeFail: false, ct); // not to a MessageTarget: relay it, try again
        }
    }

    private static async Task WaitForAsync(PipelineHarness harness, WebhookReceiver receiver, (string Key, string State)[] wanted, CancellationToken ct) =>
        await harness.WaitUntilAsync(
            () => Task.FromResult(wanted.All(w => receiver.AcceptedChanges("ops").Any(x => Key(x) == w))),
            TimeSpan.FromSeconds(90), "the webhook to get " + string.Join(", ", wanted.Select(w => $"{w.Key} {w.State}")), ct);

    private static (string, string) Key(JsonElement change) => (change.GetProperty("dedupKey").GetString()!, change.GetProperty("state").GetString()!);

    private static async Task<DateTime> TimeAsync(PipelineHarness harness, string sql, CancellationToken ct) =>
        DateTime.UnixEpoch.AddMilliseconds(await harness.ScalarAsync(sql, ct));

    private static void AssertWithin(DateTime firedAt, DateTime due, string what, string context)
    {
        var report = $"{what}: due {due:HH:mm:ss.fff}, fired {firedAt:HH:mm:ss.fff} ({(firedAt - due).TotalSeconds:0.00} s after)";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(firedAt >= due && firedAt <= due + Interval + Allowance, report + "\n" + context);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static List<V1.AlertChange> ReadAlertsTopic(PipelineHarness harness)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = harness.Kafka.BootstrapServers, GroupId = "alerts-reader", AutoOffsetReset = AutoOffsetReset.Earliest, EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("bridge.alerts.v1", 0, Offset.Beginning));
        var records = new List<V1.AlertChange>();
        while (consumer.Consume(TimeSpan.FromSeconds(10)) is { } result && !result.IsPartitionEOF)
        {
            records.Add(V1.AlertChange.Parser.ParseFrom(result.Message.Value));
        }

        return records;
    }
}
