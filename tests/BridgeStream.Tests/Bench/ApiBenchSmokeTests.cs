using BridgeStream.Api.Analytics;
using BridgeStream.Bench;
using BridgeStream.ClickHouse;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Bench;

/// <summary>
/// The API bench at a tiny size: generated messages, the real API host, two clients for two seconds per scenario.
/// It must produce figures for every query kind and no errors (every answer is checked by <see cref="ApiLoad"/>:
/// known ids found, unknown ones null, full pages). No timing is asserted: speed is the bench's to report.
/// </summary>
public sealed class ApiBenchSmokeTests(EmbeddedClickHouseFixture clickHouse)
{
    private const int Messages = 2_000;

    [Fact]
    public async Task The_api_bench_reports_every_query_kind_without_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await clickHouse.CreateDatabaseAsync("api_bench");
        await new ClickHouseMigrator(connectionString).MigrateAsync(ct);
        var now = AnalyticsTiles.Floor(DateTime.UtcNow, AnalyticsLevel.Minute);
        using (var client = new ClickHouseClient(connectionString))
        {
            await AnalyticsDataGenerator.WriteMessagesAsync(client, Messages, now, ApiBench.Span, _ => { }, ct);
        }

        await using var api = await BenchApiHost.StartAsync(connectionString, ct);
        var results = await new ApiLoad(api.Address, Messages, now, ApiBench.Span).RunAsync(clients: 2, TimeSpan.FromSeconds(2), ct);

        Assert.Equal([ApiLoad.MessageById, ApiLoad.FirstPage, ApiLoad.SecondPage, ApiLoad.Routes], results.Select(r => r.Kind));
        Assert.All(results, result =>
        {
            Assert.True(result.Errors == 0, $"{result.Kind}: {result.Errors} errors, first: {result.FirstError}");
            Assert.True(result.Requests > 0, $"{result.Kind}: no requests");
            Assert.NotNull(result.Latency);
            Assert.Equal(2, result.Clients);
        });
        var report = new BenchReport();
        ApiBench.Add(report, results[0]);
        Assert.Equal(["message(id) x2 p50", "message(id) x2 p95", "message(id) x2 p99", "message(id) x2 req/s", "message(id) x2 errors"],
            report.Figures.Select(f => f.Metric));
    }

    [Fact]
    public void Generated_ids_are_the_generators_ids()
    {
        // SHA-256 of "0", as the generator's concat('0x', lower(hex(SHA256(toString(n))))) writes message 0.
        Assert.Equal("0x5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9", ApiLoad.GeneratedId(0));
    }
}
