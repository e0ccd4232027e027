using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Scroll;

/// <summary>
/// Scroll L1/L2ScrollMessenger events, both directions, keyed by the message hash (<see cref="ScrollMessageHash"/>).
/// Lifecycle: SentMessage -> <see cref="EventKind.MessageSent"/>; RelayedMessage -> <see cref="EventKind.MessageRelayed"/>;
/// FailedRelayedMessage -> <see cref="EventKind.MessageRelayFailed"/> (the message can be replayed; a later
/// RelayedMessage carries the same hash). L2->L1 messages are proven inside relayMessageWithProof, so no separate
/// proven event exists in the messenger's logs.
/// Because RelayedMessage/FailedRelayedMessage have the same topic0 as OP Stack's, a relay is only claimed when its
/// emitter is a Scroll messenger (<see cref="ScrollDeployments"/> or a ContractDirectory entry with
/// Protocol.ScrollMessenger); relays from other emitters are left alone, not rejected.
/// Asset/Amount come from SentMessage: ETH value, or the gateway's ERC20 amount (<see cref="ScrollTransfer"/>).
/// </summary>
public sealed class ScrollMessengerDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.ScrollMessenger;

    public IReadOnlyList<Hash32> Topics => ScrollSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == ScrollSignatures.SentMessage)
            {
                DecodeSend(log, context, sink);
            }
            else if (log.Topic0 == ScrollSignatures.RelayedMessage && IsScrollMessenger(log, context))
            {
                DecodeRelay(log, EventKind.MessageRelayed, context, sink);
            }
            else if (log.Topic0 == ScrollSignatures.FailedRelayedMessage && IsScrollMessenger(log, context))
            {
                DecodeRelay(log, EventKind.MessageRelayFailed, context, sink);
            }
        }
    }

    private static bool IsScrollMessenger(RawLog log, DecodeContext context) =>
        ScrollDeployments.CounterpartyOf(log.ChainId, log.Address) != 0
        || context.Contracts.Find(log.ChainId, log.Address)?.Protocol == Protocol.ScrollMessenger;

    private static ulong Counterparty(RawLog log, DecodeContext context) =>
        context.Contracts.Find(log.ChainId, log.Address)?.CounterpartyChainId is { } configured and not 0
            ? configured
            : ScrollDeployments.CounterpartyOf(log.ChainId, log.Address);

    private static void DecodeSend(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadSend(log, out var send);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var message = log.Data[send.Message];
        var (asset, amount) = ScrollTransfer.Read(send.Value, message.Span);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ScrollMessenger,
            Kind = EventKind.MessageSent,
            CorrelationKey = ScrollMessageHash.Compute(send.Sender, send.Target, send.Value, send.Nonce, message.Span),
            SourceChainId = log.ChainId,
            DestinationChainId = Counterparty(log, context),
            Sender = send.Sender,
            Target = send.Target,
            Value = send.Value,
            MessageNonce = send.Nonce,
            GasLimit = send.GasLimit,
            Payload = message,
            Asset = asset,
            Amount = amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static void DecodeRelay(RawLog log, EventKind kind, DecodeContext context, IDecodeSink sink)
    {
        if (log.Topics.Length != 2)
        {
            sink.OnRejected(new RejectedLog(log, $"{kind} needs 2 topics (signature, messageHash), got {log.Topics.Length}"));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ScrollMessenger,
            Kind = kind,
            CorrelationKey = log.Topics[1],
            SourceChainId = Counterparty(log, context),
            DestinationChainId = log.ChainId,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private readonly record struct DecodedSend(Address Sender, Address Target, Hash32 Value, Hash32 Nonce, ulong GasLimit, Range Message);

    // SentMessage(address indexed sender, address indexed target, uint256 value, uint256 messageNonce, uint256 gasLimit, bytes message).
    private static string? TryReadSend(RawLog log, out DecodedSend send)
    {
        send = default;
        if (log.Topics.Length != 3)
        {
            return $"SentMessage needs 3 topics (signature, sender, target), got {log.Topics.Length}";
        }

        if (!TryTopicAddress(log.Topics[1], out var sender) || !TryTopicAddress(log.Topics[2], out var target))
        {
            return "SentMessage sender or target topic is not an address";
        }

        var data = new AbiReader(log.Data.Span);
        if (!data.TryWord(0, out var value) || !data.TryWord(1, out var nonce))
        {
            return $"SentMessage data is {data.Length} bytes, needs at least 128";
        }

        if (!data.TryUInt64(2, out var gasLimit))
        {
            return "SentMessage gasLimit is missing or does not fit in 64 bits";
        }

        if (!data.TryBytes(3, out var message, out var bytesError))
        {
            return $"SentMessage message: {bytesError}";
        }

        send = new DecodedSend(sender, target, value, nonce, gasLimit, message);
        return null;
    }

    private static bool TryTopicAddress(Hash32 topic, out Address address)
    {
        Span<byte> bytes = stackalloc byte[32];
        topic.CopyTo(bytes);
        return new AbiReader(bytes).TryAddress(0, out address);
    }
}
