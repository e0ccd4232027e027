using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Correlation;

/// <summary>One lifecycle step of a message: what happened, and where on which chain.</summary>
public sealed record MessageStep(EventKind Kind, EventRef At);

/// <summary>
/// The state of one cross-chain message, built from its steps in whatever order they arrive, and unbuilt by
/// retractions when a reorg orphans a step. Everything else (status, latency, failed attempts) is derived from the steps.
/// Applying is idempotent: a record remembers the (partition, offset) of the last event it absorbed, and a replayed
/// event at or before that position is ignored, so a restart that re-reads uncommitted records changes nothing.
/// </summary>
public sealed class MessageRecord
{
    private readonly List<MessageStep> _steps = [];

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

    public Address Asset { get; set; }

    public Hash32 Amount { get; set; }

    /// <summary>The id of the message this one transports, when its payload is another protocol's message (an OP portal
    /// deposit or withdrawal carrying a CrossDomainMessenger relay); zero otherwise.</summary>
    public Hash32 CarriedMessageId { get; set; }

    public IReadOnlyList<MessageStep> Steps => _steps;

    public long FirstObservedUnixNanos { get; set; }

    /// <summary>The Kafka partition that owns this message (its key's partition).</summary>
    public int Partition { get; set; } = -1;

    /// <summary>The offset of the last event applied; -1 before any.</summary>
    public long Offset { get; set; } = -1;

    public EventRef? Send => Earliest(EventKind.MessageSent);

    public EventRef? Delivery => Earliest(EventKind.MessageRelayed);

    /// <summary>The first arrival on the destination before execution (an Arbitrum ticket created, a LayerZero packet verified).</summary>
    public EventRef? Arrival => Earliest(EventKind.MessageArrived);

    /// <summary>The first proof of a withdrawal (its challenge window runs from here).</summary>
    public EventRef? Proof => Earliest(EventKind.MessageProven);

    /// <summary>Where the message is on its destination: the delivery, else the last failure, else the proof or arrival.</summary>
    public EventRef? DestinationStep => Delivery ?? LastFailure ?? Proof ?? Arrival;

    public EventRef? LastFailure => _steps.Where(s => s.Kind == EventKind.MessageRelayFailed).Select(s => s.At).Aggregate((EventRef?)null, (latest, at) => latest is null || latest.IsBefore(at) ? at : latest);

    public uint FailedAttempts => (uint)_steps.Count(s => s.Kind == EventKind.MessageRelayFailed);

    /// <summary>No step left (every one was retracted): the message does not exist on the canonical chains.</summary>
    public bool IsEmpty => _steps.Count == 0;

    /// <summary>Delivered, else failed, else proven, else arrived, else sent; any of them without a send is ReceivedWithoutSend.</summary>
    public MessageStatus Status =>
        Send is null && !IsEmpty ? MessageStatus.ReceivedWithoutSend
        : Delivery is not null ? MessageStatus.Delivered
        : LastFailure is not null ? MessageStatus.Failed
        : Proof is not null ? MessageStatus.Proven
        : Arrival is not null ? MessageStatus.Arrived
        : MessageStatus.Sent;

    /// <summary>Block time of the delivery minus block time of the send.</summary>
    public double? LatencySeconds => Send is { } send && Delivery is { } delivery ? delivery.BlockTimestamp - send.BlockTimestamp : null;

    /// <summary>A version for ReplacingMergeTree: grows with every applied event of the owning partition.</summary>
    public ulong Version => (ulong)(Offset + 1);

    /// <summary>Restores a step read back from storage (no offset bookkeeping).</summary>
    public void Restore(MessageStep step) => _steps.Add(step);

    /// <summary>Absorbs one event read at (partition, offset). Returns false when it was already absorbed.</summary>
    public bool Apply(BridgeEvent bridgeEvent, int partition, long offset)
    {
        if (partition == Partition && offset <= Offset)
        {
            return false;
        }

        Partition = partition;
        Offset = offset;
        if (bridgeEvent.Kind == EventKind.Retracted)
        {
            Retract(bridgeEvent.Position);
            return true;
        }

        if (FirstObservedUnixNanos == 0 || (bridgeEvent.ObservedAtUnixNanos != 0 && bridgeEvent.ObservedAtUnixNanos < FirstObservedUnixNanos))
        {
            FirstObservedUnixNanos = bridgeEvent.ObservedAtUnixNanos;
        }

        var at = EventRef.Of(bridgeEvent.Position);
        if (!_steps.Any(s => s.At.SameEvent(at)))
        {
            _steps.Add(new MessageStep(bridgeEvent.Kind, at));
            if (bridgeEvent.Kind == EventKind.MessageSent && Send == at)
            {
                TakeSendDetails(bridgeEvent);
            }
            else if (Send is null)
            {
                // A receive knows its own chain and, from the configured contract, where messages to it come from.
                SourceChainId = bridgeEvent.SourceChainId;
                DestinationChainId = bridgeEvent.DestinationChainId;
            }
        }

        return true;
    }

    private void Retract(LogPosition position)
    {
        var orphaned = EventRef.Of(position);
        var wasSend = _steps.RemoveAll(s => s.At.SameEvent(orphaned) && s.Kind == EventKind.MessageSent) > 0;
        _steps.RemoveAll(s => s.At.SameEvent(orphaned));
        if (wasSend && Send is null)
        {
            // The send is gone from the canonical chain: its details go with it (a re-included send brings them back).
            Sender = default;
            Target = default;
            Value = default;
            MessageNonce = default;
            GasLimit = 0;
            Asset = default;
            Amount = default;
            CarriedMessageId = default;
        }
    }

    private void TakeSendDetails(BridgeEvent e)
    {
        SourceChainId = e.SourceChainId;
        DestinationChainId = e.DestinationChainId;
        Sender = e.Sender;
        Target = e.Target;
        Value = e.Value;
        MessageNonce = e.MessageNonce;
        GasLimit = e.GasLimit;
        Asset = e.Asset;
        Amount = e.Amount;
        CarriedMessageId = e.CarriedMessageId;
    }

    private EventRef? Earliest(EventKind kind) =>
        _steps.Where(s => s.Kind == kind).Select(s => s.At).Aggregate((EventRef?)null, (earliest, at) => earliest is null || at.IsBefore(earliest) ? at : earliest);
}
