using ClickHouse.Driver.ADO.Parameters;

namespace BridgeStream.Api.Analytics;

/// <summary>
/// Route synchrony (<c>routeSync</c>): how close to its send a route's messages are relayed, in seconds and in destination
/// blocks, and the share relayed in the same block time or the next block. Read from the DELIVERED latency histograms of
/// 0006 joined with the chain registry's block times (0008_route_sync.sql defines the figures precisely).
/// </summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>The proof system of routes whose messages are executed against the source's log directly (OP interop).</summary>
    public const string SynchronousProofSystem = "SYNCHRONOUS";

    private const string BinOfLatency = "if(latency_bin < 64, toFloat64(latency_bin), 64 * pow(65 / 64, latency_bin - 64))";

    /// <summary>Per route (source, destination, protocol and proof system) with deliveries in [from, to): its synchrony figures.</summary>
    public async Task<IReadOnlyList<RouteSync>> RouteSyncAsync(DateTime from, DateTime to, RouteFilter? filter, CancellationToken ct)
    {
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, to, Now);
        var parameters = new ClickHouseParameterCollection();
        var union = AnalyticsSql.Tiles("route", RouteColumns, $"kind = 'DELIVERED' AND ({AnalyticsSql.RouteConditions(filter, parameters)})", tiles, parameters, "t");
        var sql = $"""
            SELECT source_chain_id, destination_chain_id, protocol, proof_system, any(c.block_time_seconds) AS block_time,
                   sumIf(n, latency_bin = 0 AND n > 0) AS same_block,
                   sumIf(n, latency_bin > 0 AND n > 0 AND {BinOfLatency} <= c.block_time_seconds) AS next_block,
            {AnalyticsSql.QuantileColumns}
            FROM
            (
                SELECT source_chain_id, destination_chain_id, protocol, proof_system, latency_bin, sum(facts) AS n
                FROM ({union})
                GROUP BY source_chain_id, destination_chain_id, protocol, proof_system, latency_bin
            ) AS h
            LEFT JOIN (SELECT chain_id, block_time_seconds FROM analytics_chains FINAL) AS c ON h.destination_chain_id = c.chain_id
            GROUP BY source_chain_id, destination_chain_id, protocol, proof_system
            HAVING timed > 0
            """;
        var routes = new List<RouteSync>();
        await ReadAsync(sql, parameters, row =>
        {
            var key = new RouteKey(ReadLong(row, 0), ReadLong(row, 1), row.GetString(2), NullIfEmpty(row.GetString(3)));
            var blockTime = ReadDouble(row, 4);
            var seconds = (double[])row.GetValue(10);
            routes.Add(new RouteSync(
                key, coveredFrom, coveredTo, key.ProofSystem == SynchronousProofSystem, ReadLong(row, 8), blockTime,
                ReadLong(row, 5), blockTime is null ? null : ReadLong(row, 6),
                SyncDistance.Of(seconds, 1), blockTime is { } b && b > 0 ? SyncDistance.Of(seconds, b) : null));
        }, ct);

        // Each chain pair's routes together, the synchronous one first: the comparison reads down the list.
        return [.. routes
            .OrderBy(r => r.Key.SourceChainId).ThenBy(r => r.Key.DestinationChainId)
            .ThenByDescending(r => r.Synchronous).ThenBy(r => r.Key.Protocol, StringComparer.Ordinal).ThenBy(r => r.Key.ProofSystem, StringComparer.Ordinal)];
    }
}

/// <summary>Nearest-rank percentiles of a distance (seconds, or destination blocks = seconds / block time).</summary>
public sealed record SyncDistance(double P50, double P95, double P99, double Max)
{
    internal static SyncDistance? Of(double[] seconds, double unit) =>
        seconds.Length < 4 ? null : new SyncDistance(seconds[0] / unit, seconds[1] / unit, seconds[2] / unit, seconds[3] / unit);
}

/// <summary>
/// One route's synchrony over a window: Delivered counts the deliveries whose send is known (those with a distance);
/// SameBlock those relayed at or before the send's timestamp; NextBlock those after it by at most one destination block
/// time (null when the destination's block time is unknown).
/// </summary>
public sealed record RouteSync(
    RouteKey Key, DateTime From, DateTime To, bool Synchronous, long Delivered, double? DestinationBlockTimeSeconds, long SameBlock, long? NextBlock,
    SyncDistance? DistanceSeconds, SyncDistance? DistanceBlocks)
{
    public long? Later => NextBlock is { } next ? Delivered - SameBlock - next : null;

    public double? SameBlockShare => Delivered == 0 ? null : (double)SameBlock / Delivered;

    public double? NextBlockShare => Delivered == 0 || NextBlock is null ? null : (double)NextBlock.Value / Delivered;

    public double? WithinNextBlockShare => Delivered == 0 || NextBlock is null ? null : (double)(SameBlock + NextBlock.Value) / Delivered;
}
