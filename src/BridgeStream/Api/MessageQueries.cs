using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api;

/// <summary>
/// Reads messages from ClickHouse for the GraphQL API. Thread-safe; one per application. Every query carries
/// max_execution_time and is cancelled here too when it outlives <see cref="ApiOptions.QueryTimeoutSeconds"/>.
/// </summary>
public sealed class MessageQueries(ClickHouseClient clickHouse, IOptions<ApiOptions> options)
{
    public const int MaxPageSize = 500;

    private long queryCount;

    /// <summary>How many ClickHouse queries this instance has sent (for tests and diagnostics).</summary>
    public long QueryCount => Interlocked.Read(ref queryCount);

    private TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, options.Value.QueryTimeoutSeconds));

    /// <summary>The newest version of one message, or null when no message has that id.</summary>
    public async Task<MessageRecord?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("id", id);
        var rows = await ReadMessagesAsync(MessageSql.ById, parameters, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Messages with a send, receive or other event in transaction <paramref name="txHash"/> on <paramref name="chainId"/>.</summary>
    public Task<List<MessageRecord>> FindByTransactionAsync(long chainId, string txHash, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("chain_id", chainId);
        parameters.AddParameter("tx_hash", txHash);
        return ReadMessagesAsync(MessageSql.ByTransaction, parameters, cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="first"/> messages matching <paramref name="filter"/> in <paramref name="order"/>, strictly after
    /// <paramref name="after"/>. One extra row is fetched to know whether another page exists.
    /// </summary>
    public async Task<MessageConnection> ListAsync(
        MessageFilter filter, MessageOrder order, int first, MessageCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, MaxPageSize);

        var sql = MessageSql.Page(filter, order, after is not null);
        var rows = await ReadMessagesAsync(sql, MessageSql.Parameters(filter, after, first + 1), cancellationToken);
        var page = rows.Take(first).Select(row => new MessageEdge(MessageCursor.After(order, row).Encode(), row)).ToList();
        var pageInfo = new PageInfo(HasNextPage: rows.Count > first, EndCursor: page.Count == 0 ? null : page[^1].Cursor);
        return new MessageConnection(page, pageInfo, token => CountAsync(filter, token));
    }

    /// <summary>How many messages match <paramref name="filter"/> (each message once, whatever its versions).</summary>
    public async Task<long> CountAsync(MessageFilter filter, CancellationToken cancellationToken)
    {
        var parameters = MessageSql.Parameters(filter, after: null, limit: null);
        var count = await ScalarAsync(MessageSql.Count(filter), parameters, cancellationToken);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture);
    }

    /// <summary>The events of all <paramref name="messageIds"/> in one query, grouped by message id.</summary>
    public async Task<ILookup<string, HistoryStep>> HistoryAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("ids", messageIds.ToArray());
        var steps = new List<HistoryStep>();
        await ReadAsync(MessageSql.History, parameters, row => steps.Add(new HistoryStep(
            MessageId: row.GetString(0),
            Kind: row.GetString(1),
            ChainId: Convert.ToInt64(row.GetValue(2), CultureInfo.InvariantCulture),
            BlockNumber: Convert.ToInt64(row.GetValue(3), CultureInfo.InvariantCulture),
            BlockHash: row.GetString(4),
            TxHash: row.GetString(5),
            LogIndex: Convert.ToInt64(row.GetValue(6), CultureInfo.InvariantCulture),
            Time: DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(row.GetValue(7), CultureInfo.InvariantCulture)).UtcDateTime)),
            cancellationToken);
        return steps.ToLookup(step => step.MessageId, StringComparer.Ordinal);
    }

    /// <summary>Every row version written after <paramref name="sinceMillis"/> (updated_at, Unix ms), oldest first.</summary>
    public Task<List<MessageRecord>> UpdatedSinceAsync(long sinceMillis, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("since_ms", sinceMillis);
        return ReadMessagesAsync(MessageSql.UpdatedSince, parameters, cancellationToken);
    }

    /// <summary>The newest updated_at in the table (Unix ms), 0 when it is empty.</summary>
    public async Task<long> LatestUpdateMillisAsync(CancellationToken cancellationToken)
    {
        var value = await ScalarAsync(MessageSql.LatestUpdate, new ClickHouseParameterCollection(), cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private async Task<List<MessageRecord>> ReadMessagesAsync(
        string sql, ClickHouseParameterCollection parameters, CancellationToken cancellationToken)
    {
        var rows = new List<MessageRecord>();
        await ReadAsync(sql, parameters, row => rows.Add(MessageRowReader.Read(row)), cancellationToken);
        return rows;
    }

    private async Task ReadAsync(
        string sql, ClickHouseParameterCollection parameters, Action<System.Data.Common.DbDataReader> readRow, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(cancellationToken);
        using var reader = await clickHouse.ExecuteReaderAsync(sql, parameters, QueryOptions(), timeout.Token);
        while (await reader.ReadAsync(timeout.Token))
        {
            readRow(reader);
        }
    }

    private async Task<object?> ScalarAsync(string sql, ClickHouseParameterCollection parameters, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(cancellationToken);
        return await clickHouse.ExecuteScalarAsync(sql, parameters, QueryOptions(), timeout.Token);
    }

    private CancellationTokenSource StartTimeout(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref queryCount);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A little longer than ClickHouse's own limit, so the server's clear TIMEOUT_EXCEEDED usually comes first.
        timeout.CancelAfter(Timeout + TimeSpan.FromSeconds(1));
        return timeout;
    }

    private QueryOptions QueryOptions() => new()
    {
        CustomSettings = new Dictionary<string, object> { ["max_execution_time"] = (int)Timeout.TotalSeconds },
    };
}
