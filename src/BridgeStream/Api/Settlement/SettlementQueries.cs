using System.Data.Common;
using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Settlement;

/// <summary>Reads rollup settlement (migration 0007's views) for the GraphQL API; the same limits as <see cref="MessageQueries"/>.</summary>
public sealed class SettlementQueries(ClickHouseClient clickHouse, IOptions<ApiOptions> options)
{
    private TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, options.Value.QueryTimeoutSeconds));

    /// <summary>The source settlement of every message in <paramref name="messageIds"/> that was sent on a followed rollup.</summary>
    public async Task<Dictionary<string, SourceSettlement>> SourceSettlementsAsync(IReadOnlyCollection<string> messageIds, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("ids", messageIds.ToArray());
        var found = new Dictionary<string, SourceSettlement>(StringComparer.Ordinal);
        await ReadAsync(SettlementSql.SourceSettlements, parameters, r => found[r.GetString(0)] = new SourceSettlement(
            r.GetString(0), Long(r, 1), r.GetString(2), Text(r, 3), Time(r, 4), Time(r, 5), Time(r, 6), Time(r, 7), Time(r, 8),
            Number(r, 9), Number(r, 10)), ct);
        return found;
    }

    public async Task<List<RollupSettlementStep>> StepsAsync(long chainId, string? stage, int limit, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("chain", chainId);
        parameters.AddParameter("limit", limit);
        if (stage is not null)
        {
            parameters.AddParameter("stage", stage);
        }

        var steps = new List<RollupSettlementStep>();
        await ReadAsync(SettlementSql.Steps(stage is not null), parameters, r => steps.Add(new RollupSettlementStep(
            Long(r, 0), r.GetString(1), Text(r, 2), r.GetString(3), Long(r, 4) == 1, Long(r, 5) == 1, Long(r, 6), Long(r, 7),
            r.GetString(8), Long(r, 9), Time(r, 10)!.Value, OptionalLong(r, 11), OptionalLong(r, 12), Time(r, 13), OptionalLong(r, 14),
            OptionalLong(r, 15), Text(r, 16), Text(r, 17), Time(r, 18), Time(r, 19))), ct);
        return steps;
    }

    public async Task<List<RollupSettlementStatus>> StatusAsync(long? chainId, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        if (chainId is { } chain)
        {
            parameters.AddParameter("chain", chain);
        }

        var rows = new List<RollupSettlementStatus>();
        await ReadAsync(SettlementSql.Status(chainId is not null), parameters, r => rows.Add(new RollupSettlementStatus(
            Long(r, 0), r.GetString(1), Text(r, 2), Time(r, 3), OptionalLong(r, 4), Time(r, 5), OptionalLong(r, 6), Time(r, 7), Time(r, 8),
            Time(r, 9)!.Value)), ct);
        return rows;
    }

    public async Task<List<SettlementLagPoint>> LagSeriesAsync(long chainId, string milestone, int bucketSeconds, DateTime from, DateTime to, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("chain", chainId);
        parameters.AddParameter("milestone", milestone);
        parameters.AddParameter("bucket", bucketSeconds);
        parameters.AddParameter("from_ms", Millis(from));
        parameters.AddParameter("to_ms", Millis(to));
        var points = new List<SettlementLagPoint>();
        await ReadAsync(SettlementSql.LagSeries, parameters, r => points.Add(new SettlementLagPoint(
            Time(r, 0)!.Value, Long(r, 1), Long(r, 2), Number(r, 3) ?? 0, Number(r, 4) ?? 0, Number(r, 5) ?? 0)), ct);
        return points;
    }

    public async Task<List<ProofSystemSettlement>> ByProofSystemAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("from_ms", Millis(from));
        parameters.AddParameter("to_ms", Millis(to));
        var rows = new List<ProofSystemSettlement>();
        await ReadAsync(SettlementSql.ByProofSystem, parameters, r => rows.Add(new ProofSystemSettlement(
            Text(r, 0), Long(r, 1), Long(r, 2), Number(r, 3), Number(r, 4), Long(r, 5), Number(r, 6), Number(r, 7))), ct);
        return rows;
    }

    private async Task ReadAsync(string sql, ClickHouseParameterCollection parameters, Action<DbDataReader> readRow, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout + TimeSpan.FromSeconds(1));
        var queryOptions = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_execution_time"] = (int)Timeout.TotalSeconds } };
        using var reader = await clickHouse.ExecuteReaderAsync(sql, parameters, queryOptions, timeout.Token);
        while (await reader.ReadAsync(timeout.Token))
        {
            readRow(reader);
        }
    }

    private static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static long? OptionalLong(DbDataReader r, int i) => r.IsDBNull(i) ? null : Long(r, i);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) || r.GetString(i).Length == 0 ? null : r.GetString(i);

    private static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(r, i)).UtcDateTime;

    // quantiles of nothing are NaN in ClickHouse: the API says null.
    private static double? Number(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture) is var value && double.IsFinite(value) ? value : null;

    private static long Millis(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
