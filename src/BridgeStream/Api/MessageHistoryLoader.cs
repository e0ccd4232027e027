using GraphQL.DataLoader;

namespace BridgeStream.Api;

/// <summary>
/// Batches <c>Message.history</c> for one request: every message of a page asks <see cref="Load"/>, which only
/// records the id; GraphQL.NET resolves the pending results after the whole level is visited, and the first of them
/// runs one ClickHouse query (<c>IN</c> over all recorded ids) that answers them all. Ids recorded after that query
/// started go into the next batch. Scoped: one per HTTP request or WebSocket connection.
/// </summary>
public sealed class MessageHistoryLoader(MessageQueries queries)
{
    private readonly Lock gate = new();
    private Batch current = new();

    public IDataLoaderResult<IReadOnlyList<HistoryStep>> Load(string messageId)
    {
        lock (gate)
        {
            current.Ids.Add(messageId);
            return new PendingHistory(this, current, messageId);
        }
    }

    private Task<ILookup<string, HistoryStep>> RunAsync(Batch batch, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (batch.Query is null)
            {
                if (ReferenceEquals(batch, current))
                {
                    current = new Batch();
                }

                batch.Query = queries.HistoryAsync(batch.Ids, cancellationToken);
            }

            return batch.Query;
        }
    }

    private sealed class Batch
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public Task<ILookup<string, HistoryStep>>? Query { get; set; }
    }

    private sealed class PendingHistory(MessageHistoryLoader loader, Batch batch, string messageId)
        : IDataLoaderResult<IReadOnlyList<HistoryStep>>
    {
        public async Task<IReadOnlyList<HistoryStep>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var steps = await loader.RunAsync(batch, cancellationToken);
            return [.. steps[messageId]];
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
