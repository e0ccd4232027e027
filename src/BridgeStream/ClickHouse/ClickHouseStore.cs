using System.Data.Common;
using System.Numerics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.ClickHouse;

/// <summary>
/// The processor's and ingestors' durable state in ClickHouse: events, message rows, dead letters, checkpoints.
/// One thread-safe client per process; inserts are batched RowBinary (InsertBinaryAsync).
/// </summary>
public sealed class ClickHouseStore
{
    private const int IdsPerLookup = 1000;
    private static readonly InsertOptions Uncompressed = new() { Compressor = null };
    private readonly ClickHouseClient _client;

    public ClickHouseStore(ClickHouseClient client) => _client = client;

    public ClickHouseClient Client => _client;

    public Task InsertEventsAsync(IReadOnlyCollection<BridgeEvent> events, CancellationToken ct) =>
        events.Count == 0 ? Task.CompletedTask
        : _client.InsertBinaryAsync("bridge_events", ClickHouseRows.EventColumns, events.Select(ClickHouseRows.Event), Uncompressed, ct);

    public Task UpsertMessagesAsync(IReadOnlyCollection<MessageRecord> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = DateTime.UtcNow;
        return _client.InsertBinaryAsync("messages", ClickHouseRows.MessageColumns, messages.Select(m => ClickHouseRows.Message(m, now)), Uncompressed, ct);
    }

    /// <summary>The stored state of these messages, for the ones that exist.</summary>
    public async Task<Dictionary<Hash32, MessageRecord>> LoadMessagesAsync(IReadOnlyCollection<Hash32> ids, CancellationToken ct)
    {
        var found = new Dictionary<Hash32, MessageRecord>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerLookup))
        {
            await LoadChunkAsync(chunk, found, ct).ConfigureAwait(false);
        }

        return found;
    }

    // The ids go into the POSTed SQL as literals, not into a query parameter: parameters travel in the URL, and a
    // correlator batch's ids (thousands x 66 characters) exceed URL limits (HTTP 414). Hash32 always prints as 0x + 64
    // hex digits, so the literals are safe; chunks keep each statement well under ClickHouse's max_query_size (256 KiB).
    private async Task LoadChunkAsync(Hash32[] ids, Dictionary<Hash32, MessageRecord> found, CancellationToken ct)
    {
        var idList = string.Join(",", ids.Select(id => $"'{id}'"));
        using var reader = await _client.ExecuteReaderAsync(
            $"""
            SELECT message_id, protocol, source_chain_id, destination_chain_id, sender, target, value, message_nonce, gas_limit,
                   source_tx_hash, source_block_number, source_block_hash, source_log_index, toUnixTimestamp(sent_at),
                   destination_tx_hash, destination_block_number, destination_block_hash, destination_log_index, toUnixTimestamp(delivered_at),
                   failed_attempts, toUnixTimestamp(last_failed_at), toInt64(toUnixTimestamp64Nano(first_observed_at)), kafka_partition, version
            FROM messages FINAL
            WHERE message_id IN ({idList})
            """, null, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var record = ReadMessage(reader);
            found[record.MessageId] = record;
        }
    }

    private static MessageRecord ReadMessage(DbDataReader r)
    {
        var record = new MessageRecord(Hash32.Parse(r.GetString(0)), ClickHouseRows.ParseProtocol(r.GetString(1)))
        {
            SourceChainId = Convert.ToUInt64(r.GetValue(2)),
            DestinationChainId = Convert.ToUInt64(r.GetValue(3)),
            Value = Hash32.FromBigInteger((BigInteger)r.GetValue(6)),
            MessageNonce = Hash32.FromBigInteger((BigInteger)r.GetValue(7)),
            GasLimit = Convert.ToUInt64(r.GetValue(8)),
            FailedAttempts = Convert.ToUInt32(r.GetValue(19)),
            FirstObservedUnixNanos = Convert.ToInt64(r.GetValue(21)),
            Partition = Convert.ToInt32(r.GetValue(22)),
            Offset = (long)Convert.ToUInt64(r.GetValue(23)) - 1,
        };
        if (Address.TryParse(r.GetString(4), out var sender) && Address.TryParse(r.GetString(5), out var target))
        {
            record.Sender = sender;
            record.Target = target;
        }

        record.Send = ReadRef(r, 9, record.SourceChainId);
        record.Delivery = ReadRef(r, 14, record.DestinationChainId);
        if (!r.IsDBNull(20))
        {
            // Only the time of the last failure is needed again (to keep the latest); its position is in bridge_events.
            record.LastFailure = new EventRef(record.DestinationChainId, 0, default, default, 0, Convert.ToInt64(r.GetValue(20)));
        }

        return record;
    }

    // Columns from `first`: tx hash, block number, block hash, log index, unix time (nullable: no event yet).
    private static EventRef? ReadRef(DbDataReader r, int first, ulong chainId) =>
        r.IsDBNull(first + 4) ? null
        : new EventRef(
            chainId,
            Convert.ToUInt64(r.GetValue(first + 1)),
            ClickHouseRows.ParseHashOrZero(r.GetString(first + 2)),
            ClickHouseRows.ParseHashOrZero(r.GetString(first)),
            Convert.ToUInt32(r.GetValue(first + 3)),
            Convert.ToInt64(r.GetValue(first + 4)));

    public Task InsertDeadLettersAsync(IReadOnlyCollection<object[]> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask
        : _client.InsertBinaryAsync(
            "dead_letters",
            ["at", "stage", "chain_id", "block_number", "block_hash", "tx_hash", "log_index", "emitter", "topics", "data", "reason"],
            rows, Uncompressed, ct);

    public async Task<(ulong BlockNumber, Hash32 BlockHash)?> GetCheckpointAsync(ulong chainId, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("chain", chainId);
        using var reader = await _client.ExecuteReaderAsync(
            "SELECT block_number, block_hash FROM ingest_checkpoints FINAL WHERE chain_id = {chain:UInt64}", parameters, null, ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? (Convert.ToUInt64(reader.GetValue(0)), ClickHouseRows.ParseHashOrZero(reader.GetString(1)))
            : null;
    }

    public Task SaveCheckpointAsync(ulong chainId, ulong blockNumber, Hash32 blockHash, CancellationToken ct) =>
        _client.InsertBinaryAsync(
            "ingest_checkpoints", ["chain_id", "block_number", "block_hash", "updated_at"],
            [[chainId, blockNumber, blockHash.ToString(), DateTime.UtcNow]], Uncompressed, ct);
}
