using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// CCTP v1 MessageTransmitter. Lifecycle: MessageSent (message version 0) -> <see cref="EventKind.MessageSent"/>;
/// MessageReceived(caller, sourceDomain, nonce, sender, messageBody) -> <see cref="EventKind.MessageRelayed"/>.
/// Circle's attestation happens off chain, and a failed receiveMessage reverts (no event), so there is no
/// proven/failed step in the logs.
/// Key: keccak256(abi.encodePacked(uint32 sourceDomain, uint64 nonce)), the contract's own usedNonces key
/// (<see cref="CctpKeys.V1"/>): the send reads both from its message header, the receive from its event.
/// Asset/Amount: when the message sender is a TokenMessenger, the body is a BurnMessage and gives burnToken and
/// amount (the same values TokenMessenger's DepositForBurn event repeats); both sides record them.
/// MessageSent logs of version 1 belong to <see cref="CctpV2Decoder"/> and are skipped here.
/// </summary>
public sealed class CctpV1Decoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.CctpV1;

    public IReadOnlyList<Hash32> Topics => CctpSignatures.V1Topics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == CctpSignatures.MessageSent)
            {
                DecodeSent(log, context, sink);
            }
            else if (log.Topic0 == CctpSignatures.MessageReceivedV1)
            {
                DecodeReceived(log, context, sink);
            }
        }
    }

    private static void DecodeSent(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = CctpLogReader.TryReadSentMessage(log, out var range);
        var message = log.Data.Span[range];
        if (error is null && CctpMessage.TryReadVersion(message, out var version) && version == CctpMessage.V2Version)
        {
            return; // a v2 message: CctpV2Decoder's
        }

        CctpMessage header = default;
        error ??= CctpMessage.TryParseV1(message, out header, out var parseError) ? null : parseError;
        error ??= CctpLogReader.CheckLocalDomain(context, log.ChainId, header.SourceDomain, "message sourceDomain");
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var body = log.Data[(range.Start.Value + header.BodyOffset)..range.End.Value];
        var transfer = CctpTransfer.From(header.Sender, body.Span, v2: false);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.CctpV1,
            Kind = EventKind.MessageSent,
            CorrelationKey = CctpKeys.V1(header.SourceDomain, header.Nonce.LowUInt64),
            SourceChainId = log.ChainId,
            DestinationChainId = context.Domains.ToChainId(CctpDomains.Space, header.DestinationDomain),
            Sender = CctpLogReader.AsAddressOrZero(header.Sender),
            Target = CctpLogReader.AsAddressOrZero(header.Recipient),
            MessageNonce = header.Nonce,
            Payload = body,
            Asset = transfer.Asset,
            Amount = transfer.Amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    // MessageReceived(address indexed caller, uint32 sourceDomain, uint64 indexed nonce, bytes32 sender, bytes messageBody).
    private static void DecodeReceived(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadReceived(log, out var sourceDomain, out var nonce, out var sender, out var body);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var transfer = CctpTransfer.From(sender, body.Span, v2: false);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.CctpV1,
            Kind = EventKind.MessageRelayed,
            CorrelationKey = CctpKeys.V1(sourceDomain, nonce),
            SourceChainId = context.Domains.ToChainId(CctpDomains.Space, sourceDomain),
            DestinationChainId = log.ChainId,
            Sender = CctpLogReader.AsAddressOrZero(sender),
            MessageNonce = Hash32.FromUInt64(nonce),
            Payload = body,
            Asset = transfer.Asset,
            Amount = transfer.Amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static string? TryReadReceived(RawLog log, out uint sourceDomain, out ulong nonce, out Hash32 sender, out ReadOnlyMemory<byte> body)
    {
        sourceDomain = 0;
        nonce = 0;
        sender = default;
        body = default;
        if (log.Topics.Length != 3)
        {
            return $"MessageReceived (v1) needs 3 topics (signature, caller, nonce), got {log.Topics.Length}";
        }

        if (!log.Topics[2].FitsInUInt64)
        {
            return "MessageReceived nonce topic does not fit in uint64";
        }

        nonce = log.Topics[2].LowUInt64;
        var error = CctpLogReader.TryReadReceived(log, out sourceDomain, out sender, out var range);
        body = error is null ? log.Data[range] : default;
        return error;
    }
}
