using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using Google.Protobuf;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Kafka;

/// <summary>Maps domain events to the Kafka contract (schemas/kafka/bridge_events.proto) and back, validating on the way in.</summary>
public static class BridgeEventCodec
{
    public static byte[] Encode(BridgeEvent e)
    {
        var position = e.Position;
        var message = new V1.BridgeEventEnvelope
        {
            Event = new V1.BridgeEvent
            {
                Position = new V1.LogPosition
                {
                    ChainId = position.ChainId,
                    BlockNumber = position.BlockNumber,
                    BlockHash = Bytes(position.BlockHash),
                    TxHash = Bytes(position.TransactionHash),
                    LogIndex = position.LogIndex,
                    BlockTimestamp = position.BlockTimestamp,
                    Emitter = Bytes(position.Emitter),
                },
                Protocol = (V1.Protocol)e.Protocol,
                Kind = (V1.EventKind)e.Kind,
                CorrelationKey = Bytes(e.CorrelationKey),
                SourceChainId = e.SourceChainId,
                DestinationChainId = e.DestinationChainId,
                ObservedAtUnixNanos = e.ObservedAtUnixNanos,
            },
        };
        if (e.IsSend)
        {
            var ev = message.Event;
            ev.Sender = Bytes(e.Sender);
            ev.Target = Bytes(e.Target);
            ev.Value = Bytes(e.Value);
            ev.MessageNonce = Bytes(e.MessageNonce);
            ev.GasLimit = e.GasLimit;
            ev.Payload = ByteString.CopyFrom(e.Payload.Span);
            if (!e.CarriedMessageId.IsZero)
            {
                ev.CarriedMessageId = Bytes(e.CarriedMessageId);
            }
        }

        if (!e.Amount.IsZero || e.Asset != default)
        {
            message.Event.Asset = Bytes(e.Asset);
            message.Event.Amount = Bytes(e.Amount);
        }

        return message.ToByteArray();
    }

    /// <summary>Decodes a record value; a record that is not a valid event yields the reason instead.</summary>
    public static BridgeEvent? TryDecode(ReadOnlySpan<byte> value, out string? error)
    {
        V1.BridgeEventEnvelope envelope;
        try
        {
            envelope = V1.BridgeEventEnvelope.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = $"not a BridgeEventEnvelope: {ex.Message}";
            return null;
        }

        error = Validate(envelope.Event);
        return error is null ? ToDomain(envelope.Event) : null;
    }

    private static string? Validate(V1.BridgeEvent? e)
    {
        if (e?.Position is null)
        {
            return "envelope has no event or no position";
        }

        if (e.Kind is V1.EventKind.Unspecified || !Enum.IsDefined(e.Kind) || e.Protocol is V1.Protocol.Unspecified || !Enum.IsDefined(e.Protocol))
        {
            return $"unknown protocol {e.Protocol} or kind {e.Kind}";
        }

        if (e.CorrelationKey.Length != 32 || e.Position.BlockHash.Length != 32 || e.Position.TxHash.Length != 32)
        {
            return "correlation key, block hash and tx hash must be 32 bytes";
        }

        if (e.Kind == V1.EventKind.MessageSent && (e.Sender.Length != 20 || e.Target.Length != 20 || e.Value.Length != 32 || e.MessageNonce.Length != 32))
        {
            return "a send needs a 20-byte sender and target and 32-byte value and nonce";
        }

        return null;
    }

    private static BridgeEvent ToDomain(V1.BridgeEvent e)
    {
        var p = e.Position;
        var isSend = e.Kind == V1.EventKind.MessageSent;
        return new BridgeEvent
        {
            Position = new LogPosition(
                p.ChainId, p.BlockNumber, new Hash32(p.BlockHash.Span), new Hash32(p.TxHash.Span), p.LogIndex, p.BlockTimestamp,
                p.Emitter.Length == 20 ? new Address(p.Emitter.Span) : default),
            Protocol = (Protocol)e.Protocol,
            Kind = (EventKind)e.Kind,
            CorrelationKey = new Hash32(e.CorrelationKey.Span),
            SourceChainId = e.SourceChainId,
            DestinationChainId = e.DestinationChainId,
            Sender = isSend ? new Address(e.Sender.Span) : default,
            Target = isSend ? new Address(e.Target.Span) : default,
            Value = isSend ? new Hash32(e.Value.Span) : default,
            MessageNonce = isSend ? new Hash32(e.MessageNonce.Span) : default,
            GasLimit = e.GasLimit,
            Payload = e.Payload.Memory,
            ObservedAtUnixNanos = e.ObservedAtUnixNanos,
            Asset = e.Asset.Length == 20 ? new Address(e.Asset.Span) : default,
            Amount = e.Amount.Length == 32 ? new Hash32(e.Amount.Span) : default,
            CarriedMessageId = e.CarriedMessageId.Length == 32 ? new Hash32(e.CarriedMessageId.Span) : default,
        };
    }

    public static byte[] EncodeDeadLetter(RejectedLog rejected, string stage)
    {
        var log = rejected.Log;
        var letter = new V1.DeadLetter
        {
            ChainId = log.ChainId,
            BlockNumber = log.BlockNumber,
            BlockHash = Bytes(log.BlockHash),
            TxHash = Bytes(log.TransactionHash),
            LogIndex = log.LogIndex,
            Emitter = Bytes(log.Address),
            Data = ByteString.CopyFrom(log.Data.Span),
            Reason = rejected.Reason,
            Stage = stage,
            AtUnixMillis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        letter.Topics.AddRange(log.Topics.Select(Bytes));
        return letter.ToByteArray();
    }

    public static byte[] EncodeUnreadableRecord(ReadOnlySpan<byte> value, string reason) =>
        new V1.DeadLetter
        {
            Reason = reason,
            Stage = "process",
            AtUnixMillis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            OriginalValue = ByteString.CopyFrom(value),
        }.ToByteArray();

    public static ByteString Bytes(Hash32 word)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.CopyTo(bytes);
        return ByteString.CopyFrom(bytes);
    }

    public static ByteString Bytes(Address address)
    {
        Span<byte> bytes = stackalloc byte[20];
        address.CopyTo(bytes);
        return ByteString.CopyFrom(bytes);
    }

    public static byte[] Key(Hash32 correlationKey) => correlationKey.ToArray();
}
