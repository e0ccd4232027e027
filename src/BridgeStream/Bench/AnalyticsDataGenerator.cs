using System.Diagnostics;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Bench;

/// <summary>
/// Writes synthetic messages straight into ClickHouse for the analytics benchmark, in SQL (INSERT ... SELECT FROM
/// numbers), so that 10 million take minutes, not hours. Each row is a message's final state with its analytics_delta
/// (every fact +1, as AnalyticsFacts would compute for that state), so the materialized views of migration 0006 fill
/// the analytics tables exactly as they do from the correlator. The mix: 34 route entries (OP Stack messenger, portal
/// and withdrawals, Arbitrum retryables and outbox, Scroll, CCTP v1/v2, Hyperlane, LayerZero) over Ethereum and seven
/// other chains, sends uniform over the span; latencies per kind (deposits 1-20 min, CCTP 13-20 min, third-party 30 s-5 min,
/// withdrawals 1-3 h to prove plus the 7-day window, Arbitrum outbox 7 days, Scroll L2->L1 1-4 h); 3 % never delivered,
/// 5 % with a failed attempt; ETH 0.01-100, USDC 10-1,000,000; 100,000 holder addresses.
/// </summary>
public static class AnalyticsDataGenerator
{
    public const int ChunkSize = 500_000;

