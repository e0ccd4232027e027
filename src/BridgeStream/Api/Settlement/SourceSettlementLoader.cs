using GraphQL.DataLoader;

namespace BridgeStream.Api.Settlement;

/// <summary>
/// Batches <c>Message.sourceSettlement</c> for one request like <see cref="MessageHistoryLoader"/>: every message of a
/// page records its id, and the first pending result runs one ClickHouse query for all of them. Scoped.
/// </summary>
public sealed class SourceSettlementLoader(SettlementQueries queries)
{
    private readonly Lock gate = new();
    private Batch current = new();

    public IDataLoaderResult<SourceSettlement?> Load(string messageId)
    {
        lock (gate)
        {
            current.Ids.Add(messageId);
            return new Pending(this, current, messageId);
        }
    }

    private Task<Dictionary<string, SourceSettlement>> RunAsync(Batch batch, CancellationToken ct)
    {
        lock (gate)
        {
            if (batch.Query is null)
            {
                if (ReferenceEquals(batch, current))
                {
                    current = new Batch();
                }

                batch.Query = queries.SourceSettlementsAsync(batch.Ids, ct);
            }

            return batch.Query;
        }
    }

    private sealed class Batch
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public Task<Dictionary<string, SourceSettlement>>? Query { get; set; }
    }

    private sealed class Pending(SourceSettlementLoader loader, Batch batch, string messageId) : IDataLoaderResult<SourceSettlement?>
    {
        public async Task<SourceSettlement?> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await loader.RunAsync(batch, cancellationToken)).GetValueOrDefault(messageId);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
