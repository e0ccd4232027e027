using System.Globalization;
using System.Numerics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Alerting;

/// <summary>
/// The alerting's reads and writes in ClickHouse: alert changes (alerts, alert_state), the outbox acknowledgements
/// (alert_deliveries), and what the rules look at: open messages, chain progress, route latencies and value in flight.
/// </summary>
public sealed class AlertStore(ClickHouseClient client)
{
    private static readonly InsertOptions Uncompressed = new() { Compressor = null };

    /// <summary>Records changes: history first, then the current state. Idempotent: a retry writes the same rows.</summary>
    public async Task SaveAsync(IReadOnlyCollection<AlertChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }

        await client.InsertBinaryAsync("alerts", AlertRows.ChangeColumns, changes.Select(AlertRows.Change), Uncompressed, ct).ConfigureAwait(false);
        // Only the newest change per key: a batch can hold an alert's firing and its resolution.
        var latest = changes.GroupBy(c => c.DedupKey, StringComparer.Ordinal).Select(g => g.MaxBy(c => c.Version)!);
        await client.InsertBinaryAsync("alert_state", AlertRows.StateColumns, latest.Select(AlertRows.State), Uncompressed, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The pending and firing alerts these partitions own (<see cref="GlobalAlerts.GlobalPartition"/> for chain and route
    /// alerts): the newest change per alert from alert_state, and from the recent history too, since a crash between the
    /// two writes of <see cref="SaveAsync"/> leaves a change in the history only.
    /// </summary>
    public async Task<List<AlertChange>> LoadActiveAsync(IReadOnlyCollection<int> partitions, CancellationToken ct, TimeSpan? recent = null)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("since", DateTime.UtcNow - (recent ?? TimeSpan.FromDays(1)));
        var newest = new Dictionary<string, AlertChange>(StringComparer.Ordinal);
        foreach (var sql in new[]
        {
            $"SELECT {AlertRows.SelectList} FROM alert_state FINAL WHERE kafka_partition IN ({List(partitions)})",
            $"SELECT {AlertRows.SelectList} FROM alerts FINAL WHERE kafka_partition IN ({List(partitions)}) AND changed_at >= {{since:DateTime64(3)}}",
        })
        {
            using var reader = await client.ExecuteReaderAsync(sql, parameters, null, ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var change = AlertRows.Read(reader);
                if (!newest.TryGetValue(change.DedupKey, out var held) || change.Version > held.Version)
                {
                    newest[change.DedupKey] = change;
                }
            }
        }

        return [.. newest.Values.Where(c => c.State != AlertState.Resolved)];
    }

    /// <summary>Every message of one partition that is not delivered, as the alerting keeps it.</summary>
    public async Task<int> LoadOpenMessagesAsync(int partition, Action<OpenMessage> onMessage, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("partition", partition);
        using var reader = await client.ExecuteReaderAsync(
            """
            SELECT message_id, protocol, status, source_chain_id, destination_chain_id,
                   toInt64(ifNull(toUnixTimestamp64Milli(sent_at), -9223372036854775808)),
                   toInt64(ifNull(toUnixTimestamp64Milli(coalesce(last_failed_at, arrived_at)), -9223372036854775808)),
                   toInt64(ifNull(toUnixTimestamp64Milli(finalizable_at), -9223372036854775808)),
                   toInt64(ifNull(toUnixTimestamp64Milli(expires_at), -9223372036854775808)),
                   version, carried_message_id != ''
            FROM messages FINAL
            WHERE kafka_partition = {partition:Int32} AND status != 'DELIVERED'
            """, parameters, null, ct).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            onMessage(new OpenMessage
            {
                Id = Hash32.Parse(reader.GetString(0)),
                Protocol = ClickHouseRows.ParseProtocol(reader.GetString(1)),
                Status = ParseStatus(reader.GetString(2)),
                Source = Convert.ToUInt64(reader.GetValue(3)),
                Destination = Convert.ToUInt64(reader.GetValue(4)),
                SentAtMs = Convert.ToInt64(reader.GetValue(5)),
                DestinationStepAtMs = Convert.ToInt64(reader.GetValue(6)),
                FinalizableAtMs = Convert.ToInt64(reader.GetValue(7)),
                ExpiresAtMs = Convert.ToInt64(reader.GetValue(8)),
                Version = Convert.ToUInt64(reader.GetValue(9)),
                CarriesMessage = Convert.ToBoolean(reader.GetValue(10)),
                Partition = partition,
            });
            count++;
        }

        return count;
    }

