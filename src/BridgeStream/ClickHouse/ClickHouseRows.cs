using BridgeStream.Core.Analytics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Settlement;

namespace BridgeStream.ClickHouse;

/// <summary>Row layouts for the tables in schemas/clickhouse; column lists must match the DDL (checked by tests).</summary>
internal static class ClickHouseRows
{
    public static readonly string[] EventColumns =
    [
        "chain_id", "block_number", "block_hash", "tx_hash", "log_index", "block_time", "emitter", "protocol", "kind",
        "correlation_key", "source_chain_id", "destination_chain_id", "sender", "target", "value", "message_nonce",
        "gas_limit", "payload_size", "asset", "amount", "carried_message_id", "observed_at", "version", "is_deleted",
    ];

    public static readonly string[] MessageColumns =
    [
        "message_id", "protocol", "proof_system", "status", "source_chain_id", "destination_chain_id", "source_contract",
        "destination_contract", "sender", "target", "value", "message_nonce", "gas_limit", "source_tx_hash", "source_block_number",
        "source_block_hash", "source_log_index", "sent_at", "arrived_at", "proven_at", "destination_tx_hash",
        "destination_block_number", "destination_block_hash", "destination_log_index", "delivered_at", "finalizable_at",
        "expires_at", "failed_attempts", "last_failed_at", "latency_seconds", "asset", "amount", "carried_message_id",
        "step_kinds", "step_chain_ids", "step_block_numbers", "step_block_hashes", "step_tx_hashes", "step_log_indexes",
        "step_block_times", "step_emitters", "first_observed_at", "kafka_partition", "version", "is_deleted", "updated_at",
        "analytics_delta",
    ];

    public static readonly string[] SettlementColumns =
    [
        "rollup_chain_id", "l1_chain_id", "l1_block_number", "l1_block_hash", "tx_hash", "log_index", "l1_block_time", "emitter",
        "family", "proof_system", "stage", "settles", "l2_block_from", "l2_block_to", "l2_block_hash", "l2_block_time",
        "batch_from", "batch_to", "commitment", "dispute_game", "challenge_ends_at", "observed_at", "version", "is_deleted",
    ];

    /// <summary>A rollup_settlement row; a retraction is the orphaned step's identity (and rollup) with is_deleted = 1.</summary>
    public static object[] Settlement(SettlementEvent e, ulong version)
    {
        var p = e.Position;
        return
        [
            e.RollupChainId, p.ChainId, p.BlockNumber, p.BlockHash.ToString(), p.TransactionHash.ToString(), p.LogIndex,
            FromUnixSeconds(p.BlockTimestamp), p.Emitter == default ? "" : p.Emitter.ToString(), UpperSnake(e.Family.ToString()),
            e.Retracted ? "" : UpperSnake(SettlementCatalog.ProofSystemOf(e.Family).ToString()), UpperSnake(e.Stage.ToString()),
            (byte)(e.Settles ? 1 : 0), e.L2FromBlock is { } from ? from : null!, e.L2ToBlock is { } to ? to : null!,
            HashOrEmpty(e.L2BlockHash), TimeOrNull(e.L2BlockTime), e.BatchFrom is { } batchFrom ? batchFrom : null!,
            e.BatchTo is { } batchTo ? batchTo : null!, HashOrEmpty(e.Commitment), e.DisputeGame == default ? "" : e.DisputeGame.ToString(),
            TimeOrNull(e.ChallengeEndsAt), FromUnixNanos(e.ObservedAtUnixNanos), version, (byte)(e.Retracted ? 1 : 0),
        ];
    }

    /// <summary>An event row; a retraction is the orphaned event's identity with is_deleted = 1.</summary>
    public static object[] Event(BridgeEvent e, ulong version)
    {
        var p = e.Position;
        var deleted = e.Kind == EventKind.Retracted;
        return
        [
            p.ChainId, p.BlockNumber, p.BlockHash.ToString(), p.TransactionHash.ToString(), p.LogIndex, FromUnixSeconds(p.BlockTimestamp),
            p.Emitter.ToString(), ProtocolName(e.Protocol), KindName(e.Kind), e.CorrelationKey.ToString(), e.SourceChainId,
            e.DestinationChainId, e.IsSend ? e.Sender.ToString() : "", e.IsSend ? e.Target.ToString() : "", e.Value.ToBigInteger(),
            e.MessageNonce.ToBigInteger(), e.GasLimit, (uint)e.Payload.Length, AssetText(e.Asset, e.Amount), e.Amount.ToBigInteger(),
            HashOrEmpty(e.CarriedMessageId), FromUnixNanos(e.ObservedAtUnixNanos), version, (byte)(deleted ? 1 : 0),
        ];
    }

