using System.Globalization;
using System.Text.Json;
using BridgeStream.Bench;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// Every panel query of every provisioned Grafana dashboard runs on ClickHouse (the embedded one, with the project's
/// schema and <see cref="AnalyticsDataSet"/>), with Grafana's ClickHouse macros expanded the way the plugin expands them
/// and template variables at their current values; the analytics panels return rows, and a few figures match GraphQL's.
/// </summary>
public sealed class GrafanaPanelQueryTests(AnalyticsDataSet data) : IClassFixture<AnalyticsDataSet>
{
    private static string DashboardDirectory => Path.Combine(EmbeddedTools.RepositoryRoot, "infra", "grafana", "dashboards");

    public static TheoryData<string, int, string> Panels()
    {
        var panels = new TheoryData<string, int, string>();
        foreach (var file in Directory.GetFiles(DashboardDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _)))
            {
                panels.Add(Path.GetFileName(file), panel.GetProperty("id").GetInt32(), panel.GetProperty("title").GetString()!);
            }
        }

        return panels;
    }

    [Theory]
    [MemberData(nameof(Panels))]
    public async Task Panel_query_runs(string dashboard, int id, string panel)
    {
        var rows = await RunAsync(dashboard, p => p.GetProperty("id").GetInt32() == id);
        if (dashboard != "bridgestream-messages.json")
        {
            Assert.True(rows.Count > 0, $"{dashboard} / {panel} returned no rows over the test data set");
        }
    }

    [Fact]
    public async Task Route_table_agrees_with_graphql()
    {
        var rows = await RunAsync("bridgestream-latency.json", "Routes: counts, success rate, delivery latency");
        var route = rows.Single(r => (string)r["route"]! == "900 → 901 op_stack_messenger");

        Assert.Equal(8L, Convert.ToInt64(route["sent"], CultureInfo.InvariantCulture));
        Assert.Equal(6L, Convert.ToInt64(route["delivered"], CultureInfo.InvariantCulture));
        Assert.Equal(4L, Convert.ToInt64(route["failed"], CultureInfo.InvariantCulture));
        Assert.Equal(20.0, Convert.ToDouble(route["p50_seconds"], CultureInfo.InvariantCulture));
        Assert.Equal(98.79038738700568, Convert.ToDouble(route["p95_seconds"], CultureInfo.InvariantCulture), 1e-9);
    }

    [Fact]
    public async Task Concentration_and_value_in_flight_agree_with_graphql()
    {
        var concentration = Assert.Single(await RunAsync("bridgestream-fragmentation.json", "Concentration now"));
        Assert.Equal(1125.0 / 1521, Convert.ToDouble(concentration["hhi"], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(1.352, Convert.ToDouble(concentration["effective_chains"], CultureInfo.InvariantCulture), 1e-9);

        var inFlight = await RunAsync("bridgestream-value-in-flight.json", "In flight now by proof system");
        var eth = inFlight.Single(r => (string)r["asset"]! == "ETH");
        Assert.Equal("OPTIMISTIC", eth["proof_system"]);
        Assert.Equal(60.0, Convert.ToDouble(eth["amount"], CultureInfo.InvariantCulture), 1e-9);

        var routing = Assert.Single(await RunAsync("bridgestream-fragmentation.json", "L2 → L2: direct vs through L1 (in the range)"));
        Assert.Equal(1L, Convert.ToInt64(routing["via_l1_messages"], CultureInfo.InvariantCulture));
    }

    private Task<List<Dictionary<string, object?>>> RunAsync(string dashboardFile, string panelTitle) =>
        RunAsync(dashboardFile, p => p.GetProperty("title").GetString() == panelTitle);

    private async Task<List<Dictionary<string, object?>>> RunAsync(string dashboardFile, Func<JsonElement, bool> which)
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DashboardDirectory, dashboardFile), TestContext.Current.CancellationToken));
        var panel = dashboard.RootElement.GetProperty("panels").EnumerateArray().Single(which);
        var id = panel.GetProperty("id").GetInt32();
        var rows = new List<Dictionary<string, object?>>();
        foreach (var query in GrafanaPanels.Load(DashboardDirectory).Where(q => q.Dashboard + ".json" == dashboardFile && q.PanelId == id))
        {
            var sql = query.Expand(data.At(-3600), DateTime.UtcNow, 60);
            Assert.DoesNotContain("$", sql, StringComparison.Ordinal);
            try
            {
                using var reader = await data.ClickHouse.ExecuteReaderAsync(sql, null, null, TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
                }
            }
            catch (global::ClickHouse.Driver.ClickHouseServerException error)
            {
                Assert.Fail($"{dashboardFile} / {query.Title}: {error.Message}\n{sql}");
            }
        }

        return rows;
    }
}