    /// <summary>
    /// Every followed chain's checkpoint (with its block's time) and newest head observation within <paramref name="lookback"/>,
    /// and when its current finalized head was first observed.
    /// </summary>
    public async Task<List<(ChainProgress Progress, ChainSnapshot Snapshot)>> ReadChainsAsync(DateTime now, TimeSpan lookback, CancellationToken ct)
    {
        var since = now - lookback;
        var checkpoints = new Dictionary<ulong, (ulong Block, long WrittenMs, long BlockTimeMs)>();
        using (var reader = await client.ExecuteReaderAsync(
            """
            SELECT c.chain_id, c.block_number, toInt64(toUnixTimestamp64Milli(c.updated_at)), toInt64(toUnixTimestamp(b.block_time)) * 1000
            FROM (SELECT chain_id, block_number, updated_at FROM ingest_checkpoints FINAL) AS c
            LEFT JOIN
            (
                SELECT chain_id, block_number, block_time FROM ingest_blocks FINAL
                WHERE (chain_id, block_number) IN (SELECT chain_id, block_number FROM ingest_checkpoints FINAL)
            ) AS b ON b.chain_id = c.chain_id AND b.block_number = c.block_number
            """, null, null, ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                checkpoints[Convert.ToUInt64(reader.GetValue(0))] = (Convert.ToUInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3)));
            }
        }

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("since", since);
        var heads = new Dictionary<ulong, (long ObservedMs, ulong Latest, long LatestMs, ulong Finalized)>();
        using (var reader = await client.ExecuteReaderAsync(
            """
            SELECT chain_id, toInt64(toUnixTimestamp64Milli(observed_at)), latest_number, toInt64(toUnixTimestamp(latest_time)) * 1000, finalized_number
            FROM chain_heads
            WHERE observed_at >= {since:DateTime64(3)}
            ORDER BY chain_id, observed_at DESC, latest_number DESC
            LIMIT 1 BY chain_id
            """, parameters, null, ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                heads[Convert.ToUInt64(reader.GetValue(0))] = (Convert.ToInt64(reader.GetValue(1)), Convert.ToUInt64(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3)), Convert.ToUInt64(reader.GetValue(4)));
            }
        }

        var finalizedSince = new Dictionary<ulong, long>();
        using (var reader = await client.ExecuteReaderAsync(
            """
            SELECT chain_id, finalized_number, toInt64(toUnixTimestamp64Milli(min(observed_at)))
            FROM chain_heads
            WHERE observed_at >= {since:DateTime64(3)} AND finalized_number > 0
            GROUP BY chain_id, finalized_number
            ORDER BY chain_id, finalized_number DESC
            LIMIT 1 BY chain_id
            """, parameters, null, ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                finalizedSince[Convert.ToUInt64(reader.GetValue(0))] = Convert.ToInt64(reader.GetValue(2));
            }
        }

        var sinceMs = new DateTimeOffset(since, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var chains = new List<(ChainProgress, ChainSnapshot)>();
        foreach (var chainId in checkpoints.Keys.Union(heads.Keys).Order())
        {
            var hasCheckpoint = checkpoints.TryGetValue(chainId, out var cp);
            // A chain with a checkpoint but no head observation in the look-back is silent for at least that long.
            (long ObservedMs, ulong Latest, long LatestMs, ulong Finalized) head = heads.TryGetValue(chainId, out var h) ? h : (sinceMs, cp.Block, sinceMs, 0UL);
            var progress = new ChainProgress(chainId, cp.Block, cp.BlockTimeMs, hasCheckpoint ? cp.WrittenMs : long.MaxValue, head.Latest, head.ObservedMs);
            var snapshot = new ChainSnapshot(chainId, head.ObservedMs, head.Latest, head.LatestMs, head.Finalized,
                finalizedSince.TryGetValue(chainId, out var fs) ? fs : sinceMs, hasCheckpoint ? cp.Block : null, hasCheckpoint && cp.BlockTimeMs > 0 ? cp.BlockTimeMs : null);
            chains.Add((progress, snapshot));
        }

        return chains;
    }

    /// <summary>
    /// Every rollup with settlement steps on L1 (migration 0007's rollup_settlement_steps, derived confirmations included):
    /// its newest settling step and its first step, with the ingestion time of its L1 from <paramref name="chains"/>.
    /// </summary>
    public async Task<List<RollupSettlementSnapshot>> ReadSettlementAsync(IReadOnlyList<ChainSnapshot> chains, CancellationToken ct)
    {
        var ingested = chains.Where(c => c.CheckpointTimeMs is not null).ToDictionary(c => c.ChainId, c => c.CheckpointTimeMs!.Value);
        using var reader = await client.ExecuteReaderAsync(
            """
            SELECT rollup_chain_id, any(l1_chain_id), toUnixTimestamp64Milli(maxIfOrNull(at, settles = 1)),
                   maxIfOrNull(l2_block_to, settles = 1), toInt64(toUnixTimestamp64Milli(min(at)))
            FROM rollup_settlement_steps
            GROUP BY rollup_chain_id
            ORDER BY rollup_chain_id
            """, null, null, ct).ConfigureAwait(false);
        var rollups = new List<RollupSettlementSnapshot>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var l1 = Convert.ToUInt64(reader.GetValue(1));
            rollups.Add(new RollupSettlementSnapshot(
                Convert.ToUInt64(reader.GetValue(0)), l1,
                reader.IsDBNull(2) ? null : Convert.ToInt64(reader.GetValue(2)),
                reader.IsDBNull(3) ? null : Convert.ToUInt64(reader.GetValue(3)),
                Convert.ToInt64(reader.GetValue(4)),
                ingested.TryGetValue(l1, out var through) ? through : null));
        }

        return rollups;
    }

    /// <summary>Per route, the <paramref name="quantile"/> of the delivery latency of messages delivered since <paramref name="since"/>.</summary>
    public async Task<List<RouteLatency>> ReadLatenciesAsync(double quantile, DateTime since, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("since", since);
        var q = quantile.ToString("0.#########", CultureInfo.InvariantCulture);
        using var reader = await client.ExecuteReaderAsync(
            $"""
            SELECT protocol, source_chain_id, destination_chain_id, quantile({q})(latency_seconds), count()
            FROM messages FINAL
            WHERE status = 'DELIVERED' AND latency_seconds IS NOT NULL AND delivered_at >= {"{since:DateTime64(3)}"}
            GROUP BY protocol, source_chain_id, destination_chain_id
            """, parameters, null, ct).ConfigureAwait(false);
        var latencies = new List<RouteLatency>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            latencies.Add(new RouteLatency(
                new RouteKey(ClickHouseRows.ParseProtocol(reader.GetString(0)), Convert.ToUInt64(reader.GetValue(1)), Convert.ToUInt64(reader.GetValue(2))),
                Convert.ToDouble(reader.GetValue(3)), Convert.ToInt64(reader.GetValue(4))));
        }

        return latencies;
    }

    /// <summary>Per route, the value (or a token's amount) of the messages matching the rule that are not delivered.</summary>
    public async Task<List<RouteValue>> ReadValueInFlightAsync(AlertRule rule, IReadOnlySet<ulong> l1ChainIds, DateTime now, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        var where = new List<string> { "status IN ('SENT', 'ARRIVED', 'FAILED', 'PROVEN')" };
        if (rule.Asset is { } asset)
        {
            parameters.AddParameter("asset", asset.ToString());
            where.Add("asset = {asset:String}");
        }

        if (rule.MinAge > TimeSpan.Zero)
        {
            parameters.AddParameter("cutoff", now - rule.MinAge);
            where.Add("sent_at <= {cutoff:DateTime64(3)}");
        }

        var match = rule.Match;
        AddIn(where, "protocol", match.Protocols?.Select(p => $"'{ClickHouseRows.ProtocolName(p)}'"), negate: false);
        AddIn(where, "protocol", match.ExcludeProtocols?.Select(p => $"'{ClickHouseRows.ProtocolName(p)}'"), negate: true);
        AddIn(where, "source_chain_id", match.SourceChainIds?.Select(Invariant), negate: false);
        AddIn(where, "source_chain_id", match.ExcludeSourceChainIds?.Select(Invariant), negate: true);
        AddIn(where, "destination_chain_id", match.DestinationChainIds?.Select(Invariant), negate: false);
        AddIn(where, "destination_chain_id", match.ExcludeDestinationChainIds?.Select(Invariant), negate: true);
        if (match.Withdrawals != WithdrawalScope.Include)
        {
            var l1 = l1ChainIds.Count == 0 ? "0" : string.Join(",", l1ChainIds.Select(Invariant));
            var native = string.Join(",", ProtocolCatalog.All.Where(m => m.ProofSystem is ProofSystem.Optimistic or ProofSystem.Zk).Select(m => $"'{ClickHouseRows.ProtocolName(m.Protocol)}'"));
            var withdrawal = $"(destination_chain_id IN ({l1}) AND source_chain_id NOT IN ({l1}) AND protocol IN ({native}))";
            where.Add(match.Withdrawals == WithdrawalScope.Only ? withdrawal : $"NOT {withdrawal}");
        }

        var sum = rule.Asset is null ? "value" : "amount";
        using var reader = await client.ExecuteReaderAsync(
            $"""
            SELECT source_chain_id, destination_chain_id, sum({sum}), count()
            FROM messages FINAL
            WHERE {string.Join(" AND ", where)}
            GROUP BY source_chain_id, destination_chain_id
            """, parameters, null, ct).ConfigureAwait(false);
        var routes = new List<RouteValue>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            routes.Add(new RouteValue(Convert.ToUInt64(reader.GetValue(0)), Convert.ToUInt64(reader.GetValue(1)), (BigInteger)reader.GetValue(2), Convert.ToInt64(reader.GetValue(3))));
        }

        return routes;
    }

    /// <summary>A sink acknowledged these changes.</summary>
    public Task RecordDeliveriesAsync(string sink, IReadOnlyCollection<string> transitionIds, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        return transitionIds.Count == 0 ? Task.CompletedTask
            : client.InsertBinaryAsync("alert_deliveries", ["sink", "transition_id", "delivered_at"], transitionIds.Select(id => new object[] { sink, id, now }), Uncompressed, ct);
    }

    /// <summary>Changes of these partitions recorded in [from, to) that <paramref name="sink"/> has not acknowledged, oldest first.</summary>
    public async Task<List<AlertChange>> LoadUndeliveredAsync(IReadOnlyCollection<int> partitions, string sink, DateTime from, DateTime to, CancellationToken ct)
    {
        var found = new List<AlertChange>();
        if (partitions.Count == 0)
        {
            return found;
        }

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("sink", sink);
        parameters.AddParameter("from", from);
        parameters.AddParameter("to", to);
        using var reader = await client.ExecuteReaderAsync(
            $"""
            SELECT {AlertRows.SelectList} FROM alerts FINAL
            WHERE kafka_partition IN ({List(partitions)}) AND changed_at >= {"{from:DateTime64(3)}"} AND changed_at < {"{to:DateTime64(3)}"}
              AND transition_id NOT IN (SELECT transition_id FROM alert_deliveries WHERE sink = {"{sink:String}"})
            ORDER BY changed_at, started_at, state
            """, parameters, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            found.Add(AlertRows.Read(reader));
        }

        return found;
    }

    public static MessageStatus ParseStatus(string name) => name switch
    {
        "SENT" => MessageStatus.Sent,
        "DELIVERED" => MessageStatus.Delivered,
        "FAILED" => MessageStatus.Failed,
        "RECEIVED_WITHOUT_SEND" => MessageStatus.ReceivedWithoutSend,
        "ARRIVED" => MessageStatus.Arrived,
        "PROVEN" => MessageStatus.Proven,
        _ => 0,
    };

    private static void AddIn(List<string> where, string column, IEnumerable<string>? values, bool negate)
    {
        if (values?.ToList() is { Count: > 0 } list)
        {
            where.Add($"{column} {(negate ? "NOT IN" : "IN")} ({string.Join(",", list)})");
        }
    }

    private static string List(IEnumerable<int> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Invariant(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
