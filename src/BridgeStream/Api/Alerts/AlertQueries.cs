using System.Globalization;
using System.Text;
using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Alerts;

/// <summary>Reads alerts for the GraphQL API: current states (alert_state) and the change history (alerts).</summary>
public sealed class AlertQueries(ClickHouseClient clickHouse, IOptions<ApiOptions> options)
{
    public const int MaxPageSize = 500;

    private TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, options.Value.QueryTimeoutSeconds));

    /// <summary>Alerts matching the filter, newest episode first, strictly after the cursor (keyset paging).</summary>
    public async Task<AlertConnection> ListAsync(AlertFilter filter, int first, (long StartedAtMs, string Key)? after, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        var where = filter.Where(parameters);
        if (after is { } cursor)
        {
            parameters.AddParameter("after_started", AlertRows.Time(cursor.StartedAtMs));
            parameters.AddParameter("after_key", cursor.Key);
            where += " AND (started_at, dedup_key) < ({after_started:DateTime64(3)}, {after_key:String})";
        }

        parameters.AddParameter("limit", first + 1);
        var rows = await ReadAsync(
            $"SELECT {AlertRows.SelectList} FROM alert_state FINAL WHERE {where} ORDER BY started_at DESC, dedup_key DESC LIMIT {{limit:UInt32}}", parameters, ct);
        var page = rows.Take(first).Select(r => new AlertEdge(EncodeCursor(r), r)).ToList();
        return new AlertConnection(page, new PageInfo(rows.Count > first, page.Count == 0 ? null : page[^1].Cursor), token => CountAsync(filter, token));
    }

    public async Task<long> CountAsync(AlertFilter filter, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        var where = filter.Where(parameters);
        using var timeout = StartTimeout(ct);
        return Convert.ToInt64(await clickHouse.ExecuteScalarAsync($"SELECT count() FROM alert_state FINAL WHERE {where}", parameters, QueryOptions(), timeout.Token), CultureInfo.InvariantCulture);
    }

    /// <summary>Changes inserted after <paramref name="sinceMillis"/> (inserted_at, unix ms), oldest first, with their insertion time.</summary>
    public async Task<List<(AlertChange Change, long InsertedAtMs)>> ChangesSinceAsync(long sinceMillis, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("since", AlertRows.Time(sinceMillis));
        using var timeout = StartTimeout(ct);
        using var reader = await clickHouse.ExecuteReaderAsync(
            $"SELECT {AlertRows.SelectList}, toInt64(toUnixTimestamp64Milli(inserted_at)) FROM alerts WHERE inserted_at > {{since:DateTime64(3)}} ORDER BY inserted_at, changed_at",
            parameters, QueryOptions(), timeout.Token);
        var rows = new List<(AlertChange, long)>();
        while (await reader.ReadAsync(timeout.Token))
        {
            rows.Add((AlertRows.Read(reader), Convert.ToInt64(reader.GetValue(AlertRows.ChangeColumns.Length), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public async Task<long> LatestInsertMillisAsync(CancellationToken ct)
    {
        using var timeout = StartTimeout(ct);
        var value = await clickHouse.ExecuteScalarAsync("SELECT toInt64(toUnixTimestamp64Milli(max(inserted_at))) FROM alerts", null, QueryOptions(), timeout.Token);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static string EncodeCursor(AlertChange alert) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{alert.StartedAtMs}:{alert.DedupKey}")));

    public static bool TryDecodeCursor(string text, out (long StartedAtMs, string Key) cursor)
    {
        cursor = default;
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        cursor = (ms, parts[1]);
        return true;
    }

    private async Task<List<AlertChange>> ReadAsync(string sql, ClickHouseParameterCollection parameters, CancellationToken ct)
    {
        using var timeout = StartTimeout(ct);
        using var reader = await clickHouse.ExecuteReaderAsync(sql, parameters, QueryOptions(), timeout.Token);
        var rows = new List<AlertChange>();
        while (await reader.ReadAsync(timeout.Token))
        {
            rows.Add(AlertRows.Read(reader));
        }

        return rows;
    }

    private CancellationTokenSource StartTimeout(CancellationToken ct)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout + TimeSpan.FromSeconds(1));
        return timeout;
    }

    private QueryOptions QueryOptions() => new() { CustomSettings = new Dictionary<string, object> { ["max_execution_time"] = (int)Timeout.TotalSeconds } };
}
