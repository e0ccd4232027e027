using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Correlation;

/// <summary>
/// The state of one cross-chain message, built from its events in whatever order they arrive.
/// Applying is idempotent: a record remembers the (partition, offset) of the last event it absorbed, and a replayed
/// event at or before that position is ignored, so a restart that re-reads uncommitted records changes nothing.
/// </summary>
public sealed class MessageRecord
{
    public MessageRecord(Hash32 messageId, Protocol protocol)
    {
        MessageId = messageId;
        Protocol = protocol;
    }

    public Hash32 MessageId { get; }

    public Protocol Protocol { get; }

    public ulong SourceChainId { get; set; }

    public ulong DestinationChainId { get; set; }

    public Address Sender { get; set; }

    public Address Target { get; set; }

    public Hash32 Value { get; set; }

    public Hash32 MessageNonce { get; set; }

    public ulong GasLimit { get; set; }

    public EventRef? Send { get; set; }

    public EventRef? Delivery { get; set; }

    public EventRef? LastFailure { get; set; }

    public uint FailedAttempts { get; set; }

    public long FirstObservedUnixNanos { get; set; }

    /// <summary>The Kafka partition that owns this message (its key's partition).</summary>
    public int Partition { get; set; } = -1;

    /// <summary>The offset of the last event applied; -1 before any.</summary>
    public long Offset { get; set; } = -1;

    public MessageStatus Status =>
        Delivery is not null ? (Send is not null ? MessageStatus.Delivered : MessageStatus.ReceivedWithoutSend)
        : LastFailure is not null ? (Send is not null ? MessageStatus.Failed : MessageStatus.ReceivedWithoutSend)
        : MessageStatus.Sent;

    /// <summary>Block time of the delivery minus block time of the send.</summary>
    public double? LatencySeconds => Send is not null && Delivery is not null ? Delivery.BlockTimestamp - Send.BlockTimestamp : null;

    /// <summary>A version for ReplacingMergeTree: grows with every applied event of the owning partition.</summary>
    public ulong Version => (ulong)(Offset + 1);

    /// <summary>Absorbs one event read at (partition, offset). Returns false when it was already absorbed.</summary>
    public bool Apply(BridgeEvent bridgeEvent, int partition, long offset)
    {
        if (partition == Partition && offset <= Offset)
        {
            return false;
        }

        Partition = partition;
        Offset = offset;
        if (FirstObservedUnixNanos == 0 || (bridgeEvent.ObservedAtUnixNanos != 0 && bridgeEvent.ObservedAtUnixNanos < FirstObservedUnixNanos))
        {
            FirstObservedUnixNanos = bridgeEvent.ObservedAtUnixNanos;
        }

        switch (bridgeEvent.Kind)
        {
            case EventKind.MessageSent:
                ApplySend(bridgeEvent);
                break;
            case EventKind.MessageRelayed:
                ApplyRoute(bridgeEvent);
                var delivery = EventRef.Of(bridgeEvent.Position);
                if (Delivery is null || delivery.IsBefore(Delivery))
                {
                    Delivery = delivery;
                }

                break;
            case EventKind.MessageRelayFailed:
                ApplyRoute(bridgeEvent);
                FailedAttempts++;
                var failure = EventRef.Of(bridgeEvent.Position);
                if (LastFailure is null || LastFailure.IsBefore(failure))
                {
                    LastFailure = failure;
                }

                break;
            default:
                throw new ArgumentException($"Event kind {bridgeEvent.Kind} is not a message step.", nameof(bridgeEvent));
        }

        return true;
    }

    private void ApplySend(BridgeEvent e)
    {
        // The first send seen wins; the messengers' nonces make a second send with the same hash impossible on one chain.
        if (Send is not null)
        {
            return;
        }

        Send = EventRef.Of(e.Position);
        SourceChainId = e.SourceChainId;
        DestinationChainId = e.DestinationChainId;
        Sender = e.Sender;
        Target = e.Target;
        Value = e.Value;
        MessageNonce = e.MessageNonce;
        GasLimit = e.GasLimit;
    }

    // A receive knows its own chain and, from the configured contract, where messages to it come from.
    private void ApplyRoute(BridgeEvent e)
    {
        if (Send is not null)
        {
            return;
        }

        SourceChainId = e.SourceChainId;
        DestinationChainId = e.DestinationChainId;
    }
}
