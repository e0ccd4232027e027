using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using GraphQL.DataLoader;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Analytics;

/// <summary>
/// Batches <c>Message.sourceFinalityLagSeconds</c> for one request, like <see cref="MessageHistoryLoader"/>: one
/// ClickHouse query per page. The lag is the message_finality view's (migration 0002): the send's block time until the
/// first head observation whose finalized head is at or above the send's block; null while that block is not final.
/// The query reads only the page's messages and their chains' head observations since the earliest send of the page.
/// </summary>
public sealed class SourceFinalityLoader(ClickHouseClient clickHouse, IOptions<ApiOptions> options)
{
    private const string Sql = """
        SELECT m.message_id, if(f.finalized_number = 0, NULL, dateDiff('millisecond', m.sent_at, f.finalized_at) / 1000.0)
        FROM
        (
            SELECT message_id, source_chain_id, source_block_number, assumeNotNull(sent_at) AS sent_at
            FROM messages FINAL
            WHERE message_id IN {ids:Array(String)} AND sent_at IS NOT NULL
        ) AS m
        ASOF LEFT JOIN
        (
            SELECT chain_id, finalized_number, min(observed_at) AS finalized_at
            FROM chain_heads
            WHERE finalized_number > 0
              AND chain_id IN (SELECT source_chain_id FROM messages FINAL WHERE message_id IN {ids:Array(String)})
              AND observed_at >= (SELECT min(sent_at) FROM messages FINAL WHERE message_id IN {ids:Array(String)})
            GROUP BY chain_id, finalized_number
        ) AS f
        ON m.source_chain_id = f.chain_id AND m.source_block_number <= f.finalized_number
        """;

    private readonly Lock _gate = new();
    private Batch _current = new();

    public IDataLoaderResult<double?> Load(string messageId)
    {
        lock (_gate)
        {
            _current.Ids.Add(messageId);
            return new Pending(this, _current, messageId);
        }
    }

    private Task<Dictionary<string, double?>> RunAsync(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (batch.Query is null)
            {
                if (ReferenceEquals(batch, _current))
                {
                    _current = new Batch();
                }

                batch.Query = QueryAsync(batch.Ids, cancellationToken);
            }

            return batch.Query;
        }
    }

    private async Task<Dictionary<string, double?>> QueryAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("ids", ids.ToArray());
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.QueryTimeoutSeconds));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(timeout + TimeSpan.FromSeconds(1));
        var queryOptions = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_execution_time"] = (int)timeout.TotalSeconds } };
        var lags = new Dictionary<string, double?>(StringComparer.Ordinal);
        using var reader = await clickHouse.ExecuteReaderAsync(Sql, parameters, queryOptions, cancel.Token);
        while (await reader.ReadAsync(cancel.Token))
        {
            lags[reader.GetString(0)] = reader.IsDBNull(1) ? null : Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return lags;
    }

    private sealed class Batch
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public Task<Dictionary<string, double?>>? Query { get; set; }
    }

    private sealed class Pending(SourceFinalityLoader loader, Batch batch, string messageId) : IDataLoaderResult<double?>
    {
        public async Task<double?> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await loader.RunAsync(batch, cancellationToken)).GetValueOrDefault(messageId);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
