using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Analytics;

/// <summary>
/// Reads the pre-aggregated analytics tables of migration 0006 for the GraphQL API and the dashboard page. Thread-safe;
/// one per application. Like <see cref="MessageQueries"/>, every query carries max_execution_time and is cancelled here
/// when it outlives <see cref="ApiOptions.QueryTimeoutSeconds"/>; every value is a query parameter.
/// </summary>
public sealed partial class AnalyticsQueries(ClickHouseClient clickHouse, IOptions<ApiOptions> options, TimeProvider? clock = null)
{
    /// <summary>At most this many buckets per series (a week of 5-minute buckets fits, a year of hours does not).</summary>
    public const int MaxPoints = 2016;

    /// <summary>How long after a withdrawal to L1 a deposit from its recipient counts as the second leg of an L2 -> L2 move.</summary>
    public static readonly TimeSpan HopWindow = TimeSpan.FromHours(24);

    private const string RouteColumns = "source_chain_id, destination_chain_id, protocol, proof_system, kind, latency_bin, facts";
    private const string FlowColumns = "source_chain_id, destination_chain_id, protocol, proof_system, asset, bucket, sent_count, sent_amount, delivered_count, delivered_amount";
    private const string LagColumns = "chain_id, bucket, observations, safe_lag_blocks_sum, safe_lag_blocks_max, finalized_lag_blocks_sum, finalized_lag_blocks_max, " +
                                      "safe_lag_seconds_sum, safe_lag_seconds_max, finalized_lag_seconds_sum, finalized_lag_seconds_max";

    private long queryCount;

    /// <summary>How many ClickHouse queries this instance has sent.</summary>
    public long QueryCount => Interlocked.Read(ref queryCount);

