using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.ClickHouse;

/// <summary>Row layouts for the tables in schemas/clickhouse; column lists must match the DDL (checked by tests).</summary>
internal static class ClickHouseRows
{
    public static readonly string[] EventColumns =
    [
        "chain_id", "block_number", "block_hash", "tx_hash", "log_index", "block_time", "emitter", "protocol", "kind",
        "correlation_key", "source_chain_id", "destination_chain_id", "sender", "target", "value", "message_nonce",
        "gas_limit", "payload_size", "observed_at",
    ];

    public static readonly string[] MessageColumns =
    [
        "message_id", "protocol", "status", "source_chain_id", "destination_chain_id", "sender", "target", "value",
        "message_nonce", "gas_limit", "source_tx_hash", "source_block_number", "source_block_hash", "source_log_index",
        "sent_at", "destination_tx_hash", "destination_block_number", "destination_block_hash", "destination_log_index",
        "delivered_at", "failed_attempts", "last_failed_at", "latency_seconds", "first_observed_at", "kafka_partition",
        "version", "updated_at",
    ];

    public static object[] Event(BridgeEvent e)
    {
        var p = e.Position;
        return
        [
            p.ChainId, p.BlockNumber, p.BlockHash.ToString(), p.TransactionHash.ToString(), p.LogIndex, FromUnixSeconds(p.BlockTimestamp),
            p.Emitter.ToString(), ProtocolName(e.Protocol), KindName(e.Kind), e.CorrelationKey.ToString(), e.SourceChainId,
            e.DestinationChainId, e.IsSend ? e.Sender.ToString() : "", e.IsSend ? e.Target.ToString() : "", e.Value.ToBigInteger(),
            e.MessageNonce.ToBigInteger(), e.GasLimit, (uint)e.Payload.Length, FromUnixNanos(e.ObservedAtUnixNanos),
        ];
    }

    public static object[] Message(MessageRecord m, DateTime now)
    {
        var send = m.Send;
        var delivery = m.Delivery;
        return
        [
            m.MessageId.ToString(), ProtocolName(m.Protocol), StatusName(m.Status), m.SourceChainId, m.DestinationChainId,
            send is null ? "" : m.Sender.ToString(), send is null ? "" : m.Target.ToString(), m.Value.ToBigInteger(),
            m.MessageNonce.ToBigInteger(), m.GasLimit,
            send?.TransactionHash.ToString() ?? "", send?.BlockNumber ?? 0UL, send?.BlockHash.ToString() ?? "", send?.LogIndex ?? 0U,
            send is null ? null! : FromUnixSeconds(send.BlockTimestamp),
            delivery?.TransactionHash.ToString() ?? "", delivery?.BlockNumber ?? 0UL, delivery?.BlockHash.ToString() ?? "",
            delivery?.LogIndex ?? 0U, delivery is null ? null! : FromUnixSeconds(delivery.BlockTimestamp),
            m.FailedAttempts, m.LastFailure is null ? null! : FromUnixSeconds(m.LastFailure.BlockTimestamp),
            m.LatencySeconds is { } latency ? latency : null!,
            FromUnixNanos(m.FirstObservedUnixNanos), m.Partition, m.Version, now,
        ];
    }

    // Stored names are the enum names in UPPER_SNAKE_CASE, as the GraphQL enums spell them (OpStackMessenger -> OP_STACK_MESSENGER).
    private static readonly Dictionary<Protocol, string> ProtocolNames = Enum.GetValues<Protocol>().ToDictionary(p => p, p => UpperSnake(p.ToString()));
    private static readonly Dictionary<string, Protocol> ProtocolsByName = ProtocolNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
    private static readonly Dictionary<EventKind, string> KindNames = Enum.GetValues<EventKind>().ToDictionary(k => k, k => UpperSnake(k.ToString()));

    public static string ProtocolName(Protocol protocol) => ProtocolNames[protocol];

    public static Protocol ParseProtocol(string name) => ProtocolsByName.GetValueOrDefault(name, Protocol.Unspecified);

    public static string KindName(EventKind kind) => KindNames[kind];

    public static string UpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    public static string StatusName(MessageStatus status) => status switch
    {
        MessageStatus.Sent => "SENT",
        MessageStatus.Delivered => "DELIVERED",
        MessageStatus.Failed => "FAILED",
        MessageStatus.ReceivedWithoutSend => "RECEIVED_WITHOUT_SEND",
        _ => "UNSPECIFIED",
    };

    public static DateTime FromUnixSeconds(long seconds) => DateTime.UnixEpoch.AddSeconds(seconds);

    public static DateTime FromUnixNanos(long nanos) => DateTime.UnixEpoch.AddTicks(nanos / 100);

    public static long ToUnixSeconds(DateTime time) => (long)(DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    public static Hash32 ParseHashOrZero(string hex) => Hash32.TryParse(hex, out var hash) ? hash : default;
}
