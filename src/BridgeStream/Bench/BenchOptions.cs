using System.Globalization;

namespace BridgeStream.Bench;

/// <summary>
/// Options of `bridgestream bench`. The defaults keep the whole run at about 3-4 minutes on 2 cores: preloading
/// the chains takes most of it, the measured phases only seconds each.
/// </summary>
public sealed record BenchOptions
{
    public const int DefaultPairs = 20_000;
    public const int DefaultLiveSamples = 100;

    /// <summary>Deposit + relay message pairs preloaded per rollup (2 rollups): 3 logs and 2 events per pair.</summary>
    public int Pairs { get; init; } = DefaultPairs;

    /// <summary>Single deposit + relay round trips measured by the live-latency phase.</summary>
    public int LiveSamples { get; init; } = DefaultLiveSamples;

    /// <summary>Also write the results as JSON here.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Rows written by the ClickHouse rows/s phase.</summary>
    public int ClickHouseRows { get; init; } = 200_000;

    /// <summary>Messages the analytics phase generates into ClickHouse before timing the analytics queries; 0 skips it.</summary>
    public int AnalyticsMessages { get; init; }

    /// <summary>Timed runs of each analytics query (after one warm-up run).</summary>
    public int AnalyticsRuns { get; init; } = 20;

    /// <summary>Run only the analytics phase (no devnet, no pipeline phases).</summary>
    public bool AnalyticsOnly { get; init; }

    /// <summary>Messages the API phase generates before driving the GraphQL API with concurrent clients; 0 skips it.</summary>
    public int ApiMessages { get; init; }

    /// <summary>Concurrent HTTP clients of the API phase (it also runs with one client, for the service time).</summary>
    public int ApiClients { get; init; } = 16;

    /// <summary>Seconds each API scenario runs at each concurrency.</summary>
    public int ApiSeconds { get; init; } = 20;

    /// <summary>Run only the API phase (no devnet, no pipeline phases; the analytics phase too if asked for).</summary>
    public bool ApiOnly { get; init; }

    /// <summary>Keep the API phase's generated data set when it exists with the same message count (no regeneration).</summary>
    public bool ApiReuseData { get; init; }

    public const string Usage = """
        usage: bridgestream bench [--pairs N] [--live-samples N] [--analytics-messages N [--analytics-runs N] [--analytics-only]]
                                [--api-messages N [--api-clients N] [--api-seconds S] [--api-only] [--api-reuse-data]] [--json PATH]

          --pairs N               deposit+relay message pairs preloaded per rollup (2 rollups, 3 logs per pair); default 20000
          --live-samples N        single deposit+relay round trips for the live latency figures; default 100 (0 skips the phase)
          --analytics-messages N  phase 9: generate N messages (90 days, 34 routes) into a ClickHouse of its own, then time every
                                  analytics GraphQL query and every Grafana panel query; default 0 (skipped); 10000000 for the issue's figure
          --analytics-runs N      timed runs per analytics query (after a warm-up); default 20
          --analytics-only        run phase 9 only (no devnet, no pipeline phases)
          --api-messages N        phase 10: generate N messages (as phase 9) into a ClickHouse of its own, start the API over it and
                                  drive message(id), a filtered messages page + its second page, and routes(window: LAST_WEEK) from
                                  concurrent HTTP clients, then from one; default 0 (skipped); 10000000 for the issue's figure
          --api-clients N         concurrent clients of phase 10; default 16
          --api-seconds S         seconds per scenario and concurrency in phase 10; default 20
          --api-only              run phase 10 only (and phase 9 if --analytics-messages is given)
          --api-reuse-data        keep phase 10's data set from the last run when it has the same message count
          --json PATH             also write the results as JSON to PATH
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message meant for the user.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--pairs" => options with { Pairs = ParseCount(name, Value(), min: 1, max: 1_000_000) },
                "--live-samples" => options with { LiveSamples = ParseCount(name, Value(), min: 0, max: 100_000) },
                "--json" => options with { JsonPath = NonEmpty(name, Value()) },
                "--analytics-messages" => options with { AnalyticsMessages = ParseCount(name, Value(), min: 0, max: 200_000_000) },
                "--analytics-runs" => options with { AnalyticsRuns = ParseCount(name, Value(), min: 1, max: 1000) },
                "--analytics-only" => options with { AnalyticsOnly = true },
                "--api-messages" => options with { ApiMessages = ParseCount(name, Value(), min: 0, max: 200_000_000) },
                "--api-clients" => options with { ApiClients = ParseCount(name, Value(), min: 1, max: 256) },
                "--api-seconds" => options with { ApiSeconds = ParseCount(name, Value(), min: 1, max: 3600) },
                "--api-only" => options with { ApiOnly = true },
                "--api-reuse-data" => options with { ApiReuseData = true },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int ParseCount(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}; got '{text}'.");

    private static string NonEmpty(string name, string text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException($"{name} needs a file path.") : text;
}
