using System.Globalization;
using BridgeStream.Analytics;
using BridgeStream.Api.Analytics;
using BridgeStream.ClickHouse;
using BridgeStream.Embedded;
using BridgeStream.Embedded.ClickHouse;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Bench;

/// <summary>
/// Phase 10: the GraphQL API under concurrent load over a large history. Generates N messages over 90 days
/// (<see cref="AnalyticsDataGenerator"/>, the analytics views filling as from the correlator) into an embedded ClickHouse
/// of its own (its own process and data folder), starts the real API host over it and drives it with
/// <see cref="ApiLoad"/> from the configured number of clients, then from one client: the embedded ClickHouse runs one
/// statement at a time, so the single-client figures are the service time and the difference is queueing.
/// </summary>
public sealed class ApiBench(BenchOptions options, Action<string> progress)
{
    public const string Phase = "10 api";
    public static readonly TimeSpan Span = TimeSpan.FromDays(90);
    private const string Database = "bench_api";

    public async Task RunAsync(BenchReport report, CancellationToken ct)
    {
        var dataPath = Path.Combine(EmbeddedTools.DataRoot, "bench", "api-clickhouse");
        var marker = Path.Combine(dataPath, "bench-api-dataset.txt");
        var reuse = options.ApiReuseData && ReadMarker(marker) is { } stored && stored.Messages == options.ApiMessages;
        if (!reuse && Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }

        progress($"Phase 10: API under load; starting an embedded ClickHouse of its own ({(reuse ? "reusing the data set in " + dataPath : "fresh data folder")})");
        await using var server = await EmbeddedClickHouseProcess.StartAsync(dataPath, 0, ct).ConfigureAwait(false);
        var connectionString = new ClickHouseConnectionStringBuilder(server.ConnectionString) { Database = Database }.ConnectionString;
        var now = reuse ? ReadMarker(marker)!.Value.Now : AnalyticsTiles.Floor(DateTime.UtcNow, AnalyticsLevel.Minute);
        if (!reuse)
        {
            await GenerateAsync(server.ConnectionString, connectionString, now, report, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(marker, $"{options.ApiMessages} {now.Ticks}", ct).ConfigureAwait(false);
        }
        else
        {
            report.Run["api data set"] = $"reused: {options.ApiMessages:#,0} messages generated for {now:u}";
        }

        await using var api = await BenchApiHost.StartAsync(connectionString, ct).ConfigureAwait(false);
        var load = new ApiLoad(api.Address, options.ApiMessages, now, Span);
        var duration = TimeSpan.FromSeconds(options.ApiSeconds);
        var concurrencies = options.ApiClients == 1 ? new[] { 1 } : [options.ApiClients, 1];
        foreach (var clients in concurrencies)
        {
            progress($"  {clients} client(s), {options.ApiSeconds} s per scenario");
            foreach (var result in await load.RunAsync(clients, duration, ct).ConfigureAwait(false))
            {
                Add(report, result);
                progress($"  {result.Kind} x{clients}: {result.Latency?.ToString() ?? "no requests"}; {result.RequestsPerSecond:0.0} req/s; {result.Errors} errors{(result.FirstError is null ? "" : " (first: " + result.FirstError + ")")}");
            }
        }
    }

    /// <summary>The figures of one result, as report rows.</summary>
    public static void Add(BenchReport report, ApiLoadResult result)
    {
        var name = $"{result.Kind} x{result.Clients}";
        var note = $"{result.Requests:#,0} requests in {result.Seconds:0.0} s; {result.Errors} errors{(result.FirstError is null ? "" : "; first: " + result.FirstError)}";
        report.Add(Phase, $"{name} p50", result.Latency?.P50, "ms", note);
        report.Add(Phase, $"{name} p95", result.Latency?.P95, "ms");
        report.Add(Phase, $"{name} p99", result.Latency?.P99, "ms");
        report.Add(Phase, $"{name} req/s", result.RequestsPerSecond, "req/s");
        report.Add(Phase, $"{name} errors", result.Errors, "errors");
    }

    private async Task GenerateAsync(string serverConnectionString, string connectionString, DateTime now, BenchReport report, CancellationToken ct)
    {
        using (var admin = new ClickHouseClient(serverConnectionString))
        {
            await admin.ExecuteNonQueryAsync($"CREATE DATABASE {Database}", cancellationToken: ct).ConfigureAwait(false);
        }

        await new ClickHouseMigrator(connectionString).MigrateAsync(ct).ConfigureAwait(false);
        // Generating a chunk and merging take minutes on a busy machine: longer than the driver's default 2-minute timeout.
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        using var client = new ClickHouseClient(connectionString, http);
        await new AnalyticsReferenceData(client, Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions()), NullLogger<AnalyticsReferenceData>.Instance)
            .WriteAsync(ct).ConfigureAwait(false);
        var messages = options.ApiMessages;
        progress($"Generating {messages:#,0} messages over {Span.TotalDays:0} days");
        var seconds = await AnalyticsDataGenerator.WriteMessagesAsync(client, messages, now, Span, progress, ct).ConfigureAwait(false);
        report.Add(Phase, "generate messages", messages / seconds, "rows/s", $"{messages:#,0} message rows with their analytics_delta in {seconds:0} s");
        await AnalyticsBench.SettleAsync(client, report, progress, ct, "api merge").ConfigureAwait(false);
    }

    private static (long Messages, DateTime Now)? ReadMarker(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ');
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var messages) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks)
            ? (messages, new DateTime(ticks, DateTimeKind.Utc))
            : null;
    }
}
