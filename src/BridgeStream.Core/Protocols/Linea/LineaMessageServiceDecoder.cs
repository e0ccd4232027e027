using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Linea;

/// <summary>
/// Linea's message service in both directions (L1 LineaRollup -> L2 L2MessageService and back). Lifecycle: MessageSent ->
/// <see cref="EventKind.MessageSent"/>, keyed by the message hash; MessageClaimed on the other layer ->
/// <see cref="EventKind.MessageRelayed"/> (a claim whose call fails reverts, so there is no failure event).
/// The key is recomputed from the event's fields as the contracts compute it (<see cref="LineaMessageHash"/>) and must
/// equal the event's own _messageHash topic; a log where they differ is not a Linea message and is rejected.
/// MessageSent is recognised by its (distinctive) signature and self-checking hash from any emitter; MessageClaimed(bytes32)
/// is a generic signature, so it is only claimed from a Linea message service (mainnet table or configured kind).
/// Asset/Amount: a TokenBridge completeBridging message moves `_amount` of `_nativeToken`, which is the source-chain token
/// only when the token is native to the source chain (`_chainId` = source); a bridged token's source-chain address is
/// not in the message, so such a transfer is recorded as none. Otherwise the ETH `_value`. The `_fee` (paid to whoever
/// claims) has no field of its own.
/// </summary>
public sealed class LineaMessageServiceDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.LineaMessageService;

    public IReadOnlyList<Hash32> Topics => LineaSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == LineaSignatures.MessageSent)
            {
                DecodeSend(log, context, sink);
            }
            else if (log.Topic0 == LineaSignatures.MessageClaimed && IsLineaService(log, context))
            {
                DecodeClaim(log, context, sink);
            }
        }
    }

    private static bool IsLineaService(RawLog log, DecodeContext context) =>
        LineaDeployments.MainnetCounterpartyOf(log.ChainId, log.Address) != 0
        || context.Contracts.Find(log.ChainId, log.Address)?.Protocol == Protocol.LineaMessageService;

    private static ulong Counterparty(RawLog log, DecodeContext context) =>
        context.Contracts.Find(log.ChainId, log.Address)?.CounterpartyChainId is { } configured and not 0
            ? configured
            : LineaDeployments.MainnetCounterpartyOf(log.ChainId, log.Address);

    private static void DecodeSend(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadSend(log, out var send);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var calldata = log.Data[send.Calldata];
        var hash = LineaMessageHash.Compute(send.From, send.To, send.Fee, send.Value, send.Nonce, calldata.Span);
        if (hash != send.MessageHash)
        {
            sink.OnRejected(new RejectedLog(log, $"MessageSent _messageHash {send.MessageHash} is not the hash of its fields ({hash})"));
            return;
        }

        var (asset, amount) = Transfer(log.ChainId, send.Value, calldata.Span);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.LineaMessageService,
            Kind = EventKind.MessageSent,
            CorrelationKey = hash,
            SourceChainId = log.ChainId,
            DestinationChainId = Counterparty(log, context),
            Sender = send.From,
            Target = send.To,
            Value = send.Value,
            MessageNonce = send.Nonce,
            Payload = calldata,
            Asset = asset,
            Amount = amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static void DecodeClaim(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        if (log.Topics.Length != 2)
        {
            sink.OnRejected(new RejectedLog(log, $"MessageClaimed needs 2 topics (signature, messageHash), got {log.Topics.Length}"));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.LineaMessageService,
            Kind = EventKind.MessageRelayed,
            CorrelationKey = log.Topics[1],
            SourceChainId = Counterparty(log, context),
            DestinationChainId = log.ChainId,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static (Address Asset, Hash32 Amount) Transfer(ulong sourceChainId, Hash32 value, ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length >= 4 + (32 * 5) && BinaryPrimitives.ReadUInt32BigEndian(calldata) == LineaSignatures.CompleteBridgingSelector)
        {
            var arguments = new AbiReader(calldata[4..]);
            if (arguments.TryAddress(0, out var nativeToken) && arguments.TryWord(1, out var amount) && arguments.TryUInt64(3, out var nativeChainId))
            {
                return nativeChainId == sourceChainId ? (nativeToken, amount) : (Address.Zero, Hash32.Zero);
            }
        }

        return (Address.Zero, value);
    }

    private readonly record struct DecodedSend(Address From, Address To, Hash32 Fee, Hash32 Value, Hash32 Nonce, Range Calldata, Hash32 MessageHash);

    // MessageSent(address indexed _from, address indexed _to, uint256 _fee, uint256 _value, uint256 _nonce, bytes _calldata, bytes32 indexed _messageHash).
    private static string? TryReadSend(RawLog log, out DecodedSend send)
    {
        send = default;
        if (log.Topics.Length != 4)
        {
            return $"MessageSent needs 4 topics (signature, _from, _to, _messageHash), got {log.Topics.Length}";
        }

        if (!TopicWords.TryAddress(log.Topics[1], out var from) || !TopicWords.TryAddress(log.Topics[2], out var to))
        {
            return "MessageSent _from or _to topic is not an address";
        }

        var data = new AbiReader(log.Data.Span);
        if (!data.TryWord(0, out var fee) || !data.TryWord(1, out var value) || !data.TryWord(2, out var nonce))
        {
            return $"MessageSent data is {data.Length} bytes, needs at least 128";
        }

        if (!data.TryBytes(3, out var calldata, out var bytesError))
        {
            return $"MessageSent _calldata: {bytesError}";
        }

        send = new DecodedSend(from, to, fee, value, nonce, calldata, log.Topics[3]);
        return null;
    }
}
