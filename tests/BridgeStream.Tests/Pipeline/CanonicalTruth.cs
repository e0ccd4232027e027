using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Events;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Devnet;
using BridgeStream.Hosting;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// What the messages' state must be, computed straight from the nodes' current canonical chains (all bridge logs from
/// block 0, and every OP Stack L2 block's deposit transactions), with no Kafka, checkpoint or retraction involved. After a reorg ClickHouse must equal this.
/// </summary>
internal static class CanonicalTruth
{
    public static async Task<Dictionary<string, MessageRecord>> ComputeAsync(PipelineHarness harness, CancellationToken ct)
    {
        var chains = ChainsConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(harness.Settings).Build());
        var contracts = ChainsConfiguration.Directory(chains);
        var decoder = ChainsConfiguration.Decoder();
        var records = new Dictionary<Hash32, MessageRecord>();
        var offset = 0L;
        void Apply(BridgeEvent e)
        {
            if (!records.TryGetValue(e.CorrelationKey, out var record))
            {
                records[e.CorrelationKey] = record = new MessageRecord(e.CorrelationKey, e.Protocol);
            }

            record.Apply(e, 0, offset++);
        }

        using var http = new HttpClient();
        foreach (var chain in chains)
        {
            // Straight from the node, not through whatever endpoints the test configured for the ingestors.
            var rpc = new JsonRpcClient(http, [harness.Devnet.Deployment.Chain((long)chain.ChainId).RpcUrl], chain.ChainId, NullLogger.Instance);
            var head = await rpc.BlockNumberAsync(ct);
            var logs = await rpc.GetLogsAsync(0, head, [.. contracts.OnChain(chain.ChainId).Select(c => c.Address)], decoder.Topics, ct);
            var timestamps = (await rpc.GetHeadersAsync(logs.Select(l => l.BlockNumber).Distinct().ToList(), ct)).ToDictionary(h => h.Number, h => h.Timestamp);
            foreach (var log in logs)
            {
                log.BlockTimestamp = timestamps[log.BlockNumber];
            }

            var sink = new CollectingSink();
            decoder.Decode(logs, new DecodeContext(chain.ChainId, contracts, 1), sink);
            foreach (var e in sink.Events)
            {
                Apply(e);
            }

            // An OP Stack L2's portal deposits arrive as deposit transactions, found in every block.
            if (chain.DepositsFromChainId is { } l1)
            {
                var blocks = await rpc.GetDepositBlocksAsync([.. Enumerable.Range(0, (int)head + 1).Select(n => (ulong)n)], ct);
                var statuses = await rpc.GetReceiptStatusesAsync([.. blocks.SelectMany(b => b.Deposits.Select(d => d.Hash))], ct);
                foreach (var block in blocks)
                {
                    foreach (var deposit in block.Deposits)
                    {
                        Apply(DepositArrival.Event(chain.ChainId, l1, block.Number, block.Hash, block.Timestamp, deposit.Hash, deposit.To, statuses[deposit.Hash], 1));
                    }
                }
            }
        }

        return records.ToDictionary(r => r.Key.ToString(), r => r.Value);
    }

    // Every row ever written for the message's events, deleted ones included: what went where, for a failure message.
    private static async Task<string> EventsOfAsync(PipelineHarness harness, string id, CancellationToken ct)
    {
        var rows = new List<string>();
        using var reader = await harness.ClickHouse.ExecuteReaderAsync(
            $"SELECT chain_id, block_number, block_hash, tx_hash, kind, version, is_deleted FROM bridge_events WHERE correlation_key = '{id}' ORDER BY version", null, null, ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add($"[chain {reader.GetValue(0)} block {reader.GetValue(1)} {reader.GetString(2)[..10]} tx {reader.GetString(3)[..10]} {reader.GetString(4)} v{reader.GetValue(5)} del={reader.GetValue(6)}]");
        }

        return string.Join(" ", rows);
    }

    /// <summary>True when ClickHouse holds exactly the canonical messages, with their status, transactions and attempts.</summary>
    public static async Task<(bool Equal, string Difference)> CompareAsync(PipelineHarness harness, CancellationToken ct)
    {
        var truth = await ComputeAsync(harness, ct);
        var stored = new Dictionary<string, (string Status, string SourceTx, string DestinationTx, uint Failed)>();
        using (var reader = await harness.ClickHouse.ExecuteReaderAsync(
            "SELECT message_id, status, source_tx_hash, destination_tx_hash, failed_attempts FROM messages FINAL", null, null, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                stored[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3), Convert.ToUInt32(reader.GetValue(4)));
            }
        }

        foreach (var (id, record) in truth)
        {
            var expected = (Status: BridgeStream.ClickHouse.ClickHouseRows.StatusName(record.Status), SourceTx: record.Send?.TransactionHash.ToString() ?? "",
                DestinationTx: record.Delivery?.TransactionHash.ToString() ?? "", Failed: record.FailedAttempts);
            if (!stored.TryGetValue(id, out var actual) || actual != expected)
            {
                return (false, $"message {id}: expected {expected}, stored {(stored.ContainsKey(id) ? actual.ToString() : "nothing")}; its events: {await EventsOfAsync(harness, id, ct)}");
            }
        }

        var extra = stored.Keys.Except(truth.Keys).ToList();
        if (extra.Count > 0)
        {
            return (false, $"{extra.Count} stored messages are not on the canonical chains, e.g. {extra[0]}: {stored[extra[0]]}; its events: {await EventsOfAsync(harness, extra[0], ct)}");
        }

        return extra.Count == 0 ? (true, "") : (false, $"{extra.Count} stored messages are not on the canonical chains, e.g. {extra[0]}: {stored[extra[0]]}");
    }
}
