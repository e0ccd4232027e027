using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BridgeStream.Analytics;
using BridgeStream.Api;
using BridgeStream.Api.Analytics;
using BridgeStream.Cli;
using BridgeStream.ClickHouse;
using BridgeStream.Embedded;
using BridgeStream.Embedded.ClickHouse;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Bench;

/// <summary>
/// Phase 9: the analytics queries over a large history. Generates N messages (<see cref="AnalyticsDataGenerator"/>) and
/// a minute of head observations per chain over 90 days into an embedded ClickHouse of its own (a fresh data folder,
/// its own process), then times every analytics GraphQL query (over HTTP, through the real API) and every Grafana
/// panel query (macros expanded as the plugin does) over a day and over the whole 90 days: p50 and p99 (nearest rank) of
/// the timed runs after one warm-up.
/// </summary>
public sealed partial class AnalyticsBench(BenchOptions options, Action<string> progress)
{
    public const string Phase = "9 analytics";
    private static readonly TimeSpan Span = TimeSpan.FromDays(90);
    private static readonly TimeSpan TimeBudgetPerQuery = TimeSpan.FromSeconds(60);

    public async Task RunAsync(BenchReport report, CancellationToken ct)
    {
        var dataPath = Path.Combine(EmbeddedTools.DataRoot, "bench", "analytics-clickhouse");
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }

        progress("Phase 9: analytics queries; starting an embedded ClickHouse of its own (fresh data folder)");
        await using var server = await EmbeddedClickHouseProcess.StartAsync(dataPath, 0, ct).ConfigureAwait(false);
        using (var admin = new ClickHouseClient(server.ConnectionString))
        {
            await admin.ExecuteNonQueryAsync("CREATE DATABASE bench_analytics", cancellationToken: ct).ConfigureAwait(false);
        }

