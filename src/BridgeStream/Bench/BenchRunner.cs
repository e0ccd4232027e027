using System.Globalization;
using System.Runtime.InteropServices;

namespace BridgeStream.Bench;

/// <summary>Runs the phases in an order that keeps each figure clean, and collects the figures.</summary>
public sealed class BenchRunner(BenchOptions options, ILoggerFactory loggers, Action<string> progress)
{
    public const double TargetLogsPerSecond = 30_000;
    public const double TargetPeakMegabytes = 400;

    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        var report = new BenchReport();
        DescribeMachine(report, "load at start");
        if (options.AnalyticsOnly || options.ApiOnly)
        {
            await RunAnalyticsAsync(report, ct).ConfigureAwait(false);
            await RunApiAsync(report, ct).ConfigureAwait(false);
            DescribeMachine(report, "load at end");
            return report;
        }

        await using var env = await BenchEnvironment.StartAsync(options, loggers, progress, ct).ConfigureAwait(false);
        report.Run["pairs per rollup"] = Invariant(options.Pairs);
        report.Run["preload"] = $"{env.Preload.MessagePairs} messages, {env.Preload.L1Logs + env.Preload.L2Logs} logs in {env.Preload.Elapsed.TotalSeconds:0.0} s";

        var (plan, events, rejected) = await ReadAndDecodeAsync(env, report, ct).ConfigureAwait(false);
        var messages = env.Preload.MessagePairs;
        var pipeline = new PipelineBench(env, progress);

        progress("Phase 4: ingest end to end (RPC -> decode -> Kafka acknowledged)");
        var ingest = await pipeline.IngestAsync(events + rejected, ct).ConfigureAwait(false);
        report.Add("4 ingest e2e", "logs/s", ingest is null ? null : plan.Logs / ingest.Seconds, "logs/s",
            ingest is null ? "did not finish" : $"{plan.Logs} logs, {ingest.Acknowledged} records acked in {ingest.Seconds:0.00} s; fresh checkpoint");
        report.Add("4 ingest e2e", "blocks/s", ingest is null ? null : plan.Blocks / ingest.Seconds, "blocks/s", $"{plan.Blocks} blocks (batch preload: few, dense blocks)");

        if (ingest is not null)
        {
            progress("Phase 5: correlator alone (Kafka -> ClickHouse) over the ingest phase's topic");
            var correlate = await pipeline.CorrelateAsync(ingest.Topics, messages, ct).ConfigureAwait(false);
            report.Add("5 correlator", "events/s", correlate.SecondsFromFirstRecord is { } s ? events / s : null, "events/s",
                correlate.SecondsFromFirstRecord is { } s2
                    ? $"{events} events, {messages} DELIVERED in {s2:0.00} s from the first consumed batch ({correlate.SecondsFromStart:0.00} s incl. group join)"
                    : $"did not finish: {correlate.Delivered} of {messages} DELIVERED");
        }

        progress("Phase 6: full backfill (ingest + correlator + API together, from scratch)");
        var backfill = await pipeline.BackfillAsync(messages, ct).ConfigureAwait(false);
        await using (backfill.Pipeline)
        {
            AddBackfill(report, backfill, plan, messages);
            if (options.LiveSamples > 0)
            {
                progress($"Phase 8: live latency over {options.LiveSamples} single deposit + relay round trips");
                var live = await new LiveLatencyBench(env, backfill.Pipeline.BaseAddress, loggers.CreateLogger<LiveLatencyBench>())
                    .RunAsync(options.LiveSamples, backfill.Topics, ct).ConfigureAwait(false);
                AddLive(report, live);
            }
        }

