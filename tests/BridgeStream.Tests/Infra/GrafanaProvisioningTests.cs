using System.Text.Json;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Infra;

/// <summary>The provisioned Grafana dashboard only queries what the ClickHouse schema creates, through the provisioned data source.</summary>
public sealed class GrafanaProvisioningTests
{
    private static string Root => EmbeddedTools.RepositoryRoot;

    private static string GrafanaDirectory => Path.Combine(Root, "infra", "grafana");

    [Fact]
    public void EveryPanelQuery_ReadsOnlyTablesThatTheSchemaCreates()
    {
        var tables = ClickHouseSchemaFiles.LoadTables(Root);
        Assert.NotEmpty(tables);

        foreach (var (dashboard, panel, sql) in AllPanelQueries())
        {
            var read = PanelSql.TablesRead(sql);
            Assert.True(read.Count > 0, $"{dashboard} / {panel}: the query reads no table:\n{sql}");
            foreach (var reference in read)
            {
                Assert.True(tables.ContainsKey(reference.Table),
                    $"{dashboard} / {panel}: table `{reference.Table}` is not created by schemas/clickhouse/*.sql (known: {string.Join(", ", tables.Keys)}).");
            }
        }
    }

    [Fact]
    public void ReplacingMergeTreeTables_AreReadWithFinal()
    {
        // Without FINAL a ReplacingMergeTree returns every unmerged version of a row: counts and quantiles would double-count.
        var tables = ClickHouseSchemaFiles.LoadTables(Root);

        foreach (var (dashboard, panel, sql) in AllPanelQueries())
        {
            foreach (var reference in PanelSql.TablesRead(sql))
            {
                var replacing = tables.GetValueOrDefault(reference.Table, string.Empty).StartsWith("Replacing", StringComparison.Ordinal);
                Assert.False(replacing && !reference.WithFinal, $"{dashboard} / {panel}: `{reference.Table}` is a ReplacingMergeTree read without FINAL.");
            }
        }
    }

    [Fact]
    public void Dashboard_CoversMessagesAndDeadLetters()
    {
        var read = AllPanelQueries().SelectMany(query => PanelSql.TablesRead(query.Sql)).Select(reference => reference.Table).ToHashSet();

        Assert.Contains("messages", read);
        Assert.Contains("dead_letters", read);
    }

    [Fact]
    public void EveryPanel_UsesTheProvisionedClickHouseDataSource()
    {
        var datasources = YamlFile.LoadMapping(ReadGrafanaFile("provisioning", "datasources", "clickhouse.yaml"), "clickhouse.yaml");
        var provisioned = Assert.Single(YamlFile.Sequence(datasources, "datasources").Children);
        Assert.Equal("grafana-clickhouse-datasource", YamlFile.Scalar(provisioned, "type"));
        var uid = YamlFile.Scalar(provisioned, "uid");

        foreach (var file in DashboardFiles())
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in Panels(dashboard.RootElement).Where(panel => panel.TryGetProperty("targets", out _)))
            {
                Assert.Equal(uid, panel.GetProperty("datasource").GetProperty("uid").GetString());
            }
        }
    }

    [Fact]
    public void DashboardProvider_ReadsTheFolderThatComposeMounts()
    {
        var providers = YamlFile.LoadMapping(ReadGrafanaFile("provisioning", "dashboards", "bridgestream.yaml"), "bridgestream.yaml");
        var path = YamlFile.Scalar(Assert.Single(YamlFile.Sequence(providers, "providers").Children), "options", "path");
        var compose = YamlFile.LoadMapping(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")), "docker-compose.yml");
        var volumes = YamlFile.Sequence(compose, "services", "grafana", "volumes").Children.Select(node => node.ToString());

        Assert.Contains($"./infra/grafana/dashboards:{path}:ro", volumes);
        Assert.Contains("./infra/grafana/provisioning:/etc/grafana/provisioning:ro", volumes);
    }

    private static IEnumerable<(string Dashboard, string Panel, string Sql)> AllPanelQueries()
    {
        var files = DashboardFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in Panels(dashboard.RootElement).Where(panel => panel.TryGetProperty("targets", out _)))
            {
                var title = panel.TryGetProperty("title", out var t) ? t.GetString() ?? "?" : "?";
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    var sql = target.TryGetProperty("rawSql", out var raw) ? raw.GetString() : null;
                    Assert.False(string.IsNullOrWhiteSpace(sql), $"{Path.GetFileName(file)} / {title}: a target has no rawSql.");
                    yield return (Path.GetFileName(file), title, sql!);
                }
            }
        }
    }

    /// <summary>Panels, including those nested in collapsed rows.</summary>
    private static List<JsonElement> Panels(JsonElement container)
    {
        var found = new List<JsonElement>();
        if (container.TryGetProperty("panels", out var panels))
        {
            foreach (var panel in panels.EnumerateArray())
            {
                found.Add(panel.Clone());
                found.AddRange(Panels(panel));
            }
        }

        return found;
    }

    private static string[] DashboardFiles() => Directory.GetFiles(Path.Combine(GrafanaDirectory, "dashboards"), "*.json");

    private static string ReadGrafanaFile(params string[] parts) => File.ReadAllText(Path.Combine([GrafanaDirectory, .. parts]));
}