    /// <summary>
    /// A message row; <paramref name="deadlines"/> are its protocol module's, computed by the caller; <paramref name="delta"/>
    /// is the change in its analytics facts since the version stored before (migration 0006).
    /// </summary>
    public static object[] Message(MessageRecord m, MessageDeadlines deadlines, DateTime now, IReadOnlyList<SignedFact> delta)
    {
        var send = m.Send;
        var destination = m.DestinationStep;
        var delivery = m.Delivery;
        return
        [
            m.MessageId.ToString(), ProtocolName(m.Protocol), ProofSystemName(m.Protocol), StatusName(m.Status), m.SourceChainId,
            m.DestinationChainId, EmitterText(send), EmitterText(destination),
            send is null ? "" : m.Sender.ToString(), send is null ? "" : m.Target.ToString(), m.Value.ToBigInteger(),
            m.MessageNonce.ToBigInteger(), m.GasLimit,
            send?.TransactionHash.ToString() ?? "", send?.BlockNumber ?? 0UL, send?.BlockHash.ToString() ?? "", send?.LogIndex ?? 0U,
            TimeOrNull(send), TimeOrNull(m.Arrival), TimeOrNull(m.Proof),
            delivery?.TransactionHash.ToString() ?? "", delivery?.BlockNumber ?? 0UL, delivery?.BlockHash.ToString() ?? "",
            delivery?.LogIndex ?? 0U, TimeOrNull(delivery), TimeOrNull(deadlines.FinalizableAt), TimeOrNull(deadlines.ExpiresAt),
            m.FailedAttempts, TimeOrNull(m.LastFailure), m.LatencySeconds is { } latency ? latency : null!,
            AssetText(m.Asset, m.Amount), m.Amount.ToBigInteger(), HashOrEmpty(m.CarriedMessageId),
            m.Steps.Select(st => KindName(st.Kind)).ToArray(), m.Steps.Select(st => st.At.ChainId).ToArray(),
            m.Steps.Select(st => st.At.BlockNumber).ToArray(), m.Steps.Select(st => st.At.BlockHash.ToString()).ToArray(),
            m.Steps.Select(st => st.At.TransactionHash.ToString()).ToArray(), m.Steps.Select(st => st.At.LogIndex).ToArray(),
            m.Steps.Select(st => st.At.BlockTimestamp).ToArray(), m.Steps.Select(st => st.At.Emitter.ToString()).ToArray(),
            FromUnixNanos(m.FirstObservedUnixNanos), m.Partition, m.Version, (byte)(m.IsEmpty ? 1 : 0), now,
            delta.Select(AnalyticsDeltaElement).ToArray(),
        ];
    }

    // One element of messages.analytics_delta: (sign, kind, at, source_chain_id, destination_chain_id, latency_seconds, asset,
    // amount, holder, until).
    private static object AnalyticsDeltaElement(SignedFact signed)
    {
        var f = signed.Fact;
        return (signed.Sign, UpperSnake(f.Kind.ToString()), FromUnixSeconds(f.AtUnixSeconds), f.SourceChainId, f.DestinationChainId,
            f.LatencySeconds, f.Asset?.ToString() ?? "", f.Amount.ToBigInteger(), f.Holder?.ToString() ?? "",
            f.UntilUnixSeconds is { } until ? FromUnixSeconds(until) : (DateTime?)null);
    }

    private static object TimeOrNull(EventRef? at) => at is null ? null! : FromUnixSeconds(at.BlockTimestamp);

    private static object TimeOrNull(long? unixSeconds) => unixSeconds is { } seconds ? FromUnixSeconds(seconds) : null!;

    private static string EmitterText(EventRef? at) => at is null || at.Emitter == default ? "" : at.Emitter.ToString();

    private static string HashOrEmpty(Hash32 hash) => hash.IsZero ? "" : hash.ToString();

    public static string ProofSystemName(Protocol protocol) =>
        ProtocolCatalog.All.FirstOrDefault(m => m.Protocol == protocol) is { } module ? UpperSnake(module.ProofSystem.ToString()) : "";

    // The native asset is the zero address; no transfer at all is the empty string.
    private static string AssetText(Address asset, Hash32 amount) => asset == default && amount.IsZero ? "" : asset.ToString();

    // Stored names are the enum names in UPPER_SNAKE_CASE, as the GraphQL enums spell them (OpStackMessenger -> OP_STACK_MESSENGER).
    private static readonly Dictionary<Protocol, string> ProtocolNames = Enum.GetValues<Protocol>().ToDictionary(p => p, p => UpperSnake(p.ToString()));
    private static readonly Dictionary<string, Protocol> ProtocolsByName = ProtocolNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
    private static readonly Dictionary<EventKind, string> KindNames = Enum.GetValues<EventKind>().ToDictionary(k => k, k => UpperSnake(k.ToString()));

    public static string ProtocolName(Protocol protocol) => ProtocolNames[protocol];

    public static Protocol ParseProtocol(string name) => ProtocolsByName.GetValueOrDefault(name, Protocol.Unspecified);

    public static string KindName(EventKind kind) => KindNames[kind];

    private static readonly Dictionary<string, EventKind> KindsByName = KindNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static EventKind ParseKind(string name) => KindsByName.GetValueOrDefault(name, EventKind.Unspecified);

    public static string UpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    public static string StatusName(MessageStatus status) => status switch
    {
        MessageStatus.Sent => "SENT",
        MessageStatus.Delivered => "DELIVERED",
        MessageStatus.Failed => "FAILED",
        MessageStatus.ReceivedWithoutSend => "RECEIVED_WITHOUT_SEND",
        MessageStatus.Arrived => "ARRIVED",
        MessageStatus.Proven => "PROVEN",
        _ => "UNSPECIFIED",
    };

    public static DateTime FromUnixSeconds(long seconds) => DateTime.UnixEpoch.AddSeconds(seconds);

    public static DateTime FromUnixNanos(long nanos) => DateTime.UnixEpoch.AddTicks(nanos / 100);

    public static long ToUnixSeconds(DateTime time) => (long)(DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    public static Hash32 ParseHashOrZero(string hex) => Hash32.TryParse(hex, out var hash) ? hash : default;
}
