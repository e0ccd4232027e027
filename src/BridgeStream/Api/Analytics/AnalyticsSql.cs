using System.Globalization;
using System.Text;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Api.Analytics;

/// <summary>
/// SQL fragments over the analytics tables of migration 0006. Only fixed fragments are ever concatenated (table names
/// from <see cref="AnalyticsTile"/>, column names from <see cref="RouteDimension"/>); every value is a query parameter.
/// </summary>
internal static class AnalyticsSql
{
    /// <summary>The estimator's value of a latency bin: its lower edge (see 0006_analytics.sql).</summary>
    public const string BinValue = "if(b < 64, toFloat64(b), 64 * pow(65 / 64, b - 64))";

    /// <summary>
    /// Over rows (latency_bin, n) already summed per bin, in an aggregate: the nearest-rank p50, p95, p99 and max (q = 1)
    /// as bin values, or an empty array when no fact has a latency. Needs columns latency_bin and n.
    /// </summary>
    public const string Quantiles = """
        arrayMap(b -> {BIN}, arrayMap(q -> hist[arrayFirstIndex(c -> c >= greatest(1, ceil(q * timed)), cum)].1, if(timed = 0, [], [0.5, 0.95, 0.99, 1.0]))) AS quantiles
        """;

    /// <summary>The histogram columns <see cref="Quantiles"/> needs, for an aggregate over (latency_bin, n) rows.</summary>
    public const string Histogram = """
        arraySort(groupArrayIf((latency_bin, n), latency_bin >= 0 AND n > 0)) AS hist,
        arraySum(arrayMap(h -> h.2, hist)) AS timed,
        arrayCumSum(arrayMap(h -> h.2, hist)) AS cum
        """;

    public static string QuantileColumns => Histogram + ",\n" + Quantiles.Replace("{BIN}", BinValue, StringComparison.Ordinal);

    /// <summary>The canonical asset of a (source chain, token) pair, from the registry joined as <c>r</c>; unregistered tokens are "chain:token".</summary>
    public const string CanonicalAsset = "if(r.asset = '', concat(toString(f.source_chain_id), ':', f.asset), r.asset)";

    public const string Registry = "(SELECT chain_id, token, asset, decimals FROM analytics_assets FINAL) AS r ON f.source_chain_id = r.chain_id AND f.asset = r.token";

    /// <summary>
    /// <c>SELECT columns FROM analytics_family_level WHERE bucket in tile AND where</c> for every tile, UNION ALL; with no
    /// tile, a select that returns nothing. Tile bounds become parameters prefix_i_from / prefix_i_to (Unix seconds).
    /// </summary>
    public static string Tiles(string family, string columns, string? where, IReadOnlyList<AnalyticsTile> tiles, ClickHouseParameterCollection parameters, string prefix)
    {
        var condition = string.IsNullOrEmpty(where) ? "" : $" AND ({where})";
        if (tiles.Count == 0)
        {
            return $"SELECT {columns} FROM analytics_{family}_day WHERE 0";
        }

        var sql = new StringBuilder();
        for (var i = 0; i < tiles.Count; i++)
        {
            var tile = tiles[i];
            var from = $"{prefix}_{i}_from";
            var to = $"{prefix}_{i}_to";
            parameters.AddParameter(from, UnixSeconds(tile.From));
            parameters.AddParameter(to, UnixSeconds(tile.To));
            if (i > 0)
            {
                sql.Append("\nUNION ALL\n");
            }

            sql.Append(CultureInfo.InvariantCulture,
                $"SELECT {columns} FROM analytics_{family}_{tile.Suffix} WHERE bucket >= toDateTime({{{from}:Int64}}, 'UTC') AND bucket < toDateTime({{{to}:Int64}}, 'UTC'){condition}");
        }

        return sql.ToString();
    }

    public static long UnixSeconds(DateTime time) => (long)Math.Floor((DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds);

    /// <summary>Conditions of a route filter over columns of the route and flow tables; the values go into <paramref name="parameters"/>.</summary>
    public static string RouteConditions(RouteFilter? filter, ClickHouseParameterCollection parameters, string alias = "")
    {
        var conditions = new List<string>();
        if (filter?.SourceChainId is { } source)
        {
            parameters.AddParameter("source_chain_id", source);
            conditions.Add($"{alias}source_chain_id = {{source_chain_id:UInt64}}");
        }

        if (filter?.DestinationChainId is { } destination)
        {
            parameters.AddParameter("destination_chain_id", destination);
            conditions.Add($"{alias}destination_chain_id = {{destination_chain_id:UInt64}}");
        }

        if (filter?.Protocol is { } protocol)
        {
            parameters.AddParameter("protocol", protocol);
            conditions.Add($"{alias}protocol = {{protocol:String}}");
        }

        if (filter?.ProofSystem is { } proofSystem)
        {
            parameters.AddParameter("proof_system", proofSystem);
            conditions.Add($"{alias}proof_system = {{proof_system:String}}");
        }

        return conditions.Count == 0 ? "1" : string.Join(" AND ", conditions);
    }

    /// <summary>The grouping columns of <paramref name="dimensions"/> in a fixed order; the protocol brings its proof system along.</summary>
    public static IReadOnlyList<string> DimensionColumns(IReadOnlyCollection<RouteDimension> dimensions)
    {
        var columns = new List<string>();
        if (dimensions.Contains(RouteDimension.SourceChain))
        {
            columns.Add("source_chain_id");
        }

        if (dimensions.Contains(RouteDimension.DestinationChain))
        {
            columns.Add("destination_chain_id");
        }

        if (dimensions.Contains(RouteDimension.Protocol))
        {
            columns.Add("protocol");
        }

        if (dimensions.Contains(RouteDimension.Protocol) || dimensions.Contains(RouteDimension.ProofSystem))
        {
            columns.Add("proof_system");
        }

        return columns;
    }

    /// <summary>The dimension columns for a SELECT list (constants when a dimension is not grouped), in <see cref="RouteKey"/> order.</summary>
    public static string DimensionSelect(IReadOnlyList<string> columns) => string.Join(", ",
        Select(columns, "source_chain_id", "toUInt64(0)"),
        Select(columns, "destination_chain_id", "toUInt64(0)"),
        Select(columns, "protocol", "''"),
        Select(columns, "proof_system", "''"));

    public static string GroupBy(IReadOnlyList<string> columns, params string[] more) =>
        string.Join(", ", columns.Concat(more).DefaultIfEmpty("tuple()"));

    private static string Select(IReadOnlyList<string> columns, string column, string constant) =>
        columns.Contains(column) ? column : $"{constant} AS {column}";
}
