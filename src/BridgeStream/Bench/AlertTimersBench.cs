using System.Diagnostics;
using System.Globalization;
using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Embedded;

namespace BridgeStream.Bench;

/// <summary>
/// `bench --alert-timers N`: the alerting's timers for N open messages, in memory, with the repository's rules file (or
/// --rules PATH): how much memory they take and how long a sweep takes (nothing due; a slice due), how fast message
/// changes are absorbed, and how long a rules reload (re-arming every timer) takes. No ClickHouse, no Kafka: the engine's
/// own data structures (<see cref="PartitionAlerts"/>), spread over partitions as a processor holds them.
/// </summary>
public static class AlertTimersBench
{
    public const string Usage = """
        usage: bridgestream bench --alert-timers N [--partitions P] [--routes R] [--rules PATH] [--sweeps S] [--json PATH]

          --alert-timers N   open (undelivered) messages to time; e.g. 1000000
          --partitions P     partitions of bridge.events.v1 they are spread over (one PartitionAlerts each); default 6
          --routes R         routes (protocol, source, destination); default 24
          --rules PATH       the rules file; default infra/alerts/rules.yaml
          --sweeps S         sweeps measured per figure (median and max reported); default 20
          --json PATH        also write the figures as JSON
        """;

    private const long Now = 1_800_000_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int count = 0, partitions = 6, routes = 24, sweeps = 20;
        string? json = null;
        var rulesPath = Path.Combine(EmbeddedTools.RepositoryRoot, "infra", "alerts", "rules.yaml");
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--alert-timers": count = Count(args[i], Value(), 1, 50_000_000); break;
                    case "--partitions": partitions = Count(args[i], Value(), 1, 1024); break;
                    case "--routes": routes = Count(args[i], Value(), 1, 10_000); break;
                    case "--sweeps": sweeps = Count(args[i], Value(), 1, 10_000); break;
                    case "--rules": rulesPath = Value(); break;
                    case "--json": json = Value(); break;
                    default: throw new ArgumentException($"Unknown option '{args[i]}'.");
                }
            }
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"bridgestream bench: {ex.Message}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var rules = AlertRulesFile.Load(rulesPath);
        var report = Run(count, partitions, routes, sweeps, rules);
        report.Run["rules"] = $"{rulesPath} ({rules.MessageRules.Count()} message rules)";
        report.Print(Console.Out);
        if (json is not null)
        {
            await report.WriteJsonAsync(json, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"Results written to {Path.GetFullPath(json)}");
        }

        return 0;
    }

    /// <summary>The measurement itself (also run, small, by the tests).</summary>
    public static BenchReport Run(int count, int partitions, int routeCount, int sweeps, AlertRuleSet rules)
    {
        var report = new BenchReport();
        report.Run["open messages"] = count.ToString("#,0", CultureInfo.InvariantCulture);
        report.Run["partitions"] = partitions.ToString(CultureInfo.InvariantCulture);
        report.Run["routes"] = routeCount.ToString(CultureInfo.InvariantCulture);
        report.Run["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}";
        var routes = Routes(routeCount, rules.L1ChainIds.FirstOrDefault(1UL));
        var thresholds = new ThresholdTable();
        var engines = Enumerable.Range(0, partitions).Select(p => new PartitionAlerts(p, rules)).ToArray();
        var random = new Random(7);
        var changes = new List<AlertChange>();

        // Load: every message is sent within the last 9 minutes (nothing is due under the default rules yet); a tenth
        // failed, a twentieth are retryable tickets that arrived, a twentieth proven withdrawals.
        var messages = new OpenMessage[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = Message(i, routes[random.Next(routes.Length)], Now - random.NextInt64(9 * 60_000), random.Next(100), partitions);
        }

        ForceGc();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = ProcessMemory.ResidentBytes() ?? 0;
        var clock = Stopwatch.StartNew();
        foreach (var m in messages)
        {
            engines[m.Partition].Apply(m, Now, changes);
        }

        var load = clock.Elapsed;
        ForceGc();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var rssAfter = ProcessMemory.ResidentBytes() ?? 0;
        var entries = engines.Sum(e => e.Timers.Entries);
        report.Add("load", "messages armed", count / load.TotalSeconds, "msg/s", $"{count:#,0} messages, {entries:#,0} timer entries in {engines.Sum(e => e.Timers.Queues)} queues, {load.TotalMilliseconds:0} ms");
        report.Add("memory", "managed heap", (heapAfter - heapBefore) / 1_048_576.0, "MiB", "GC.GetTotalMemory after a full collection, minus before");
        report.Add("memory", "per open message", (heapAfter - heapBefore) / (double)count, "bytes", "snapshot, index entry, timer entries, array slack");
        report.Add("memory", "resident set growth", (rssAfter - rssBefore) / 1_048_576.0, "MiB", "VmRSS after minus before (includes GC headroom)");

        // Sweeps with nothing due: the steady state between alerts.
        long? Clock(ulong _) => Now;
        var idle = Measure(sweeps, () => Sweep(engines, Clock, thresholds, changes));
        report.Add("sweep", "nothing due (median)", idle.Median, "ms", $"max {idle.Max:0.###} ms over {sweeps} sweeps; {changes.Count} alerts");

        // A slice comes due: the clock moves 30 min 30 s on, past "message-delayed" (30 min) for the messages older than
        // 30 s; every one of them fires once, in the first sweep; the later sweeps find them already firing.
        changes.Clear();
        long? Later(ulong _) => Now + 1_830_000;
        clock.Restart();
        Sweep(engines, Later, thresholds, changes);
        var firing = clock.Elapsed;
        var fired = changes.Count;
        report.Add("sweep", "first sweep with alerts due", firing.TotalMilliseconds, "ms", $"{fired:#,0} alerts started ({fired / Math.Max(firing.TotalSeconds, 1e-9):#,0}/s)");
        changes.Clear();
        var after = Measure(sweeps, () => Sweep(engines, Later, thresholds, changes));
        report.Add("sweep", "after the alerts (median)", after.Median, "ms", $"max {after.Max:0.###} ms; {changes.Count} new changes; {engines.Sum(e => e.Active.Count):#,0} alerts active");

        // Message changes as the correlator hands them over: a tenth of the messages delivered.
        changes.Clear();
        var delivered = Math.Max(1, count / 10);
        clock.Restart();
        for (var i = 0; i < delivered; i++)
        {
            var m = messages[i];
            m.Status = MessageStatus.Delivered;
            m.Version++;
            engines[m.Partition].Apply(m, Now, changes);
        }

        var updates = clock.Elapsed;
        report.Add("updates", "deliveries absorbed", delivered / updates.TotalSeconds, "msg/s", $"{delivered:#,0} deliveries, {changes.Count:#,0} alerts resolved");

        // A rules reload re-arms every open message.
        changes.Clear();
        clock.Restart();
        foreach (var engine in engines)
        {
            engine.ReplaceRules(rules, Now, changes);
        }

        report.Add("reload", "rules reload (re-arm all)", clock.Elapsed.TotalMilliseconds, "ms", $"{engines.Sum(e => e.Timers.Count):#,0} messages");
        GC.KeepAlive(engines);
        return report;
    }

    private static void Sweep(PartitionAlerts[] engines, Func<ulong, long?> clock, ThresholdTable thresholds, List<AlertChange> changes)
    {
        foreach (var engine in engines)
        {
            engine.Sweep(clock, thresholds, Now, changes);
        }
    }

    private static (double Median, double Max) Measure(int times, Action action)
    {
        var samples = new double[times];
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[times / 2], samples[^1]);
    }

    private static RouteKey[] Routes(int count, ulong l1)
    {
        Protocol[] protocols = [Protocol.OpStackMessenger, Protocol.OpStackPortal, Protocol.ArbitrumRetryable, Protocol.Hyperlane, Protocol.CctpV1, Protocol.LayerZeroV2, Protocol.ScrollMessenger, Protocol.OpStackWithdrawal];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var protocol = protocols[i % protocols.Length];
            var l2 = 10UL + (ulong)(i / protocols.Length);
            return protocol == Protocol.OpStackWithdrawal ? new RouteKey(protocol, l2, l1) : new RouteKey(protocol, l1, l2);
        })];
    }

    private static OpenMessage Message(int i, RouteKey route, long sentAt, int kind, int partitions)
    {
        var m = new OpenMessage
        {
            Id = Hash32.FromUInt64((ulong)i + 1),
            Protocol = route.Protocol,
            Source = route.Source,
            Destination = route.Destination,
            SentAtMs = sentAt,
            DestinationStepAtMs = OpenMessage.None,
            FinalizableAtMs = OpenMessage.None,
            ExpiresAtMs = OpenMessage.None,
            Version = 1,
            Partition = i % partitions,
            Status = MessageStatus.Sent,
        };
        if (route.Protocol == Protocol.OpStackWithdrawal)
        {
            m.Status = MessageStatus.Proven;
            m.FinalizableAtMs = sentAt + (7 * 86_400_000L);
        }
        else if (kind < 10)
        {
            m.Status = MessageStatus.Failed;
            m.DestinationStepAtMs = sentAt + 5_000;
        }
        else if (kind < 15 && route.Protocol == Protocol.ArbitrumRetryable)
        {
            m.Status = MessageStatus.Arrived;
            m.DestinationStepAtMs = sentAt + 5_000;
            m.ExpiresAtMs = sentAt + (7 * 86_400_000L);
        }

        return m;
    }

    private static void ForceGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static int Count(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}; got '{text}'.");
}
