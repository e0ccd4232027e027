using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BridgeStream.Bench;

/// <summary>One query of a provisioned Grafana dashboard panel.</summary>
public sealed record GrafanaPanelQuery(string Dashboard, int PanelId, string Title, string RawSql, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>
    /// The SQL as the grafana-clickhouse-datasource plugin sends it for a panel over [from, to] with the given interval:
    /// $__timeFilter(c) becomes c >= toDateTime(from) AND c &lt;= toDateTime(to), $__fromTime / $__toTime become
    /// toDateTime(...), $__interval_s the interval, $__timeInterval(c) toStartOfInterval(toDateTime(c), INTERVAL n second),
    /// then template variables take their current values.
    /// </summary>
    public string Expand(DateTime from, DateTime to, int intervalSeconds)
    {
        var (f, t) = (Unix(from), Unix(to));
        var interval = intervalSeconds.ToString(CultureInfo.InvariantCulture);
        var sql = GrafanaPanels.TimeFilter().Replace(RawSql, m => $"{m.Groups[1].Value} >= toDateTime({f}) AND {m.Groups[1].Value} <= toDateTime({t})");
        sql = GrafanaPanels.TimeInterval().Replace(sql, m => $"toStartOfInterval(toDateTime({m.Groups[1].Value}), INTERVAL {interval} second)");
        sql = sql.Replace("$__fromTime", $"toDateTime({f})", StringComparison.Ordinal)
            .Replace("$__toTime", $"toDateTime({t})", StringComparison.Ordinal)
            .Replace("$__interval_s", interval, StringComparison.Ordinal);
        foreach (var (name, value) in Variables)
        {
            sql = sql.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        }

        return sql;
    }

    private static long Unix(DateTime time) => (long)Math.Floor((DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds);
}

/// <summary>Reads the panel queries of infra/grafana/dashboards/*.json (template variables at their current values).</summary>
public static partial class GrafanaPanels
{
    public static IReadOnlyList<GrafanaPanelQuery> Load(string dashboardDirectory)
    {
        var queries = new List<GrafanaPanelQuery>();
        foreach (var file in Directory.GetFiles(dashboardDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            if (dashboard.RootElement.TryGetProperty("templating", out var templating))
            {
                foreach (var variable in templating.GetProperty("list").EnumerateArray())
                {
                    variables[variable.GetProperty("name").GetString()!] =
                        variable.TryGetProperty("current", out var current) ? current.GetProperty("value").GetString() ?? "" : "";
                }
            }

            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _)))
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    queries.Add(new GrafanaPanelQuery(
                        Path.GetFileNameWithoutExtension(file), panel.GetProperty("id").GetInt32(), panel.GetProperty("title").GetString() ?? "",
                        target.GetProperty("rawSql").GetString() ?? "", variables));
                }
            }
        }

        return queries;
    }

    [GeneratedRegex(@"\$__timeFilter\(([^)]+)\)")]
    internal static partial Regex TimeFilter();

    [GeneratedRegex(@"\$__timeInterval\(([^)]+)\)")]
    internal static partial Regex TimeInterval();
}
