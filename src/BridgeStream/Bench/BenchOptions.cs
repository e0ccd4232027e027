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

    public const string Usage = """
        usage: bridgestream bench [--pairs N] [--live-samples N] [--analytics-messages N [--analytics-runs N] [--analytics-only]] [--json PATH]

          --pairs N               deposit+relay message pairs preloaded per rollup (2 rollups, 3 logs per pair); default 20000
          --live-samples N        single deposit+relay round trips for the live latency figures; default 100 (0 skips the phase)
          --analytics-messages N  phase 9: generate N messages (90 days, 34 routes) into a ClickHouse of its own, then time every
                                  analytics GraphQL query and every Grafana panel query; default 0 (skipped); 10000000 for the issue's figure
          --analytics-runs N      timed runs per analytics query (after a warm-up); default 20
          --analytics-only        run phase 9 only (no devnet, no pipeline phases)
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
