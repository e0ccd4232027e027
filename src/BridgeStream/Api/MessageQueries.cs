using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Api;

/// <summary>Reads messages from ClickHouse for the GraphQL API. Thread-safe; one per application.</summary>
public sealed class MessageQueries(ClickHouseClient clickHouse)
{
    public const int MaxPageSize = 500;

    /// <summary>The newest version of one message, or null when no message has that id.</summary>
    public async Task<MessageRecord?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("id", id);
        var rows = await ReadAsync(MessageSql.ById, parameters, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Up to <paramref name="first"/> messages matching <paramref name="filter"/>, newest first, strictly after
    /// <paramref name="after"/>. One extra row is fetched to know whether another page exists.
    /// </summary>
    public async Task<MessageConnection> ListAsync(
        MessageFilter filter, int first, MessageCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, MaxPageSize);

        var sql = MessageSql.Page(filter, after is not null);
        var rows = await ReadAsync(sql, MessageSql.Parameters(filter, after, first + 1), cancellationToken);
        var page = rows.Take(first).Select(row => new MessageEdge(MessageCursor.After(row).Encode(), row)).ToList();
        var pageInfo = new PageInfo(HasNextPage: rows.Count > first, EndCursor: page.Count == 0 ? null : page[^1].Cursor);
        return new MessageConnection(page, pageInfo, token => CountAsync(filter, token));
    }

    /// <summary>How many messages match <paramref name="filter"/> (each message once, whatever its versions).</summary>
    public async Task<long> CountAsync(MessageFilter filter, CancellationToken cancellationToken)
    {
        var parameters = MessageSql.Parameters(filter, after: null, limit: null);
        var count = await clickHouse.ExecuteScalarAsync(MessageSql.Count(filter), parameters, options: null, cancellationToken);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture);
    }

    private async Task<List<MessageRecord>> ReadAsync(
        string sql, ClickHouseParameterCollection parameters, CancellationToken cancellationToken)
    {
        using var reader = await clickHouse.ExecuteReaderAsync(sql, parameters, options: null, cancellationToken);
        var rows = new List<MessageRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(MessageRowReader.Read(reader));
        }

        return rows;
    }
}