    private TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, options.Value.QueryTimeoutSeconds));

    public DateTime Now => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public static string StageKind(LatencyStage stage) => stage switch
    {
        LatencyStage.Arrival => "ARRIVED",
        LatencyStage.Proof => "PROVEN",
        LatencyStage.Finalization => "FINALIZED",
        _ => "DELIVERED",
    };

    // ---------------------------------------------------------------- routes

    /// <summary>Counts and latency percentiles per route (grouped by <paramref name="dimensions"/>) over [from, to).</summary>
    public async Task<IReadOnlyList<RouteStats>> RoutesAsync(
        DateTime from, DateTime to, IReadOnlyCollection<RouteDimension> dimensions, RouteFilter? filter, CancellationToken ct)
    {
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, to, Now);
        var parameters = new ClickHouseParameterCollection();
        var columns = AnalyticsSql.DimensionColumns(dimensions);
        var union = AnalyticsSql.Tiles("route", RouteColumns, AnalyticsSql.RouteConditions(filter, parameters), tiles, parameters, "t");
        var sql = $"""
            SELECT {AnalyticsSql.DimensionSelect(columns)}, kind, sum(n) AS total,
            {AnalyticsSql.QuantileColumns}
            FROM
            (
                SELECT {AnalyticsSql.GroupBy(columns)}{(columns.Count == 0 ? " AS grouped" : "")}, kind, latency_bin, sum(facts) AS n
                FROM ({union})
                GROUP BY {AnalyticsSql.GroupBy(columns, "kind", "latency_bin")}
            )
            GROUP BY {AnalyticsSql.GroupBy(columns, "kind")}
            """;
        var byRoute = new Dictionary<RouteKey, Dictionary<string, (long Total, LatencyStats? Stats)>>();
        await ReadAsync(sql, parameters, row =>
        {
            var key = ReadKey(row, 0, columns);
            var kind = row.GetString(4);
            var total = Convert.ToInt64(row.GetValue(5), CultureInfo.InvariantCulture);
            var stats = ReadStats(row, 7, 9, kind);
            if (!byRoute.TryGetValue(key, out var kinds))
            {
                byRoute[key] = kinds = [];
            }

            kinds[kind] = (total, stats);
        }, ct);

        return byRoute
            .Select(route => new RouteStats(
                route.Key, coveredFrom, coveredTo, Total(route.Value, "SENT"), Total(route.Value, "DELIVERED"), Total(route.Value, "FAILED"),
                [.. Enum.GetValues<LatencyStage>().Select(stage => route.Value.GetValueOrDefault(StageKind(stage)).Stats ?? LatencyStats.Empty(stage))]))
            .OrderByDescending(r => r.Sent + r.Delivered)
            .ThenBy(r => r.Key.SourceChainId).ThenBy(r => r.Key.DestinationChainId).ThenBy(r => r.Key.Protocol, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The same per time bucket of <paramref name="bucketSeconds"/>: counts of sends, deliveries and failed attempts, and
    /// the percentiles of <paramref name="stage"/>. Every bucket of the range is present (zeros where nothing happened).
    /// </summary>
    public async Task<IReadOnlyList<RouteSeries>> RouteSeriesAsync(
        int bucketSeconds, DateTime from, DateTime to, IReadOnlyCollection<RouteDimension> dimensions, RouteFilter? filter, LatencyStage stage,
        CancellationToken ct)
    {
        var (level, start, end) = SeriesRange(bucketSeconds, from, to);
        var parameters = new ClickHouseParameterCollection();
        var columns = AnalyticsSql.DimensionColumns(dimensions);
        var conditions = AnalyticsSql.RouteConditions(filter, parameters);
        parameters.AddParameter("from", AnalyticsSql.UnixSeconds(start));
        parameters.AddParameter("to", AnalyticsSql.UnixSeconds(end));
        parameters.AddParameter("bucket", bucketSeconds);
        parameters.AddParameter("stage_kind", StageKind(stage));
        var sql = $$"""
            SELECT {{AnalyticsSql.DimensionSelect(columns)}}, t, kind, sum(n) AS total,
            {{AnalyticsSql.QuantileColumns}}
            FROM
            (
                SELECT {{AnalyticsSql.GroupBy(columns)}}{{(columns.Count == 0 ? " AS grouped" : "")}},
                       toDateTime(intDiv(toUInt32(bucket), {bucket:UInt32}) * {bucket:UInt32}, 'UTC') AS t, kind, latency_bin, sum(facts) AS n
                FROM analytics_route_{{Suffix(level)}}
                WHERE bucket >= toDateTime({from:Int64}, 'UTC') AND bucket < toDateTime({to:Int64}, 'UTC')
                  AND kind IN ('SENT', 'DELIVERED', 'FAILED', {stage_kind:String}) AND ({{conditions}})
                GROUP BY {{AnalyticsSql.GroupBy(columns, "t", "kind", "latency_bin")}}
            )
            GROUP BY {{AnalyticsSql.GroupBy(columns, "t", "kind")}}
            """;
        var series = new Dictionary<RouteKey, Dictionary<DateTime, (long Sent, long Delivered, long Failed, LatencyStats? Stats)>>();
        var stageKind = StageKind(stage);
        await ReadAsync(sql, parameters, row =>
        {
            var key = ReadKey(row, 0, columns);
            var time = DateTime.SpecifyKind(row.GetDateTime(4), DateTimeKind.Utc);
            var kind = row.GetString(5);
            var total = Convert.ToInt64(row.GetValue(6), CultureInfo.InvariantCulture);
            if (!series.TryGetValue(key, out var points))
            {
                series[key] = points = [];
            }

            var point = points.GetValueOrDefault(time);
            point = kind switch
            {
                "SENT" => point with { Sent = total },
                "FAILED" => point with { Failed = total },
                _ => point,
            };
            if (kind == "DELIVERED")
            {
                point = point with { Delivered = total };
            }

            if (kind == stageKind)
            {
                point = point with { Stats = ReadStats(row, 8, 10, kind) };
            }

            points[time] = point;
        }, ct);

        return series
            .Select(route => new RouteSeries(route.Key, bucketSeconds, start, end, [.. Buckets(start, end, bucketSeconds).Select(time =>
            {
                var p = route.Value.GetValueOrDefault(time);
                return new RoutePoint(time, p.Sent, p.Delivered, p.Failed, p.Stats ?? LatencyStats.Empty(stage));
            })]))
            .OrderByDescending(s => s.Points.Sum(p => p.Sent + p.Delivered))
            .ThenBy(s => s.Key.SourceChainId).ThenBy(s => s.Key.DestinationChainId).ThenBy(s => s.Key.Protocol, StringComparer.Ordinal)
            .ToList();
    }

    // ---------------------------------------------------------------- chains

    /// <summary>Every chain with head observations: its newest heads and lag, and the lag's average and maximum over [from, to).</summary>
    public async Task<IReadOnlyList<ChainStats>> ChainsAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, to, Now);
        var parameters = new ClickHouseParameterCollection();
        var union = AnalyticsSql.Tiles("chain_lag", LagColumns, null, tiles, parameters, "t");
        var lags = new Dictionary<long, ChainLag>();
        await ReadAsync(LagSql(union, "chain_id"), parameters, row => lags[ReadLong(row, 0)] = ReadLag(row, 1, coveredFrom, coveredTo), ct);

        var registry = await ChainRegistryAsync(ct);
        var chains = new List<ChainStats>();
        await ReadAsync("""
            SELECT chain_id, toUnixTimestamp64Milli(observed_at), latest_number, toInt64(toUnixTimestamp(latest_time)), safe_number,
                   toInt64(toUnixTimestamp(safe_time)), finalized_number, toInt64(toUnixTimestamp(finalized_time))
            FROM analytics_chain_latest FINAL
            ORDER BY chain_id
            """, new ClickHouseParameterCollection(), row =>
        {
            var chainId = ReadLong(row, 0);
            var latest = ReadLong(row, 2);
            var latestTime = ReadLong(row, 3);
            var safe = ReadLong(row, 4);
            var finalized = ReadLong(row, 6);
            var (name, layer) = registry.GetValueOrDefault(chainId);
            chains.Add(new ChainStats(
                chainId, name, layer, DateTimeOffset.FromUnixTimeMilliseconds(ReadLong(row, 1)).UtcDateTime, latest,
                DateTime.UnixEpoch.AddSeconds(latestTime),
                safe == 0 ? null : safe, finalized == 0 ? null : finalized,
                safe == 0 ? null : latest - safe, finalized == 0 ? null : latest - finalized,
                safe == 0 ? null : latestTime - ReadLong(row, 5), finalized == 0 ? null : latestTime - ReadLong(row, 7),
                lags.GetValueOrDefault(chainId) ?? EmptyLag(coveredFrom, coveredTo)));
        }, ct);
        return chains;
    }

    /// <summary>Average and maximum lag per chain and bucket of <paramref name="bucketSeconds"/>, every bucket present.</summary>
    public async Task<IReadOnlyList<ChainLagSeries>> ChainLagSeriesAsync(int bucketSeconds, DateTime from, DateTime to, long? chainId, CancellationToken ct)
    {
        var (level, start, end) = SeriesRange(bucketSeconds, from, to);
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("from", AnalyticsSql.UnixSeconds(start));
        parameters.AddParameter("to", AnalyticsSql.UnixSeconds(end));
        parameters.AddParameter("bucket", bucketSeconds);
        var chainCondition = "";
        if (chainId is { } id)
        {
            parameters.AddParameter("chain_id", id);
            chainCondition = " AND chain_id = {chain_id:UInt64}";
        }

        var inner = $$"""
            SELECT chain_id, toDateTime(intDiv(toUInt32(bucket), {bucket:UInt32}) * {bucket:UInt32}, 'UTC') AS t, observations, safe_lag_blocks_sum,
                   safe_lag_blocks_max, finalized_lag_blocks_sum, finalized_lag_blocks_max, safe_lag_seconds_sum, safe_lag_seconds_max,
                   finalized_lag_seconds_sum, finalized_lag_seconds_max
            FROM analytics_chain_lag_{{Suffix(level)}}
            WHERE bucket >= toDateTime({from:Int64}, 'UTC') AND bucket < toDateTime({to:Int64}, 'UTC'){{chainCondition}}
            """;
        var points = new Dictionary<long, Dictionary<DateTime, ChainLag>>();
        await ReadAsync(LagSql(inner.Replace(" AS t,", " AS bucket_t,", StringComparison.Ordinal), "chain_id, bucket_t"), parameters, row =>
        {
            var chain = ReadLong(row, 0);
            var time = DateTime.SpecifyKind(row.GetDateTime(1), DateTimeKind.Utc);
            if (!points.TryGetValue(chain, out var byTime))
            {
                points[chain] = byTime = [];
            }

            byTime[time] = ReadLag(row, 2, time, time.AddSeconds(bucketSeconds));
        }, ct);
        return points
            .OrderBy(p => p.Key)
            .Select(p => new ChainLagSeries(p.Key, bucketSeconds, [.. Buckets(start, end, bucketSeconds)
                .Select(time => p.Value.GetValueOrDefault(time) ?? EmptyLag(time, time.AddSeconds(bucketSeconds)))]))
            .ToList();
    }

    private static string LagSql(string source, string groupBy) => $"""
        SELECT {groupBy}, sum(observations) AS obs,
               sum(safe_lag_seconds_sum) / obs, max(safe_lag_seconds_max),
               sum(finalized_lag_seconds_sum) / obs, max(finalized_lag_seconds_max),
               sum(safe_lag_blocks_sum) / obs, max(safe_lag_blocks_max),
               sum(finalized_lag_blocks_sum) / obs, max(finalized_lag_blocks_max)
        FROM ({source})
        GROUP BY {groupBy}
        HAVING obs > 0
        """;

    private static ChainLag ReadLag(DbDataReader row, int first, DateTime from, DateTime to) => new(
        from, to, ReadLong(row, first), ReadDouble(row, first + 1), ReadDouble(row, first + 2), ReadDouble(row, first + 3), ReadDouble(row, first + 4),
        ReadDouble(row, first + 5), ReadDouble(row, first + 6), ReadDouble(row, first + 7), ReadDouble(row, first + 8));

    private static ChainLag EmptyLag(DateTime from, DateTime to) => new(from, to, 0, null, null, null, null, null, null, null, null);

    private async Task<Dictionary<long, (string? Name, string? Layer)>> ChainRegistryAsync(CancellationToken ct)
    {
        var registry = new Dictionary<long, (string?, string?)>();
        await ReadAsync("SELECT chain_id, name, layer FROM analytics_chains FINAL", new ClickHouseParameterCollection(),
            row => registry[ReadLong(row, 0)] = (row.GetString(1), row.GetString(2)), ct);
        return registry;
    }

    // ---------------------------------------------------------------- assets and fragmentation

    /// <summary>The canonical assets of the registry with their tokens.</summary>
    public async Task<IReadOnlyList<AssetInfo>> AssetsAsync(CancellationToken ct)
    {
        var tokens = new List<(string Asset, AssetToken Token)>();
        await ReadAsync("SELECT asset, chain_id, token, decimals, source FROM analytics_assets FINAL ORDER BY asset, chain_id, token", new ClickHouseParameterCollection(),
            row => tokens.Add((row.GetString(0), new AssetToken(ReadLong(row, 1), row.GetString(2), (int)ReadLong(row, 3), row.GetString(4)))), ct);
        return tokens.GroupBy(t => t.Asset, StringComparer.Ordinal).Select(g => new AssetInfo(g.Key, [.. g.Select(t => t.Token)])).ToList();
    }

    /// <summary>Bridged supply per chain at <paramref name="to"/>, flows within [from, to), the flow matrix and the concentration.</summary>
    public async Task<Fragmentation> FragmentationAsync(string asset, DateTime from, DateTime to, CancellationToken ct)
    {
        var now = Now;
        var (windowTiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, to, now);
        var (supplyTiles, _, _) = AnalyticsTiles.Cover(AnalyticsTiles.Beginning, coveredTo, now);

        var parameters = new ClickHouseParameterCollection();
        var assetCondition = AssetCondition(asset, parameters);
        var supplyFlows = ChainFlows(AnalyticsSql.Tiles("flow", FlowColumns, assetCondition, supplyTiles, parameters, "s"));
        var windowUnion = AnalyticsSql.Tiles("flow", FlowColumns, assetCondition, windowTiles, parameters, "w");
        var windowFlows = ChainFlows(windowUnion);
        var sql = $"""
            SELECT chain, sumIf(flow, part = 'supply') AS supply, sumIf(flow, part = 'window' AND flow > 0) AS inflow,
                   -sumIf(flow, part = 'window' AND flow < 0) AS outflow
            FROM
            (
                SELECT 'supply' AS part, chain, flow FROM ({supplyFlows})
                UNION ALL
                SELECT 'window' AS part, chain, flow FROM ({windowFlows})
            )
            GROUP BY chain
            ORDER BY supply DESC, chain
            """;
        var rows = new List<(long Chain, double Supply, double Inflow, double Outflow)>();
        await ReadAsync(sql, parameters, row => rows.Add((ReadLong(row, 0), ReadDouble(row, 1) ?? 0, ReadDouble(row, 2) ?? 0, ReadDouble(row, 3) ?? 0)), ct);

        var concentration = await ConcentrationAsync(supplyFlows, parameters, ct);
        var positive = rows.Where(r => r.Supply > 0).Sum(r => r.Supply);
        var chains = rows.Select(r => new ChainSupply(r.Chain, r.Supply, r.Supply > 0 && positive > 0 ? r.Supply / positive : null, r.Inflow, r.Outflow)).ToList();

        var flowParameters = new ClickHouseParameterCollection();
        var flowUnion = AnalyticsSql.Tiles("flow", FlowColumns, AssetCondition(asset, flowParameters), windowTiles, flowParameters, "w");
        var flows = new List<AssetFlow>();
        await ReadAsync($"""
            SELECT f.source_chain_id, f.destination_chain_id, sum(sent), sum(toFloat64(sent_amount) / pow(10, r.decimals)),
                   sum(delivered), sum(toFloat64(delivered_amount) / pow(10, r.decimals))
            FROM
            (
                SELECT source_chain_id, destination_chain_id, asset, sum(sent_count) AS sent, sum(sent_amount) AS sent_amount,
                       sum(delivered_count) AS delivered, sum(delivered_amount) AS delivered_amount
                FROM ({flowUnion})
                GROUP BY source_chain_id, destination_chain_id, asset
            ) AS f
            LEFT JOIN {AnalyticsSql.Registry}
            GROUP BY f.source_chain_id, f.destination_chain_id
            ORDER BY f.source_chain_id, f.destination_chain_id
            """, flowParameters, row => flows.Add(new AssetFlow(
            ReadLong(row, 0), ReadLong(row, 1), ReadLong(row, 2), ReadDouble(row, 3) ?? 0, ReadLong(row, 4), ReadDouble(row, 5) ?? 0)), ct);

        return new Fragmentation(asset, coveredFrom, coveredTo, chains, concentration, flows);
    }

    /// <summary>
    /// Bridged supply per chain at the end of each bucket of [from, to) and its concentration then, computed in ClickHouse
    /// (running sums per chain, then HHI, 1/HHI and normalised entropy per bucket over the chains with positive supply).
    /// </summary>
    public async Task<IReadOnlyList<FragmentationPoint>> FragmentationSeriesAsync(string asset, int bucketSeconds, DateTime from, DateTime to, CancellationToken ct)
    {
        var (level, start, end) = SeriesRange(bucketSeconds, from, to);
        var (baseTiles, _, _) = AnalyticsTiles.Cover(AnalyticsTiles.Beginning, start, Now);
        var parameters = new ClickHouseParameterCollection();
        var assetCondition = AssetCondition(asset, parameters);
        parameters.AddParameter("from", AnalyticsSql.UnixSeconds(start));
        parameters.AddParameter("to", AnalyticsSql.UnixSeconds(end));
        parameters.AddParameter("bucket", bucketSeconds);
        parameters.AddParameter("points", (int)((end - start).TotalSeconds / bucketSeconds));
        var baseFlows = ChainFlows(AnalyticsSql.Tiles("flow", FlowColumns, assetCondition, baseTiles, parameters, "b"), "toDateTime({from:Int64}, 'UTC')");
        var rangeFlows = ChainFlows($$"""
            SELECT {{FlowColumns}} FROM analytics_flow_{{Suffix(level)}}
            WHERE bucket >= toDateTime({from:Int64}, 'UTC') AND bucket < toDateTime({to:Int64}, 'UTC') AND ({{assetCondition}})
            """, "toDateTime(intDiv(toUInt32(bucket), {bucket:UInt32}) * {bucket:UInt32}, 'UTC')");
        var sql = $$"""
            WITH nets AS
            (
                SELECT chain, t, sum(flow) AS net FROM ({{baseFlows}} UNION ALL {{rangeFlows}}) GROUP BY chain, t
            )
            SELECT t, {{ConcentrationColumns}}, arraySort(groupArray((chain, s))) AS supplies
            FROM
            (
                SELECT chain, t, sum(net) OVER (PARTITION BY chain ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s
                FROM
                (
                    SELECT g.chain AS chain, g.t AS t, n.net AS net
                    FROM
                    (
                        SELECT chain, toDateTime({from:Int64} + number * {bucket:UInt32}, 'UTC') AS t
                        FROM (SELECT DISTINCT chain FROM nets) AS c CROSS JOIN numbers({points:UInt32}) AS n
                    ) AS g
                    LEFT JOIN nets AS n ON g.chain = n.chain AND g.t = n.t
                )
            )
            GROUP BY t
            ORDER BY t
            """;
        var found = new Dictionary<DateTime, FragmentationPoint>();
        await ReadAsync(sql, parameters, row =>
        {
            var time = DateTime.SpecifyKind(row.GetDateTime(0), DateTimeKind.Utc);
            var supplies = ((System.Collections.IEnumerable)row.GetValue(5)).Cast<System.Runtime.CompilerServices.ITuple>()
                .Select(t => new ChainAmount(Convert.ToInt64(t[0], CultureInfo.InvariantCulture), Convert.ToDouble(t[1], CultureInfo.InvariantCulture)))
                .ToList();
            found[time] = new FragmentationPoint(time, ReadConcentration(row, 1), supplies);
        }, ct);
        return [.. Buckets(start, end, bucketSeconds).Select(time => found.GetValueOrDefault(time) ?? new FragmentationPoint(time, new Concentration(null, null, null, 0), []))];
    }

    /// <summary>
    /// L2 -> L2 movement of an asset in [from, to): direct (both ends rollups of the chain registry) and through L1 (a
    /// withdrawal L2 -> L1 delivered to R, then R's first deposit L1 -> another L2 of the same asset within <see cref="HopWindow"/>).
    /// </summary>
    public async Task<L2Routing> L2RoutingAsync(string asset, DateTime from, DateTime to, CancellationToken ct)
    {
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, to, Now);
        var parameters = new ClickHouseParameterCollection();
        var union = AnalyticsSql.Tiles("flow", FlowColumns, AssetCondition(asset, parameters), tiles, parameters, "w");
        long directMessages = 0;
        double directAmount = 0;
        await ReadAsync($"""
            WITH (SELECT groupArray(chain_id) FROM analytics_chains FINAL WHERE layer = 'L2') AS l2s
            SELECT sum(sent), sum(toFloat64(sent_amount) / pow(10, r.decimals))
            FROM
            (
                SELECT source_chain_id, asset, sum(sent_count) AS sent, sum(sent_amount) AS sent_amount
                FROM ({union})
                WHERE has(l2s, source_chain_id) AND has(l2s, destination_chain_id)
                GROUP BY source_chain_id, asset
            ) AS f
            LEFT JOIN {AnalyticsSql.Registry}
            """, parameters, row =>
        {
            directMessages = ReadLong(row, 0);
            directAmount = ReadDouble(row, 1) ?? 0;
        }, ct);

        var hopParameters = new ClickHouseParameterCollection();
        hopParameters.AddParameter("from", AnalyticsSql.UnixSeconds(coveredFrom));
        hopParameters.AddParameter("to", AnalyticsSql.UnixSeconds(coveredTo));
        hopParameters.AddParameter("hop_seconds", (long)HopWindow.TotalSeconds);
        var legCondition = AssetCondition(asset, hopParameters, "asset", "asset_chain_id");
        long viaMessages = 0;
        double viaAmount = 0;
        await ReadAsync($$"""
            WITH (SELECT groupArray(chain_id) FROM analytics_chains FINAL WHERE layer = 'L1') AS l1s,
                 (SELECT groupArray(chain_id) FROM analytics_chains FINAL WHERE layer = 'L2') AS l2s
            SELECT count(), sum(toFloat64(amount) / pow(10, r.decimals))
            FROM
            (
                SELECT DISTINCT d.message_id AS message_id, d.asset_chain_id AS source_chain_id, d.asset AS asset, d.amount AS amount
                FROM
                (
                    {{Legs("DELIVERED", legCondition)}}
                ) AS w
                ASOF JOIN
                (
                    {{Legs("SENT", legCondition)}}
                ) AS d
                ON w.holder = d.holder AND w.chain_id = d.chain_id AND w.t <= d.t
                WHERE d.other_chain_id != w.other_chain_id AND d.t < w.t + {hop_seconds:Int64} AND d.t >= {from:Int64}
            ) AS f
            LEFT JOIN (SELECT chain_id, token, decimals FROM analytics_assets FINAL) AS r ON f.source_chain_id = r.chain_id AND f.asset = r.token
            """, hopParameters, row =>
        {
            viaMessages = ReadLong(row, 0);
            viaAmount = ReadDouble(row, 1) ?? 0;
        }, ct);
        return new L2Routing(directMessages, directAmount, viaMessages, viaAmount, HopWindow);
    }

    // The legs of one kind between an L1 and an L2 (chain_id the L1, other_chain_id the L2) of the asset, in
    // [from - hop window, to), that stand (their signed count is positive), with t = the leg's time in unix seconds.
    private static string Legs(string leg, string assetCondition) => $$"""
        SELECT message_id, holder, chain_id, other_chain_id, asset_chain_id, asset, amount, toInt64(toUnixTimestamp(at)) AS t
        FROM analytics_transfer_legs
        WHERE leg = '{{leg}}' AND at >= toDateTime({from:Int64} - {hop_seconds:Int64}, 'UTC') AND at < toDateTime({to:Int64}, 'UTC')
          AND has(l1s, chain_id) AND has(l2s, other_chain_id) AND ({{assetCondition}})
        GROUP BY leg, at, holder, chain_id, other_chain_id, asset_chain_id, asset, amount, message_id
        HAVING sum(legs) > 0
        """;

    /// <summary>The open messages (sent, not delivered) from analytics_open_messages, the unmerged remainder summed away.</summary>
    private const string OpenMessages = """
        SELECT message_id, sent_at, source_chain_id, destination_chain_id, protocol, proof_system, until, asset, amount, holder
        FROM analytics_open_messages
        GROUP BY message_id, sent_at, source_chain_id, destination_chain_id, protocol, proof_system, until, asset, amount, holder
        HAVING sum(open) > 0
        """;

    // Per chain (and bucket t): what was delivered to it (+) and sent from it (-), normalised by the token's decimals.
    private static string ChainFlows(string flowUnion, string time = "toDateTime(0, 'UTC')") => $"""
        SELECT f.chain AS chain, f.t AS t, toFloat64(f.amount) / pow(10, r.decimals) AS flow
        FROM
        (
            SELECT destination_chain_id AS chain, source_chain_id, asset, {time} AS t, sum(delivered_amount) AS amount
            FROM ({flowUnion}) GROUP BY chain, source_chain_id, asset, t
            UNION ALL
            SELECT source_chain_id AS chain, source_chain_id, asset, {time} AS t, -sum(sent_amount) AS amount
            FROM ({flowUnion}) GROUP BY chain, source_chain_id, asset, t
        ) AS f
        LEFT JOIN {AnalyticsSql.Registry}
        """;

    private const string ConcentrationColumns = """
        sumIf(s * s, s > 0) / pow(sumIf(s, s > 0), 2) AS hhi,
        countIf(s > 0) AS holders,
        if(holders = 0, NULL, if(holders = 1, 0, (log(sumIf(s, s > 0)) - sumIf(s * log(s), s > 0) / sumIf(s, s > 0)) / log(holders))) AS entropy,
        if(holders = 0, NULL, 1 / hhi) AS effective
        """;

    private async Task<Concentration> ConcentrationAsync(string supplyFlows, ClickHouseParameterCollection parameters, CancellationToken ct)
    {
        var concentration = new Concentration(null, null, null, 0);
        await ReadAsync($"""
            SELECT {ConcentrationColumns}
            FROM (SELECT chain, sum(flow) AS s FROM ({supplyFlows}) GROUP BY chain)
            """, parameters, row => concentration = ReadConcentration(row, 0), ct);
        return concentration;
    }

    private static Concentration ReadConcentration(DbDataReader row, int first)
    {
        var holders = (int)ReadLong(row, first + 1);
        return holders == 0
            ? new Concentration(null, null, null, 0)
            : new Concentration(ReadDouble(row, first), ReadDouble(row, first + 3), ReadDouble(row, first + 2), holders);
    }

    /// <summary>
    /// The condition selecting an asset's tokens: a registry name (its (chain, token) pairs) or, for a token the registry
    /// does not know, "chainId:0xtoken" as <see cref="AnalyticsSql.CanonicalAsset"/> names it.
    /// </summary>
    private static string AssetCondition(string asset, ClickHouseParameterCollection parameters, string tokenColumn = "asset", string chainColumn = "source_chain_id")
    {
        var unregistered = UnregisteredAsset().Match(asset);
        if (unregistered.Success)
        {
            parameters.AddParameter("asset_chain", ulong.Parse(unregistered.Groups[1].Value, CultureInfo.InvariantCulture));
            parameters.AddParameter("asset_token", unregistered.Groups[2].Value.ToLowerInvariant());
            return $"{chainColumn} = {{asset_chain:UInt64}} AND {tokenColumn} = {{asset_token:String}}";
        }

        parameters.AddParameter("asset", asset);
        return $"({chainColumn}, {tokenColumn}) IN (SELECT chain_id, token FROM analytics_assets FINAL WHERE asset = {{asset:String}})";
    }

    [GeneratedRegex("^([0-9]{1,20}):(0x[0-9a-fA-F]{40})$")]
    private static partial Regex UnregisteredAsset();

    // ---------------------------------------------------------------- value in flight

    /// <summary>Value sent and not delivered yet, per canonical asset and the chosen dimensions (all time, from the day tables).</summary>
    public async Task<ValueInFlight> ValueInFlightAsync(string? asset, IReadOnlyCollection<RouteDimension> dimensions, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        var columns = AnalyticsSql.DimensionColumns(dimensions);
        var where = asset is null ? "1" : AssetCondition(asset, parameters);
        var qualified = columns.Select(c => "f." + c).ToList();
        var groups = new List<InFlightGroup>();
        await ReadAsync($"""
            SELECT {AnalyticsSql.CanonicalAsset} AS canonical, max(r.asset != '') AS registered,
                   {string.Join(", ", DimensionSelectQualified(columns))},
                   sum(open_count) AS messages, sum(toFloat64(open_amount) / pow(10, r.decimals)) AS amount
            FROM
            (
                SELECT source_chain_id, destination_chain_id, protocol, proof_system, asset,
                       sum(sent_count) - sum(delivered_count) AS open_count, sum(sent_amount) - sum(delivered_amount) AS open_amount
                FROM analytics_flow_day
                WHERE {where}
                GROUP BY source_chain_id, destination_chain_id, protocol, proof_system, asset
                HAVING open_count != 0 OR open_amount != 0
            ) AS f
            LEFT JOIN {AnalyticsSql.Registry}
            GROUP BY {AnalyticsSql.GroupBy(["canonical", .. qualified])}
            ORDER BY canonical, amount DESC
            """, parameters, row => groups.Add(new InFlightGroup(
            row.GetString(0), ReadLong(row, 1) == 1, ReadKey(row, 2, columns), ReadLong(row, 6), ReadDouble(row, 7) ?? 0)), ct);
        return new ValueInFlight(Now, asset, groups);
    }

    /// <summary>The open messages with the largest transfers (their first transfer), at most <paramref name="first"/> per canonical asset.</summary>
    public async Task<IReadOnlyList<OpenExposure>> LargestOpenAsync(string? asset, int first, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("first", first);
        var where = asset is null ? "1" : AssetCondition(asset, parameters);
        var now = Now;
        var open = new List<OpenExposure>();
        await ReadAsync($$"""
            SELECT f.message_id, {{AnalyticsSql.CanonicalAsset}} AS canonical, toFloat64(f.amount) / pow(10, r.decimals) AS normalised, f.protocol,
                   f.proof_system, f.source_chain_id, f.destination_chain_id, toInt64(toUnixTimestamp(f.sent_at))
            FROM (SELECT * FROM ({{OpenMessages}}) WHERE amount > 0 AND ({{where}})) AS f
            LEFT JOIN {{AnalyticsSql.Registry}}
            ORDER BY canonical, normalised DESC, f.message_id
            LIMIT {first:UInt32} BY canonical
            """, parameters, row =>
        {
            var sentAt = DateTime.UnixEpoch.AddSeconds(ReadLong(row, 7));
            open.Add(new OpenExposure(
                row.GetString(0), row.GetString(1), ReadDouble(row, 2) ?? 0, row.GetString(3), NullIfEmpty(row.GetString(4)), ReadLong(row, 5),
                ReadLong(row, 6), "SENT", sentAt, Math.Max(0, (now - sentAt).TotalSeconds)));
        }, ct);

        var statuses = await StatusesAsync(open.Select(o => o.MessageId).ToList(), ct);
        return [.. open.Select(o => o with { Status = statuses.GetValueOrDefault(o.MessageId, o.Status) })
            .OrderByDescending(e => e.Amount).ThenBy(e => e.Asset, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Messages open longer than <paramref name="olderThan"/>, and, when they wait out a challenge window, that long past its
    /// end: how many, and the oldest <paramref name="first"/> ids.
    /// </summary>
    public async Task<(long Count, IReadOnlyList<string> Oldest)> StuckAsync(TimeSpan olderThan, int first, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("before", AnalyticsSql.UnixSeconds(Now - olderThan));
        parameters.AddParameter("first", first);
        long count = 0;
        var oldest = new List<string>();
        await ReadAsync($$"""
            SELECT message_id, count() OVER () AS stuck
            FROM ({{OpenMessages}})
            WHERE sent_at < toDateTime({before:Int64}, 'UTC') AND until < toDateTime({before:Int64}, 'UTC')
            ORDER BY sent_at, message_id
            LIMIT {first:UInt32}
            """, parameters, row =>
        {
            oldest.Add(row.GetString(0));
            count = ReadLong(row, 1);
        }, ct);
        return (count, oldest);
    }

    /// <summary>These messages as the API shows them (the newest version of each), in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<MessageRecord>> MessagesAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("ids", ids.ToArray());
        var found = new Dictionary<string, MessageRecord>(StringComparer.Ordinal);
        await ReadAsync(MessageSql.SelectColumns + "WHERE message_id IN {ids:Array(String)}", parameters, row =>
        {
            var message = MessageRowReader.Read(row);
            found[message.Id] = message;
        }, ct);
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    /// <summary>The effective status (MessageSql.EffectiveStatus) of these messages, by a primary-key read of messages.</summary>
    private async Task<Dictionary<string, string>> StatusesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return statuses;
        }

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("ids", ids.ToArray());
        await ReadAsync($"SELECT message_id, {MessageSql.EffectiveStatus} FROM messages FINAL WHERE message_id IN {{ids:Array(String)}}", parameters,
            row => statuses[row.GetString(0)] = row.GetString(1), ct);
        return statuses;
    }

    /// <summary>Value in flight at the end of each bucket of [from, to) per canonical asset and the chosen dimensions.</summary>
    public async Task<IReadOnlyList<InFlightSeries>> InFlightSeriesAsync(
        string? asset, IReadOnlyCollection<RouteDimension> dimensions, int bucketSeconds, DateTime from, DateTime to, CancellationToken ct)
    {
        var (level, start, end) = SeriesRange(bucketSeconds, from, to);
        var (baseTiles, _, _) = AnalyticsTiles.Cover(AnalyticsTiles.Beginning, start, Now);
        var parameters = new ClickHouseParameterCollection();
        var where = asset is null ? "1" : AssetCondition(asset, parameters);
        parameters.AddParameter("from", AnalyticsSql.UnixSeconds(start));
        parameters.AddParameter("to", AnalyticsSql.UnixSeconds(end));
        parameters.AddParameter("bucket", bucketSeconds);
        var columns = AnalyticsSql.DimensionColumns(dimensions);
        var baseUnion = AnalyticsSql.Tiles("flow", FlowColumns, where, baseTiles, parameters, "b");
        var partition = AnalyticsSql.GroupBy(["canonical", .. columns]);
        var sql = $$"""
            SELECT canonical, registered, {{AnalyticsSql.DimensionSelect(columns)}}, t,
                   sum(open_count) OVER (PARTITION BY {{partition}} ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS messages,
                   sum(open_amount) OVER (PARTITION BY {{partition}} ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS amount
            FROM
            (
                SELECT {{AnalyticsSql.CanonicalAsset}} AS canonical, max(r.asset != '') AS registered, {{string.Join(", ", columns.Select(c => "f." + c + " AS " + c).DefaultIfEmpty("0 AS grouped"))}}, f.t AS t,
                       sum(f.open_count) AS open_count, sum(toFloat64(f.open_amount) / pow(10, r.decimals)) AS open_amount
                FROM
                (
                    SELECT source_chain_id, destination_chain_id, protocol, proof_system, asset, toDateTime({from:Int64}, 'UTC') AS t,
                           sum(sent_count) - sum(delivered_count) AS open_count, sum(sent_amount) - sum(delivered_amount) AS open_amount
                    FROM ({{baseUnion}})
                    GROUP BY source_chain_id, destination_chain_id, protocol, proof_system, asset
                    UNION ALL
                    SELECT source_chain_id, destination_chain_id, protocol, proof_system, asset,
                           toDateTime(intDiv(toUInt32(bucket), {bucket:UInt32}) * {bucket:UInt32}, 'UTC') AS t,
                           sum(sent_count) - sum(delivered_count) AS open_count, sum(sent_amount) - sum(delivered_amount) AS open_amount
                    FROM analytics_flow_{{Suffix(level)}}
                    WHERE bucket >= toDateTime({from:Int64}, 'UTC') AND bucket < toDateTime({to:Int64}, 'UTC') AND ({{where}})
                    GROUP BY source_chain_id, destination_chain_id, protocol, proof_system, asset, t
                ) AS f
                LEFT JOIN {{AnalyticsSql.Registry}}
                GROUP BY {{AnalyticsSql.GroupBy(["canonical", .. columns.Select(c => "f." + c), "f.t"])}}
            )
            ORDER BY canonical, t
            """;
        var found = new Dictionary<(string Asset, RouteKey Key), SortedDictionary<DateTime, InFlightPoint>>();
        await ReadAsync(sql, parameters, row =>
        {
            var group = (row.GetString(0), ReadKey(row, 2, columns));
            var time = DateTime.SpecifyKind(row.GetDateTime(6), DateTimeKind.Utc);
            if (!found.TryGetValue(group, out var points))
            {
                found[group] = points = [];
            }

            points[time] = new InFlightPoint(time, ReadLong(row, 7), ReadDouble(row, 8) ?? 0);
        }, ct);

        return found.Select(group =>
        {
            // Carry the level forward through buckets without any flow.
            var carried = new InFlightPoint(start, 0, 0);
            var points = Buckets(start, end, bucketSeconds).Select(time =>
            {
                carried = group.Value.TryGetValue(time, out var point) ? point : carried with { Time = time };
                return carried;
            }).ToList();
            return new InFlightSeries(group.Key.Asset, group.Key.Key, bucketSeconds, points);
        })
        .Where(s => s.Points.Any(p => p.Messages != 0 || p.Amount != 0))
        .OrderBy(s => s.Asset, StringComparer.Ordinal)
        .ThenByDescending(s => s.Points[^1].Amount)
        .ToList();
    }

    private static IEnumerable<string> DimensionSelectQualified(IReadOnlyList<string> columns) =>
    [
        columns.Contains("source_chain_id") ? "f.source_chain_id" : "toUInt64(0)",
        columns.Contains("destination_chain_id") ? "f.destination_chain_id" : "toUInt64(0)",
        columns.Contains("protocol") ? "f.protocol" : "''",
        columns.Contains("proof_system") ? "f.proof_system" : "''",
    ];

    // ---------------------------------------------------------------- shared

    /// <summary>The level, start and end of a series: the range rounded to whole buckets, the minute level clipped to what it keeps.</summary>
    public (AnalyticsLevel Level, DateTime Start, DateTime End) SeriesRange(int bucketSeconds, DateTime from, DateTime to)
    {
        var level = AnalyticsTiles.LevelFor(bucketSeconds);
        var start = AnalyticsTiles.Floor(from, bucketSeconds);
        var end = AnalyticsTiles.Floor(to, bucketSeconds);
        if (end < to)
        {
            end = end.AddSeconds(bucketSeconds);
        }

        if (level == AnalyticsLevel.Minute)
        {
            var kept = AnalyticsTiles.Floor(Now - AnalyticsTiles.MinuteRetention, bucketSeconds).AddSeconds(bucketSeconds);
            if (start < kept)
            {
                start = kept;
            }
        }

        if (end < start)
        {
            end = start;
        }

        return (level, start, end);
    }

    private static IEnumerable<DateTime> Buckets(DateTime start, DateTime end, int bucketSeconds)
    {
        for (var time = start; time < end; time = time.AddSeconds(bucketSeconds))
        {
            yield return time;
        }
    }

    private static string Suffix(AnalyticsLevel level) => new AnalyticsTile(level, default, default).Suffix;

    private static long Total(Dictionary<string, (long Total, LatencyStats? Stats)> kinds, string kind) => kinds.GetValueOrDefault(kind).Total;

    private static RouteKey ReadKey(DbDataReader row, int first, IReadOnlyList<string> columns) => new(
        columns.Contains("source_chain_id") ? ReadLong(row, first) : null,
        columns.Contains("destination_chain_id") ? ReadLong(row, first + 1) : null,
        columns.Contains("protocol") ? row.GetString(first + 2) : null,
        columns.Contains("proof_system") ? NullIfEmpty(row.GetString(first + 3)) : null);

    // The histogram's timed count at `timed`, and its quantiles (p50, p95, p99, max) at `quantiles`.
    private static LatencyStats? ReadStats(DbDataReader row, int timed, int quantiles, string kind)
    {
        var stage = Enum.GetValues<LatencyStage>().Where(s => StageKind(s) == kind).Select(s => (LatencyStage?)s).FirstOrDefault();
        if (stage is null)
        {
            return null;
        }

        var count = ReadLong(row, timed);
        var values = (double[])row.GetValue(quantiles);
        return values.Length < 4 ? LatencyStats.Empty(stage.Value) with { Count = count } : new LatencyStats(stage.Value, count, values[0], values[1], values[2], values[3]);
    }

    private static long ReadLong(DbDataReader row, int index) => row.IsDBNull(index) ? 0 : Convert.ToInt64(row.GetValue(index), CultureInfo.InvariantCulture);

    private static double? ReadDouble(DbDataReader row, int index)
    {
        if (row.IsDBNull(index))
        {
            return null;
        }

        var value = Convert.ToDouble(row.GetValue(index), CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private async Task ReadAsync(string sql, ClickHouseParameterCollection parameters, Action<DbDataReader> readRow, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref queryCount);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout + TimeSpan.FromSeconds(1));
        var queryOptions = new QueryOptions
        {
            CustomSettings = new Dictionary<string, object> { ["max_execution_time"] = (int)Timeout.TotalSeconds },
        };
        using var reader = await clickHouse.ExecuteReaderAsync(sql, parameters, queryOptions, timeout.Token);
        while (await reader.ReadAsync(timeout.Token))
        {
            readRow(reader);
        }
    }
}