        var connectionString = new ClickHouseConnectionStringBuilder(server.ConnectionString) { Database = "bench_analytics" }.ConnectionString;
        await new ClickHouseMigrator(connectionString).MigrateAsync(ct).ConfigureAwait(false);
        // Generating a chunk and merging take minutes on a busy machine: longer than the driver's default 2-minute timeout.
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        using var client = new ClickHouseClient(connectionString, http);
        await new AnalyticsReferenceData(client, Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions()), NullLogger<AnalyticsReferenceData>.Instance)
            .WriteAsync(ct).ConfigureAwait(false);

        var now = AnalyticsTiles.Floor(DateTime.UtcNow, AnalyticsLevel.Minute);
        var messages = options.AnalyticsMessages;
        await MeasureViewCostAsync(client, now, report, ct).ConfigureAwait(false);
        progress($"Generating {messages:#,0} messages over {Span.TotalDays:0} days (INSERT ... SELECT; the analytics views fill as they would from the correlator)");
        var seconds = await AnalyticsDataGenerator.WriteMessagesAsync(client, messages, now, Span, progress, ct).ConfigureAwait(false);
        report.Add(Phase, "generate messages", messages / seconds, "rows/s", $"{messages:#,0} message rows with their analytics_delta in {seconds:0} s, through every materialized view");
        await AnalyticsDataGenerator.WriteChainHeadsAsync(client, now, Span, ct).ConfigureAwait(false);
        await SettleAsync(client, report, progress, ct).ConfigureAwait(false);
        await DescribeDataAsync(client, report, ct).ConfigureAwait(false);

        await using var api = await BenchApiHost.StartAsync(connectionString, ct).ConfigureAwait(false);
        using var graphql = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(5) };
        foreach (var (name, query) in GraphQLQueries())
        {
            await TimeAsync(report, $"graphql {name}", () => GraphQLAsync(graphql, query, ct), ct).ConfigureAwait(false);
        }

        var panels = GrafanaPanels.Load(Path.Combine(EmbeddedTools.RepositoryRoot, "infra", "grafana", "dashboards"));
        foreach (var (range, from, interval) in new[] { ("24 h", now.AddDays(-1), 60), ("90 d", now - Span, 10800) })
        {
            foreach (var panel in panels)
            {
                var sql = panel.Expand(from, now, interval);
                await TimeAsync(report, $"grafana {panel.Dashboard.Replace("bridgestream-", "", StringComparison.Ordinal)} #{panel.PanelId} {range}",
                    () => SqlAsync(client, sql, ct), ct, panel.Title).ConfigureAwait(false);
            }
        }
    }

    // 200,000 generated messages into a copy of messages without the views: the reference for what the views cost an insert.
    private async Task MeasureViewCostAsync(ClickHouseClient client, DateTime now, BenchReport report, CancellationToken ct)
    {
        const int sample = 200_000;
        await client.ExecuteNonQueryAsync("CREATE TABLE messages_without_views AS messages", cancellationToken: ct).ConfigureAwait(false);
        var without = await AnalyticsDataGenerator.WriteMessagesAsync(client, sample, now, Span, _ => { }, ct, "messages_without_views").ConfigureAwait(false);
        await client.ExecuteNonQueryAsync("DROP TABLE messages_without_views SYNC", cancellationToken: ct).ConfigureAwait(false);
        report.Add(Phase, "insert without views", sample / without, "rows/s", $"{sample:#,0} generated message rows into a copy of messages without the analytics views (reference)");
    }

    // Background merges first (what a server that has been running looks like); part counts are reported.
    internal static async Task SettleAsync(ClickHouseClient client, BenchReport report, Action<string> progress, CancellationToken ct, string runKey = "analytics merge")
    {
        progress("Merging: OPTIMIZE the analytics tables, then wait up to 2 minutes for background merges of messages");
        var clock = Stopwatch.StartNew();
        var tables = new[] { "route", "flow", "chain_lag" }.SelectMany(f => new[] { "minute", "hour", "day" }.Select(l => $"analytics_{f}_{l}"))
            .Concat(["analytics_open_messages", "analytics_transfer_legs"]);
        foreach (var table in tables)
        {
            await client.ExecuteNonQueryAsync($"OPTIMIZE TABLE {table} FINAL", cancellationToken: ct).ConfigureAwait(false);
        }

        var optimize = clock.Elapsed.TotalSeconds;
        // Counted at least once: OPTIMIZE alone can take the 2 minutes on a busy machine.
        long parts;
        while (true)
        {
            parts = Convert.ToInt64(await client.ExecuteScalarAsync(
                "SELECT count() FROM system.parts WHERE database = currentDatabase() AND table = 'messages' AND active", null, null, ct).ConfigureAwait(false));
            if (parts <= 8 || clock.Elapsed >= TimeSpan.FromMinutes(2))
            {
                break;
            }

            await Task.Delay(2000, ct).ConfigureAwait(false);
        }

        report.Run[runKey] = $"analytics tables optimized in {optimize:0} s; messages: {parts} active parts after {clock.Elapsed.TotalSeconds:0} s";
    }

    private static async Task DescribeDataAsync(ClickHouseClient client, BenchReport report, CancellationToken ct)
    {
        var rows = new List<string>();
        using var reader = await client.ExecuteReaderAsync("""
            SELECT table, sum(rows), formatReadableSize(sum(bytes_on_disk)) FROM system.parts
            WHERE database = currentDatabase() AND active AND (table = 'messages' OR table = 'chain_heads' OR startsWith(table, 'analytics_'))
            GROUP BY table ORDER BY table
            """, null, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add($"{reader.GetString(0)} {Convert.ToInt64(reader.GetValue(1)):#,0} rows ({reader.GetString(2)})");
        }

        report.Run["analytics tables"] = string.Join("; ", rows);
    }

    private async Task TimeAsync(BenchReport report, string name, Func<Task<string?>> run, CancellationToken ct, string note = "")
    {
        var warmUp = await run().ConfigureAwait(false);
        if (warmUp is not null)
        {
            report.Add(Phase, name, null, "ms", $"FAILED: {warmUp}");
            progress($"  {name}: failed: {warmUp}");
            return;
        }

        var millis = new List<double>();
        var budget = Stopwatch.StartNew();
        while (millis.Count < options.AnalyticsRuns && (millis.Count < 5 || budget.Elapsed < TimeBudgetPerQuery))
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var error = await run().ConfigureAwait(false);
            millis.Add(clock.Elapsed.TotalMilliseconds);
            if (error is not null)
            {
                report.Add(Phase, name, null, "ms", $"FAILED: {error}");
                return;
            }
        }

        var stats = LatencyStats.Of(millis)!;
        report.Add(Phase, $"{name} p50", stats.P50, "ms", $"n={stats.Count}{(note.Length > 0 ? "; " + note : "")}");
        report.Add(Phase, $"{name} p99", stats.P99, "ms");
        progress($"  {name}: p50 {stats.P50:0.0} ms, p99 {stats.P99:0.0} ms (n={stats.Count})");
    }

    private static async Task<string?> GraphQLAsync(HttpClient http, string query, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query }, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.ToString()[..Math.Min(300, errors.ToString().Length)] : null;
    }

    private static async Task<string?> SqlAsync(ClickHouseClient client, string sql, CancellationToken ct)
    {
        try
        {
            using var reader = await client.ExecuteReaderAsync(sql, null, null, ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                // Read every row, as Grafana does.
            }

            return null;
        }
        catch (ClickHouseServerException error)
        {
            return error.Message[..Math.Min(300, error.Message.Length)];
        }
    }

    /// <summary>The analytics GraphQL queries, and the built-in dashboard's own two, exactly as the page sends them.</summary>
    public static IReadOnlyList<(string Name, string Query)> GraphQLQueries()
    {
        const string Stats = "sourceChainId destinationChainId protocol proofSystem sent delivered failedAttempts successRate latency { count p50 p95 p99 max } stages { stage count p50 p95 max }";
        var range90 = $$"""range: { from: "{{DateTime.UtcNow.AddDays(-90):yyyy-MM-dd'T'HH:mm:00'Z'}}" }""";
        var queries = new List<(string, string)>
        {
            ("routes last hour", $"{{ routes(window: LAST_HOUR) {{ {Stats} }} }}"),
            ("routes last day", $"{{ routes(window: LAST_DAY) {{ {Stats} }} }}"),
            ("routes last week", $"{{ routes(window: LAST_WEEK) {{ {Stats} }} }}"),
            ("routes 90 days", $"{{ routes({range90}) {{ {Stats} }} }}"),
            ("routes by proof system 30 days", $"{{ routes(window: LAST_30_DAYS, groupBy: [PROOF_SYSTEM]) {{ {Stats} }} }}"),
            ("routeSeries day / 10 min", "{ routeSeries(window: LAST_DAY, bucketSeconds: 600) { protocol points { time sent delivered latency { p50 p95 } } } }"),
            ("routeSeries week / 1 h", "{ routeSeries(window: LAST_WEEK, bucketSeconds: 3600) { protocol points { time sent delivered latency { p50 p95 } } } }"),
            ("routeSeries 90 days / 1 day", $"{{ routeSeries({range90}, bucketSeconds: 86400) {{ protocol points {{ time sent delivered latency {{ p50 p95 }} }} }} }}"),
            ("chains last day", "{ chains { chainId name latestBlock finalizedLagSeconds lag { observations avgFinalizedLagSeconds maxFinalizedLagSeconds } } }"),
            ("chainLagSeries day / 10 min", "{ chainLagSeries(bucketSeconds: 600) { chainId points { from avgFinalizedLagSeconds maxFinalizedLagSeconds } } }"),
            ("assets", "{ assets { asset tokens { chainId token decimals } } }"),
            ("fragmentation ETH day", "{ fragmentation(asset: \"ETH\") { hhi effectiveChains normalizedEntropy chains { chainId supply share inflow outflow } flows { sourceChainId destinationChainId messages amount } } }"),
            ("fragmentation USDC 30 days + series 1 day", "{ fragmentation(asset: \"USDC\", window: LAST_30_DAYS) { hhi chains { chainId supply } series(bucketSeconds: 86400) { time hhi effectiveChains } } }"),
            ("fragmentation ETH l2ToL2 day", "{ fragmentation(asset: \"ETH\") { l2ToL2 { directMessages viaL1Messages viaL1Share } } }"),
            ("valueInFlight by route", "{ valueInFlight { groups { asset sourceChainId destinationChainId protocol messages amount } } }"),
            ("valueInFlight by proof system + largest 10", "{ valueInFlight(groupBy: [PROOF_SYSTEM]) { groups { asset proofSystem messages amount } largest(first: 10) { messageId asset amount } } }"),
            ("valueInFlightSeries week / 1 h", "{ valueInFlightSeries(window: LAST_WEEK, bucketSeconds: 3600) { asset proofSystem points { time amount } } }"),
            ("stuckMessages 30 min, 25 oldest", "{ stuckMessages { totalCount messages { id protocol status sourceChainId destinationChainId sentAt } } }"),
        };
        var html = DashboardPage.Html;
        queries.Add(("dashboard page: main", Inline(PageQuery(html, "mainQuery"), ("$window", "LAST_DAY"), ("$bucket", "600"), ("$stuckAfter", "600"))));
        queries.Add(("dashboard page: fragmentation", Inline(PageQuery(html, "fragmentationQuery"), ("$asset", "\"ETH\""), ("$window", "LAST_DAY"), ("$bucket", "600"))));
        return queries;
    }

    // The page's query text with its variables written in (the declarations dropped).
    private static string PageQuery(string html, string name) =>
        PageQueryPattern().Matches(html).First(m => m.Groups[1].Value == name).Groups[2].Value;

    private static string Inline(string query, params (string Name, string Value)[] variables)
    {
        var body = query[query.IndexOf('{', StringComparison.Ordinal)..];
        foreach (var (name, value) in variables)
        {
            body = Regex.Replace(body, Regex.Escape(name) + @"\b", value);
        }

        return body;
    }

    [GeneratedRegex(@"const (\w+Query) = `([^`]*)`", RegexOptions.Singleline)]
    private static partial Regex PageQueryPattern();
}
