using BridgeStream.Core.Events;
using BridgeStream.Rpc;

namespace BridgeStream.Ingest;

/// <summary>
/// Block timestamps for logs whose node did not include them: fetched in one batch request per range, remembered
/// for the most recent blocks (sends and receives cluster in few blocks).
/// </summary>
internal sealed class BlockTimestampCache
{
    private const int Capacity = 4096;
    private readonly Dictionary<ulong, long> _timestamps = [];
    private readonly Queue<ulong> _order = new();

    public async Task FillAsync(JsonRpcClient rpc, List<RawLog> logs, CancellationToken ct)
    {
        var missing = logs.Where(l => l.BlockTimestamp == 0 && !_timestamps.ContainsKey(l.BlockNumber))
            .Select(l => l.BlockNumber).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            foreach (var header in await rpc.GetHeadersAsync(chunk, ct).ConfigureAwait(false))
            {
                Remember(header.Number, header.Timestamp);
            }
        }

        foreach (var log in logs)
        {
            if (log.BlockTimestamp == 0 && _timestamps.TryGetValue(log.BlockNumber, out var timestamp))
            {
                log.BlockTimestamp = timestamp;
            }
            else if (log.BlockTimestamp != 0)
            {
                Remember(log.BlockNumber, log.BlockTimestamp);
            }
        }
    }

    public void Remember(ulong block, long timestamp)
    {
        if (_timestamps.TryAdd(block, timestamp))
        {
            _order.Enqueue(block);
            if (_order.Count > Capacity)
            {
                _timestamps.Remove(_order.Dequeue());
            }
        }
    }
}
