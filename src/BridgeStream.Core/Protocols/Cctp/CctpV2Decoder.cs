using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// CCTP v2 MessageTransmitterV2. Lifecycle: MessageSent (message version 1) -> <see cref="EventKind.MessageSent"/>;
/// MessageReceived(caller, sourceDomain, nonce, sender, finalityThresholdExecuted, messageBody) ->
/// <see cref="EventKind.MessageRelayed"/> (a failed receive reverts; no event).
/// <para>
/// Pairing without Circle's API: the send's message has an EMPTY nonce (MessageV2._formatMessageForRelay writes
/// bytes32(0)); Circle's attester assigns the nonce and also fills finalityThresholdExecuted and, in a BurnMessageV2,
/// feeExecuted and expirationBlock. The receive event carries sourceDomain, sender and the (filled) body; the
/// destination domain is this chain's own (from <see cref="CctpDomains"/>; a receive on a chain without a known
/// domain is rejected). So the key is <see cref="CctpKeys.V2"/>: keccak256(sourceDomain, destinationDomain, sender,
/// body with the attester-filled burn fields zeroed), computed identically on both sides.
/// </para>
/// <para>
/// How sure: a receive can only pair with a send whose domains, sender and body (token, mint recipient, amount,
/// message sender, max fee, hook data) are all equal, so a wrong pairing needs two messages that agree on all of
/// that. Such twins (the same account sending the same amount to the same recipient on the same route with the
/// same max fee and hook data) get the SAME key and cannot be told apart on chain: their sends and receives
/// collapse onto one key. The fields the key does not see (recipient, destinationCaller, minFinalityThreshold)
/// are absent from MessageReceived. Only Circle's nonce (Iris API GET /v2/messages/{sourceDomain}?transactionHash=)
/// separates such twins; MessageNonce on the receive event carries it for that purpose.
/// </para>
/// </summary>
public sealed class CctpV2Decoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.CctpV2;

    public IReadOnlyList<Hash32> Topics => CctpSignatures.V2Topics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == CctpSignatures.MessageSent)
            {
                DecodeSent(log, context, sink);
            }
            else if (log.Topic0 == CctpSignatures.MessageReceivedV2)
            {
                DecodeReceived(log, context, sink);
            }
        }
    }

    private static void DecodeSent(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        // Malformed MessageSent logs and other versions are CctpV1Decoder's to reject, so each log is judged once.
        if (CctpLogReader.TryReadSentMessage(log, out var range) is not null
            || !CctpMessage.TryReadVersion(log.Data.Span[range], out var version) || version != CctpMessage.V2Version)
        {
            return;
        }

        var error = CctpMessage.TryParseV2(log.Data.Span[range], out var header, out var parseError) ? null : parseError;
        error ??= CctpLogReader.CheckLocalDomain(context, log.ChainId, header.SourceDomain, "message sourceDomain");
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var body = log.Data[(range.Start.Value + header.BodyOffset)..range.End.Value];
        var transfer = CctpTransfer.From(header.Sender, body.Span, v2: true);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.CctpV2,
            Kind = EventKind.MessageSent,
            CorrelationKey = CctpKeys.V2(header.SourceDomain, header.DestinationDomain, header.Sender, body.Span),
            SourceChainId = log.ChainId,
            DestinationChainId = context.Domains.ToChainId(CctpDomains.Space, header.DestinationDomain),
            Sender = CctpLogReader.AsAddressOrZero(header.Sender),
            Target = CctpLogReader.AsAddressOrZero(header.Recipient),
            Payload = body,
            Asset = transfer.Asset,
            Amount = transfer.Amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    // MessageReceived(address indexed caller, uint32 sourceDomain, bytes32 indexed nonce, bytes32 sender,
    //                 uint32 indexed finalityThresholdExecuted, bytes messageBody).
    private static void DecodeReceived(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = log.Topics.Length == 4
            ? CctpLogReader.TryReadReceived(log, out var sourceDomain, out var sender, out var range)
            : Fail($"MessageReceived (v2) needs 4 topics (signature, caller, nonce, finalityThresholdExecuted), got {log.Topics.Length}", out sourceDomain, out sender, out range);
        uint destinationDomain = 0;
        if (error is null && !context.Domains.TryGetDomain(CctpDomains.Space, log.ChainId, out destinationDomain))
        {
            error = $"chain {log.ChainId} has no known CCTP domain, so the v2 key (which includes the destination domain) cannot be computed";
        }

        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var body = log.Data[range];
        var transfer = CctpTransfer.From(sender, body.Span, v2: true);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.CctpV2,
            Kind = EventKind.MessageRelayed,
            CorrelationKey = CctpKeys.V2(sourceDomain, destinationDomain, sender, body.Span),
            SourceChainId = context.Domains.ToChainId(CctpDomains.Space, sourceDomain),
            DestinationChainId = log.ChainId,
            Sender = CctpLogReader.AsAddressOrZero(sender),
            MessageNonce = log.Topics[2],
            Payload = body,
            Asset = transfer.Asset,
            Amount = transfer.Amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static string Fail(string reason, out uint sourceDomain, out Hash32 sender, out Range body)
    {
        sourceDomain = 0;
        sender = default;
        body = default;
        return reason;
    }
}