    /// <summary>Writes messages [0, count) with sends in [now - span, now]; returns the seconds it took.</summary>
    public static async Task<double> WriteMessagesAsync(ClickHouseClient client, long count, DateTime now, TimeSpan span, Action<string> progress, CancellationToken ct, string table = "messages")
    {
        var clock = Stopwatch.StartNew();
        for (long start = 0; start < count; start += ChunkSize)
        {
            var parameters = new ClickHouseParameterCollection();
            parameters.AddParameter("now", Unix(now));
            parameters.AddParameter("span", (long)span.TotalSeconds);
            parameters.AddParameter("start", (ulong)start);
            parameters.AddParameter("count", (ulong)Math.Min(ChunkSize, count - start));
            await client.ExecuteNonQueryAsync(MessagesSql.Replace("INSERT INTO messages", $"INSERT INTO {table}", StringComparison.Ordinal), parameters, null, ct).ConfigureAwait(false);
            progress($"  {Math.Min(count, start + ChunkSize):#,0} of {count:#,0} messages ({clock.Elapsed.TotalSeconds:0} s)");
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>One head observation a minute per chain over the span: safe 1-2 epochs and finalized 2-4 epochs behind.</summary>
    public static Task WriteChainHeadsAsync(ClickHouseClient client, DateTime now, TimeSpan span, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("now", Unix(now));
        parameters.AddParameter("minutes", (ulong)span.TotalMinutes);
        return client.ExecuteNonQueryAsync(ChainHeadsSql, parameters, null, ct);
    }

    private static long Unix(DateTime time) => (long)(DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    private const string ChainHeadsSql = """
        INSERT INTO chain_heads
        SELECT chain_id, fromUnixTimestamp64Milli(toInt64(observed) * 1000, 'UTC'), latest, concat('0x', lower(hex(SHA256(concat(toString(chain_id), ':', toString(latest)))))),
               toDateTime(observed - 1, 'UTC'), latest - safe_gap, toDateTime(observed - 1 - safe_gap * block_seconds, 'UTC'),
               latest - finalized_gap, toDateTime(observed - 1 - finalized_gap * block_seconds, 'UTC')
        FROM
        (
            SELECT chain.1 AS chain_id, chain.2 AS block_seconds, {now:Int64} - toInt64(number) * 60 AS observed,
                   toUInt64(100000000 + intDiv(observed, chain.2)) AS latest,
                   toUInt64(32 * (1 + cityHash64(number, chain.1, 1) % 2) * intDiv(12, chain.2)) AS safe_gap,
                   toUInt64(64 * (1 + cityHash64(number, chain.1, 2) % 2) * intDiv(12, chain.2)) AS finalized_gap
            FROM numbers({minutes:UInt64})
            ARRAY JOIN [(1, 12), (10, 2), (8453, 2), (42161, 1), (534352, 3), (130, 1), (137, 2), (43114, 2)] AS chain
        )
        """;

    private const string MessagesSql = """
        INSERT INTO messages (message_id, protocol, proof_system, status, source_chain_id, destination_chain_id, sender, target, value,
            source_tx_hash, source_block_number, sent_at, proven_at, destination_tx_hash, destination_block_number, delivered_at, finalizable_at,
            failed_attempts, last_failed_at, latency_seconds, asset, amount, first_observed_at, kafka_partition, version, is_deleted, updated_at, analytics_delta)
        SELECT
            id, protocol, proof_system,
            multiIf(delivered, 'DELIVERED', proven, 'PROVEN', failed, 'FAILED', 'SENT') AS status,
            src, dst, holder_from, holder_to, msg_value,
            concat('0x', lower(hex(SHA256(concat('s', toString(n)))))), toUInt64(sent - 1600000000), toDateTime64(sent, 3, 'UTC'),
            if(proven, toDateTime64(proven_at, 3, 'UTC'), NULL),
            if(delivered, concat('0x', lower(hex(SHA256(concat('d', toString(n)))))), ''), if(delivered, toUInt64(delivered_at - 1600000000), 0),
            if(delivered, toDateTime64(delivered_at, 3, 'UTC'), NULL),
            if(cls = 'withdrawal' AND proven, toDateTime64(proven_at + 604800, 3, 'UTC'), if(cls = 'outbox', toDateTime64(sent + 604800, 3, 'UTC'), NULL)),
            toUInt32(failed), if(failed, toDateTime64(failed_at, 3, 'UTC'), NULL),
            if(delivered, toFloat64(delivered_at - sent), NULL),
            msg_asset, msg_amount, toDateTime64(sent, 6, 'UTC'), toInt32(n % 64), toUInt64(1), toUInt8(0), now64(3),
            arrayConcat(
                [tuple(toInt8(1), 'SENT', toDateTime(sent, 'UTC'), src, dst, CAST(NULL, 'Nullable(Float64)'), '', toUInt256(0), '', CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))],
                if(has_value, [tuple(toInt8(1), 'SENT_VALUE', toDateTime(sent, 'UTC'), src, dst, CAST(NULL, 'Nullable(Float64)'), t_asset, t_amount, holder_from, CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))], []),
                if(delivered, [tuple(toInt8(1), 'DELIVERED', toDateTime(delivered_at, 'UTC'), src, dst, CAST(toFloat64(delivered_at - sent), 'Nullable(Float64)'), '', toUInt256(0), '', CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))], []),
                if(delivered AND has_value, [tuple(toInt8(1), 'DELIVERED_VALUE', toDateTime(delivered_at, 'UTC'), src, dst, CAST(toFloat64(delivered_at - sent), 'Nullable(Float64)'), t_asset, t_amount, holder_to, CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))], []),
                if(failed, [tuple(toInt8(1), 'FAILED', toDateTime(failed_at, 'UTC'), src, dst, CAST(NULL, 'Nullable(Float64)'), '', toUInt256(0), '', CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))], []),
                if(proven, [tuple(toInt8(1), 'PROVEN', toDateTime(proven_at, 'UTC'), src, dst, CAST(toFloat64(proven_at - sent), 'Nullable(Float64)'), '', toUInt256(0), '', CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))], []),
                if(proven AND delivered, [tuple(toInt8(1), 'FINALIZED', toDateTime(delivered_at, 'UTC'), src, dst, CAST(toFloat64(delivered_at - proven_at), 'Nullable(Float64)'), '', toUInt256(0), '', CAST(NULL, 'Nullable(DateTime(\'UTC\'))'))], []),
                if(NOT delivered, [tuple(toInt8(1), 'OPEN', toDateTime(sent, 'UTC'), src, dst, CAST(NULL, 'Nullable(Float64)'), if(has_value, t_asset, ''),
                    if(has_value, t_amount, toUInt256(0)), holder_from, CAST(if(cls = 'withdrawal' AND proven, toDateTime(proven_at + 604800, 'UTC'),
                    if(cls = 'outbox', toDateTime(sent + 604800, 'UTC'), NULL)), 'Nullable(DateTime(\'UTC\'))'))], []))
        FROM
        (
            SELECT *,
                concat('0x', lower(hex(SHA256(toString(n))))) AS id,
                sent + toInt64(lat) AS due,
                cls = 'withdrawal' AND sent + toInt64(prove_after) <= {now:Int64} AS proven,
                sent + toInt64(prove_after) AS proven_at,
                (r3 % 100) >= 3 AND due <= {now:Int64} AS delivered,
                if(delivered, due, 0) AS delivered_at,
                (r3 % 100) < 5 AND sent + toInt64(lat / 2) <= {now:Int64} AS failed,
                sent + toInt64(lat / 2) AS failed_at,
                asset_kind != '' AS has_value,
                if(asset_kind = 'USDC', transform(src, [1, 10, 8453, 42161, 130, 137, 43114],
                    ['0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', '0x0b2c639c533813f4aa9d7837caf62653d097ff85', '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
                     '0xaf88d065e77c8cc2239327c5edb3a432268e5831', '0x078d782b760474a361dda0af3839290b0ef57ad6', '0x3c499c542cef5e3811e1192ce70d8cc03d5c3359',
                     '0xb97ef9ef8734c71904d8002f8b6bc66dd9c48a6e'], ''), '0x0000000000000000000000000000000000000000') AS t_asset,
                if(asset_kind = 'USDC', toUInt256(toUInt64(pow(10, 7 + 5 * u2))), toUInt256(toUInt64(pow(10, 7 + 4 * u2))) * toUInt256(1000000000)) AS t_amount,
                if(asset_kind = 'ETH' AND protocol IN ('OP_STACK_MESSENGER', 'SCROLL_MESSENGER'), t_amount, toUInt256(0)) AS msg_value,
                if(has_value AND NOT (asset_kind = 'ETH' AND protocol IN ('OP_STACK_MESSENGER', 'SCROLL_MESSENGER')), t_asset, '') AS msg_asset,
                if(msg_asset != '', t_amount, toUInt256(0)) AS msg_amount,
                concat('0x', repeat('0', 24), lower(hex(reinterpretAsFixedString(cityHash64(r4 % 100000))))) AS holder_from,
                concat('0x', repeat('0', 24), lower(hex(reinterpretAsFixedString(cityHash64((r4 + if(r3 % 2 = 0, 0, 1)) % 100000))))) AS holder_to
            FROM
            (
                SELECT number AS n,
                    routes[1 + (cityHash64(number, 1) % length(routes))] AS route,
                    route.1 AS src, route.2 AS dst, route.3 AS protocol, route.4 AS proof_system, route.5 AS cls, route.6 AS asset_kind,
                    {now:Int64} - toInt64(cityHash64(number, 2) % toUInt64({span:Int64})) AS sent,
                    (cityHash64(number, 3) % 1000000) / 1000000 AS u,
                    (cityHash64(number, 5) % 1000000) / 1000000 AS u2,
                    cityHash64(number, 4) AS r3,
                    cityHash64(number, 6) AS r4,
                    multiIf(cls = 'fast', 60 * pow(20, u), cls = 'withdrawal', 3600 * (1 + 2 * u) + 604800 + 3600 * u2, cls = 'outbox', 604800 + 7200 * u,
                            cls = 'zk', 3600 * (1 + 3 * u), cls = 'cctp', 780 + 420 * u, 30 * pow(10, u)) AS lat,
                    3600 * (1 + 2 * u) AS prove_after
                FROM numbers({start:UInt64}, {count:UInt64})
                ARRAY JOIN [[
                    (1, 10, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'fast', 'ETH'), (1, 10, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'fast', 'ETH'), (1, 10, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'fast', 'ETH'),
                    (1, 8453, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'fast', 'ETH'), (1, 8453, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'fast', 'ETH'), (1, 8453, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'fast', 'ETH'),
                    (1, 10, 'OP_STACK_PORTAL', 'OPTIMISTIC', 'fast', 'ETH'), (1, 10, 'OP_STACK_PORTAL', 'OPTIMISTIC', 'fast', 'ETH'),
                    (1, 8453, 'OP_STACK_PORTAL', 'OPTIMISTIC', 'fast', 'ETH'), (1, 8453, 'OP_STACK_PORTAL', 'OPTIMISTIC', 'fast', 'ETH'),
                    (10, 1, 'OP_STACK_WITHDRAWAL', 'OPTIMISTIC', 'withdrawal', 'ETH'), (8453, 1, 'OP_STACK_WITHDRAWAL', 'OPTIMISTIC', 'withdrawal', 'ETH'),
                    (10, 1, 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'outbox', 'ETH'),
                    (1, 42161, 'ARBITRUM_RETRYABLE', 'OPTIMISTIC', 'fast', 'ETH'), (1, 42161, 'ARBITRUM_RETRYABLE', 'OPTIMISTIC', 'fast', 'ETH'), (1, 42161, 'ARBITRUM_RETRYABLE', 'OPTIMISTIC', 'fast', 'ETH'),
                    (42161, 1, 'ARBITRUM_OUTBOX', 'OPTIMISTIC', 'outbox', 'ETH'),
                    (1, 534352, 'SCROLL_MESSENGER', 'ZK', 'fast', 'ETH'), (534352, 1, 'SCROLL_MESSENGER', 'ZK', 'zk', 'ETH'),
                    (1, 10, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'), (1, 8453, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'), (1, 42161, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'),
                    (10, 8453, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'), (8453, 42161, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'), (42161, 1, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'),
                    (8453, 1, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'), (137, 8453, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'), (43114, 1, 'CCTP_V1', 'THIRD_PARTY', 'cctp', 'USDC'),
                    (8453, 130, 'CCTP_V2', 'THIRD_PARTY', 'cctp', 'USDC'), (130, 1, 'CCTP_V2', 'THIRD_PARTY', 'cctp', 'USDC'),
                    (10, 8453, 'HYPERLANE', 'THIRD_PARTY', 'third', ''), (8453, 42161, 'HYPERLANE', 'THIRD_PARTY', 'third', ''),
                    (42161, 10, 'LAYER_ZERO_V2', 'THIRD_PARTY', 'third', ''), (8453, 534352, 'LAYER_ZERO_V2', 'THIRD_PARTY', 'third', '')
                ]] AS routes
            )
        )
        """;
}
