using System.Data.Common;
using System.Numerics;
using BridgeStream.Core.Analytics;
using BridgeStream.Core.Chains;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
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
    // Uncompressed: the embedded server is on loopback and zstd costs CPU on both ends. The table schema is cached (the
    // driver otherwise asks ClickHouse for the column types before every insert: one extra statement each time), and rows
    // go in requests of at most 8192, whose row buffers stay out of the large-object heap.
    private static readonly InsertOptions Uncompressed = new() { Compressor = null, UseSchemaCache = true, BatchSize = 8192 };
    private readonly ClickHouseClient _client;
    private readonly TimingTable _timing;
    private readonly StoredFacts _storedFacts = new();

    public ClickHouseStore(ClickHouseClient client, TimingTable? timing = null)
    {
        _client = client;
        _timing = timing ?? TimingTable.Empty;
    }

    public ClickHouseClient Client => _client;

    /// <summary>Events with their version (Kafka offset + 1): a retraction's higher version deletes its orphaned event.</summary>
    public Task InsertEventsAsync(IReadOnlyCollection<(BridgeEvent Event, ulong Version)> events, CancellationToken ct) =>
        events.Count == 0 ? Task.CompletedTask
        : _client.InsertBinaryAsync("bridge_events", ClickHouseRows.EventColumns, events.Select(e => ClickHouseRows.Event(e.Event, e.Version)), Uncompressed, ct);

    /// <summary>
    /// Writes a new version of each message. Each row carries the change in the message's analytics facts since the state
    /// this store last read or wrote for that record (none for a record it never saw: a new message), which the analytics
    /// views of migration 0006 sum; a failed insert remembers nothing, so a retry from reloaded state writes the right change.
    /// </summary>
    public async Task UpsertMessagesAsync(IReadOnlyCollection<MessageRecord> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var now = DateTime.UtcNow;
        var rows = messages.Select(m => (Message: m, Deadlines: Deadlines(m))).Select(r => (r.Message, r.Deadlines, Facts: AnalyticsFacts.Of(r.Message, r.Deadlines))).ToList();
        await _client.InsertBinaryAsync(
            "messages", ClickHouseRows.MessageColumns,
            rows.Select(r => ClickHouseRows.Message(r.Message, r.Deadlines, now, AnalyticsFacts.Delta(_storedFacts.Of(r.Message), r.Facts))),
            Uncompressed, ct).ConfigureAwait(false);
        foreach (var (message, _, stored) in rows)
        {
            _storedFacts.Remember(message, stored);
        }
    }

    private MessageDeadlines Deadlines(MessageRecord message) =>
        message.Protocol == Protocol.Unspecified ? MessageDeadlines.None : ProtocolCatalog.Module(message.Protocol).Deadlines(message, _timing);

    /// <summary>
    /// The stored state of these messages, for the ones that exist: the highest version of each row, read without FINAL
    /// (cheaper: the primary key finds the rows, no merge at read time), and including a row written as deleted (every
    /// step retracted): its Kafka offset still guards against a replay of the events it undid.
    /// </summary>
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
                   asset, amount, step_kinds, step_chain_ids, step_block_numbers, step_block_hashes, step_tx_hashes,
                   step_log_indexes, step_block_times, toInt64(toUnixTimestamp64Nano(first_observed_at)), kafka_partition, version,
                   step_emitters, carried_message_id, toUnixTimestamp(finalizable_at), toUnixTimestamp(expires_at)
            FROM messages
            WHERE message_id IN ({idList})
            ORDER BY message_id, version DESC
            LIMIT 1 BY message_id
            """, null, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var record = ReadMessage(reader);
            // The facts as stored: with the deadlines that row was written with (configuration may have changed since).
            var stored = new MessageDeadlines(reader.IsDBNull(23) ? null : Convert.ToInt64(reader.GetValue(23)), reader.IsDBNull(24) ? null : Convert.ToInt64(reader.GetValue(24)));
            _storedFacts.Remember(record, AnalyticsFacts.Of(record, stored));
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
            Amount = Hash32.FromBigInteger((BigInteger)r.GetValue(10)),
            FirstObservedUnixNanos = Convert.ToInt64(r.GetValue(18)),
            Partition = Convert.ToInt32(r.GetValue(19)),
            Offset = (long)Convert.ToUInt64(r.GetValue(20)) - 1,
        };
        if (Address.TryParse(r.GetString(4), out var sender) && Address.TryParse(r.GetString(5), out var target))
        {
            record.Sender = sender;
            record.Target = target;
        }

        if (Address.TryParse(r.GetString(9), out var asset))
        {
            record.Asset = asset;
        }

        record.CarriedMessageId = ClickHouseRows.ParseHashOrZero(r.GetString(22));

        RestoreSteps(record, r);
        return record;
    }

    private static void RestoreSteps(MessageRecord record, DbDataReader r)
    {
        var kinds = (string[])r.GetValue(11);
        var chains = (ulong[])r.GetValue(12);
        var blocks = (ulong[])r.GetValue(13);
        var blockHashes = (string[])r.GetValue(14);
        var txHashes = (string[])r.GetValue(15);
        var logIndexes = (uint[])r.GetValue(16);
        var times = (long[])r.GetValue(17);
        var emitters = (string[])r.GetValue(21);
        for (var i = 0; i < kinds.Length; i++)
        {
            // Rows written before migration 0004 have no emitters.
            var emitter = i < emitters.Length && Address.TryParse(emitters[i], out var parsed) ? parsed : default;
            record.Restore(new MessageStep(
                ClickHouseRows.ParseKind(kinds[i]),
                new EventRef(chains[i], blocks[i], ClickHouseRows.ParseHashOrZero(blockHashes[i]), ClickHouseRows.ParseHashOrZero(txHashes[i]), logIndexes[i], times[i], emitter)));
        }
    }

    public Task InsertDeadLettersAsync(IReadOnlyCollection<object[]> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask
        : _client.InsertBinaryAsync(
            "dead_letters",
            ["at", "stage", "chain_id", "block_number", "block_hash", "tx_hash", "log_index", "emitter", "topics", "data", "reason"],
            rows, Uncompressed, ct);

    /// <summary>Records blocks taken as canonical with the events published from them (the reorg window, durable).</summary>
    public Task SaveBlocksAsync(ulong chainId, IReadOnlyCollection<TrackedBlock> blocks, CancellationToken ct)
    {
        if (blocks.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = DateTime.UtcNow;
        return _client.InsertBinaryAsync(
            "ingest_blocks",
            ["chain_id", "block_number", "block_hash", "parent_hash", "block_time", "event_keys", "event_protocols", "event_tx_hashes", "event_log_indexes", "updated_at"],
            blocks.Select(b => new object[]
            {
                chainId, b.Number, b.Hash.ToString(), b.ParentHash.ToString(), ClickHouseRows.FromUnixSeconds(b.Timestamp),
                b.Events.Select(e => e.CorrelationKey.ToString()).ToArray(),
                b.Events.Select(e => e.Settlement ? PublishedEvent.SettlementStream : ClickHouseRows.ProtocolName(e.Protocol)).ToArray(),
                b.Events.Select(e => e.TransactionHash.ToString()).ToArray(), b.Events.Select(e => e.LogIndex).ToArray(), now,
            }),
            Uncompressed, ct);
    }

    /// <summary>The tracked blocks of a chain in [from, to], lowest first.</summary>
    public async Task<List<TrackedBlock>> LoadBlocksAsync(ulong chainId, ulong from, ulong to, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("chain", chainId);
        parameters.AddParameter("from", from);
        parameters.AddParameter("to", to);
        using var reader = await _client.ExecuteReaderAsync(
            """
            SELECT block_number, block_hash, parent_hash, toInt64(toUnixTimestamp(block_time)), event_keys, event_protocols, event_tx_hashes, event_log_indexes
            FROM ingest_blocks FINAL
            WHERE chain_id = {chain:UInt64} AND block_number BETWEEN {from:UInt64} AND {to:UInt64}
            ORDER BY block_number
            """, parameters, null, ct).ConfigureAwait(false);
        var blocks = new List<TrackedBlock>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var keys = (string[])reader.GetValue(4);
            var protocols = (string[])reader.GetValue(5);
            var txs = (string[])reader.GetValue(6);
            var indexes = (uint[])reader.GetValue(7);
            var events = keys.Select((k, i) => new PublishedEvent(
                Hash32.Parse(k), ClickHouseRows.ParseProtocol(protocols[i]), Hash32.Parse(txs[i]), indexes[i], protocols[i] == PublishedEvent.SettlementStream)).ToList();
            blocks.Add(new TrackedBlock(
                Convert.ToUInt64(reader.GetValue(0)), Hash32.Parse(reader.GetString(1)), Hash32.Parse(reader.GetString(2)), Convert.ToInt64(reader.GetValue(3)), events));
        }

        return blocks;
    }

    public Task InsertChainHeadsAsync(IReadOnlyCollection<object[]> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask
        : _client.InsertBinaryAsync(
            "chain_heads",
            ["chain_id", "observed_at", "latest_number", "latest_hash", "latest_time", "safe_number", "safe_time", "finalized_number", "finalized_time"],
            rows, Uncompressed, ct);

    public Task InsertSettlementsAsync(IReadOnlyCollection<object[]> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : _client.InsertBinaryAsync("rollup_settlement", ClickHouseRows.SettlementColumns, rows, Uncompressed, ct);

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
