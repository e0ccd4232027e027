using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Alerting;

/// <summary>
/// What the alerting keeps of a message that is not delivered yet: its route, status and the times its timers count
/// from (unix milliseconds, block time; <see cref="None"/> where absent). A value type of 96 bytes.
/// </summary>
public struct OpenMessage
{
    public const long None = long.MinValue;

    public Hash32 Id { get; set; }

    public ulong Source { get; set; }

    public ulong Destination { get; set; }

    /// <summary>Block time of the send.</summary>
    public long SentAtMs { get; set; }

    /// <summary>Block time of the latest destination-side step short of delivery: the last failed attempt, else the arrival.</summary>
    public long DestinationStepAtMs { get; set; }

    /// <summary>When the challenge window ends (messages.finalizable_at).</summary>
    public long FinalizableAtMs { get; set; }

    /// <summary>When it can no longer be executed (messages.expires_at).</summary>
    public long ExpiresAtMs { get; set; }

    /// <summary>The message row's version (Kafka offset + 1): a snapshot older than the one held is ignored.</summary>
    public ulong Version { get; set; }

    private byte _protocol;
    private byte _status;

    /// <summary>It transports another protocol's message (messages.carried_message_id is set).</summary>
    public bool CarriesMessage { get; set; }

    public int Partition { get; set; }

    // Stored as bytes: a million of these add up.
    public Protocol Protocol
    {
        readonly get => (Protocol)_protocol;
        set => _protocol = (byte)value;
    }

    public MessageStatus Status
    {
        readonly get => (MessageStatus)_status;
        set => _status = (byte)value;
    }

    /// <summary>Delivered, or every step retracted: nothing left to time.</summary>
    public readonly bool IsClosed => Status is MessageStatus.Delivered or 0;

    public readonly RouteKey Route => new(Protocol, Source, Destination);

    /// <summary>A snapshot of a correlator record (which the correlator keeps mutating, so it is copied at once).</summary>
    public static OpenMessage From(MessageRecord record, MessageDeadlines deadlines) => new()
    {
        Id = record.MessageId,
        Source = record.SourceChainId,
        Destination = record.DestinationChainId,
        SentAtMs = Ms(record.Send),
        DestinationStepAtMs = Ms(record.LastFailure ?? record.Arrival),
        FinalizableAtMs = deadlines.FinalizableAt is { } f ? f * 1000 : None,
        ExpiresAtMs = deadlines.ExpiresAt is { } e ? e * 1000 : None,
        Version = record.Version,
        Partition = record.Partition,
        Protocol = record.Protocol,
        Status = record.IsEmpty ? 0 : record.Status,
        CarriesMessage = !record.CarriedMessageId.IsZero,
    };

    private static long Ms(EventRef? at) => at is null ? None : at.BlockTimestamp * 1000;
}

/// <summary>A route: protocol, source chain, destination chain. Thresholds (adaptive ones too) are per route.</summary>
public readonly record struct RouteKey(Protocol Protocol, ulong Source, ulong Destination)
{
    public override string ToString() => $"{Protocol} {Source}->{Destination}";
}