        progress($"Phase 7: ClickHouseStore.UpsertMessagesAsync of {options.ClickHouseRows} message rows");
        var (oneCall, batched) = await ClickHouseRowsBench.RunAsync(env, options.ClickHouseRows, ct).ConfigureAwait(false);
        report.Add("7 clickhouse", "rows/s (1 call)", oneCall, "rows/s", $"{options.ClickHouseRows} message rows in one UpsertMessagesAsync");
        report.Add("7 clickhouse", "rows/s (5000/call)", batched, "rows/s", $"the same rows in calls of {ClickHouseRowsBench.CorrelatorBatch} (the correlator's batch size)");
        await RunAnalyticsAsync(report, ct).ConfigureAwait(false);
        await RunApiAsync(report, ct).ConfigureAwait(false);
        var ordered = report.Figures.OrderBy(f => f.Phase, StringComparer.Ordinal).ToList(); // stable: keeps p50..max together
        report.Figures.Clear();
        report.Figures.AddRange(ordered);
        DescribeMachine(report, "load at end");
        return report;
    }

    private async Task RunAnalyticsAsync(BenchReport report, CancellationToken ct)
    {
        if (options.AnalyticsMessages > 0)
        {
            report.Run["analytics messages"] = Invariant(options.AnalyticsMessages);
            await new AnalyticsBench(options, progress).RunAsync(report, ct).ConfigureAwait(false);
        }
    }

    private async Task RunApiAsync(BenchReport report, CancellationToken ct)
    {
        if (options.ApiMessages > 0)
        {
            report.Run["api messages"] = $"{Invariant(options.ApiMessages)}, {options.ApiClients} clients, {options.ApiSeconds} s per scenario";
            await new ApiBench(options, progress).RunAsync(report, ct).ConfigureAwait(false);
        }
    }

    private async Task<(ReadPlan Plan, long Events, long Rejected)> ReadAndDecodeAsync(BenchEnvironment env, BenchReport report, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        progress("Planning eth_getLogs ranges (warm-up pass with the ingestor's range sizer)");
        var plan = await ReadPlan.BuildAsync(env.Deployment, http, ct).ConfigureAwait(false);
        report.Run["logs / blocks / ranges"] = $"{plan.Logs} / {plan.Blocks} / {plan.Chains.Sum(c => c.Ranges.Count)} over {plan.Chains.Count} chains";

        progress($"Phases 1-2: bare reader vs JsonRpcClient, {ReaderBench.Rounds} alternating rounds each");
        var readers = new ReaderBench(plan, http);
        await readers.RunReadersAsync(ct).ConfigureAwait(false);
        report.Add("1 bare reader", "logs/s", readers.BareLogsPerSecond, "logs/s", $"HttpClient + JsonDocument, median of {ReaderBench.Rounds}; the reference");
        report.Add("2 rpc parse", "logs/s", readers.RpcLogsPerSecond, "logs/s", $"JsonRpcClient.GetLogsAsync, median of {ReaderBench.Rounds}");
        report.Add("2 rpc parse", "ratio to bare", readers.RpcLogsPerSecond / readers.BareLogsPerSecond, "x", "> 1 means faster than the reference");

        progress("Phase 3: decode + correlation-key hashing in memory, one thread");
        var decodeClock = System.Diagnostics.Stopwatch.StartNew();
        var (decodeRate, events, rejected) = readers.Decode();
        report.Add("3 decode", "logs/s", decodeRate, "logs/s", $"BridgeLogDecoder, {events} events (+{rejected} rejected) per pass");
        progress($"Phase 3 took {decodeClock.Elapsed.TotalSeconds:0.0} s");
        readers.Fetched.Clear(); // the fetched logs must not count toward the backfill's peak memory
        return (plan, events, rejected);
    }

    private static void AddBackfill(BenchReport report, PipelineBench.BackfillResult backfill, ReadPlan plan, long messages)
    {
        var rate = backfill.Seconds is { } s ? plan.Logs / s : (double?)null;
        report.Add("6 full backfill", "logs/s", rate, "logs/s",
            rate is null ? $"did not finish: {backfill.Delivered} of {messages} DELIVERED"
            : $"{plan.Logs} logs -> {messages} DELIVERED rows in {backfill.Seconds:0.00} s from the pipeline serving (start-up {backfill.StartupSeconds:0.0} s before); target >= {TargetLogsPerSecond:#,0} ({(rate >= TargetLogsPerSecond ? "met" : "NOT met")})");
        var peakMb = backfill.PeakRssBytes / 1048576.0;
        report.Add("6 full backfill", "peak RSS", peakMb, "MB",
            $"VmHWM of the `bridgestream pipeline` process (ingest + correlator + API; Kafka and chDB run in their own); target <= {TargetPeakMegabytes} ({(peakMb <= TargetPeakMegabytes ? "met" : "NOT met")})");
        report.Add("6 full backfill", "managed heap peak", backfill.ManagedHeapPeakBytes / 1048576.0, "MB",
            "largest dotnet_total_memory_bytes the pipeline reported on /metrics (sampled every 200 ms); the rest of its RSS is runtime, code and native buffers");
        report.Add("6 full backfill", "chDB peak RSS", backfill.ClickHousePeakRssBytes / 1048576.0, "MB", "the embedded ClickHouse's own process during the backfill (not part of the target)");
    }

    private static void AddLive(BenchReport report, LiveLatencyBench.Result live)
    {
        report.RelayToDelivered = LatencyStats.Of(live.RelayToDelivered);
        report.DepositToSent = LatencyStats.Of(live.DepositToSent);
        report.RelayToKafka = LatencyStats.Of(live.RelayToKafka);
        AddLatency(report, "relay -> DELIVERED", report.RelayToDelivered, $"relay receipt back -> GraphQL shows DELIVERED (5 ms polls); {live.TimedOut} timed out");
        AddLatency(report, "deposit -> SENT", report.DepositToSent, "deposit receipt back -> GraphQL shows SENT");
        AddLatency(report, "relay -> Kafka", report.RelayToKafka, "relay transaction submitted (automine seals it at once) -> its Kafka record's producer timestamp (ms resolution); n = samples seen");
    }

    private static void AddLatency(BenchReport report, string what, LatencyStats? stats, string note)
    {
        report.Add("8 live latency", $"{what} p50", stats?.P50, "ms", note + (stats is null ? "" : $"; n={stats.Count}"));
        report.Add("8 live latency", $"{what} p95", stats?.P95, "ms");
        report.Add("8 live latency", $"{what} p99", stats?.P99, "ms");
        report.Add("8 live latency", $"{what} max", stats?.Max, "ms");
    }

    private static void DescribeMachine(BenchReport report, string key)
    {
        report.Run["machine"] = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
        report.Run[key] = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1/5/15 min)" : "unknown";
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
