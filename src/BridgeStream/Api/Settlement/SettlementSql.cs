namespace BridgeStream.Api.Settlement;

/// <summary>The SQL behind the settlement fields, over the views of migration 0007. Values travel as query parameters.</summary>
internal static class SettlementSql
{
    public const string SourceSettlements = """
        SELECT message_id, source_chain_id, settlement_family, rollup_proof_system,
               toUnixTimestamp64Milli(source_data_posted_at), toUnixTimestamp64Milli(source_proposed_at),
               toUnixTimestamp64Milli(source_proven_at), toUnixTimestamp64Milli(source_settled_at),
               toUnixTimestamp64Milli(source_settled_final_at), settlement_lag_seconds, final_settlement_lag_seconds
        FROM message_settlement
        WHERE message_id IN {ids:Array(String)}
        """;

    private const string StepColumns = """
        SELECT rollup_chain_id, family, proof_system, stage, settles, derived, l1_chain_id, l1_block_number, tx_hash, log_index,
               toUnixTimestamp64Milli(at), l2_block_from, l2_block_to, toUnixTimestamp64Milli(l2_block_time), batch_from, batch_to,
               commitment, dispute_game, toUnixTimestamp64Milli(challenge_ends_at), toUnixTimestamp64Milli(final_at)
        FROM rollup_settlement_steps
        WHERE rollup_chain_id = {chain:UInt64}
        """;

    public static string Steps(bool byStage) =>
        StepColumns + (byStage ? "\n  AND stage = {stage:String}" : "") + "\nORDER BY at DESC, l1_block_number DESC, log_index DESC, derived DESC\nLIMIT {limit:UInt32}";

    /// <summary>Per rollup: its newest step, the highest proposed and settled L2 blocks and when, the settled block's L2 time.</summary>
    public static string Status(bool oneChain) => """
        SELECT rollup_chain_id, argMax(family, at), argMax(proof_system, at),
               toUnixTimestamp64Milli(maxIfOrNull(at, derived = 0)),
               maxIfOrNull(l2_block_to, stage IN ('PROPOSED', 'COMMITTED')),
               toUnixTimestamp64Milli(maxIfOrNull(at, stage IN ('PROPOSED', 'COMMITTED'))),
               maxIfOrNull(l2_block_to, settles = 1),
               toUnixTimestamp64Milli(maxIfOrNull(at, settles = 1)),
               toUnixTimestamp64Milli(argMaxIfOrNull(l2_block_time, l2_block_to, settles = 1 AND l2_block_to IS NOT NULL)),
               toUnixTimestamp64Milli(now64(3))
        FROM rollup_settlement_steps
        """ + (oneChain ? "\nWHERE rollup_chain_id = {chain:UInt64}" : "") + "\nGROUP BY rollup_chain_id\nORDER BY rollup_chain_id";

    public const string LagSeries = """
        SELECT toUnixTimestamp64Milli(toDateTime64(toStartOfInterval(at, toIntervalSecond({bucket:UInt32})), 3, 'UTC')) AS bucket_ms,
               count(), max(l2_block), min(lag_seconds), avg(lag_seconds), max(lag_seconds)
        FROM rollup_settlement_lag
        WHERE rollup_chain_id = {chain:UInt64} AND milestone = {milestone:String}
          AND at >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AND at < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
        GROUP BY bucket_ms
        ORDER BY bucket_ms
        """;

    /// <summary>Messages sent in the window by their route's proof system, with delivery latency and source settlement lag.</summary>
    public const string ByProofSystem = """
        SELECT m.proof_system, count(), countIf(m.delivered_at IS NOT NULL),
               quantileIf(0.5)(m.latency_seconds, m.latency_seconds IS NOT NULL), quantileIf(0.95)(m.latency_seconds, m.latency_seconds IS NOT NULL),
               countIf(s.settlement_lag_seconds IS NOT NULL),
               quantileIf(0.5)(s.settlement_lag_seconds, s.settlement_lag_seconds IS NOT NULL),
               quantileIf(0.95)(s.settlement_lag_seconds, s.settlement_lag_seconds IS NOT NULL)
        FROM
        (
            SELECT message_id, proof_system, delivered_at, latency_seconds
            FROM messages FINAL
            WHERE sent_at >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AND sent_at < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
        ) AS m
        LEFT JOIN message_settlement AS s ON m.message_id = s.message_id
        GROUP BY m.proof_system
        ORDER BY m.proof_system
        """;
}
