using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Hyperlane;

/// <summary>
/// Hyperlane Mailbox events, keyed by the message id (keccak256 of the packed message).
/// Lifecycle: Dispatch (+ DispatchId right after it, same Mailbox) -> <see cref="EventKind.MessageSent"/>;
/// Process (+ ProcessId right after it) -> <see cref="EventKind.MessageRelayed"/>. The Mailbox emits Process/ProcessId
/// before it calls the recipient, and the whole process() call reverts if the recipient fails, so there is no failed
/// delivery event on chain: an undelivered message simply has no Process. There is no proof/arrival step in the logs
/// (the ISM verifies inside process()).
/// The send's id is computed from the Dispatch message and, when the DispatchId log is present, must equal it.
/// The receive's id comes from ProcessId (Process alone does not carry it; it only gives origin, sender, recipient).
/// Warp routes: when the Dispatch sender (the TokenRouter) also emitted SentTransferRemote in the same transaction
/// for the same destination and recipient, the body is a TokenMessage (recipient bytes32, amount uint256, metadata):
/// Amount is the message's amount word (already scaled by the router's `scale`, i.e. in the units the message
/// carries) and Asset is the TokenRouter address (the token itself for synthetic HypERC20 routers; for collateral
/// routers the wrapped ERC20 is router.wrappedToken(), which no log carries).
/// </summary>
public sealed class HyperlaneMailboxDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.Hyperlane;

    public IReadOnlyList<Hash32> Topics => HyperlaneSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        for (var i = 0; i < transactionLogs.Length; i++)
        {
            var log = transactionLogs[i];
            var topic = log.Topic0;
            if (topic == HyperlaneSignatures.Dispatch)
            {
                DecodeDispatch(transactionLogs, i, context, sink);
            }
            else if (topic == HyperlaneSignatures.ProcessId)
            {
                DecodeProcess(transactionLogs, i, context, sink);
            }
            else if (topic == HyperlaneSignatures.DispatchId && !IsPreviousFromEmitter(transactionLogs, i, HyperlaneSignatures.Dispatch))
            {
                sink.OnRejected(new RejectedLog(log, "DispatchId without a Dispatch before it from the same Mailbox"));
            }
            else if (topic == HyperlaneSignatures.Process && !IsNextFromEmitter(transactionLogs, i, HyperlaneSignatures.ProcessId))
            {
                sink.OnRejected(new RejectedLog(log, "Process without a ProcessId after it from the same Mailbox"));
            }

            // SentTransferRemote is only read as the companion of a Dispatch; on its own it is not a message.
        }
    }

    private static void DecodeDispatch(ReadOnlySpan<RawLog> logs, int index, DecodeContext context, IDecodeSink sink)
    {
        var log = logs[index];
        var error = TryReadDispatch(log, out var message, out var id, out var sender);
        error ??= CheckDispatchId(logs, index, id);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var body = log.Data[message.Body];
        var transfer = FindWarpTransfer(logs, sender, message, body.Span);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.Hyperlane,
            Kind = EventKind.MessageSent,
            CorrelationKey = id,
            SourceChainId = log.ChainId,
            DestinationChainId = context.Domains.ToChainId(HyperlaneDomains.Space, message.Destination),
            Sender = sender,
            Target = AsEvmAddress(message.Recipient),
            MessageNonce = Hash32.FromUInt64(message.Nonce),
            Payload = body,
            Asset = transfer is null ? Address.Zero : sender,
            Amount = transfer ?? Hash32.Zero,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    // Dispatch(address indexed sender, uint32 indexed destination, bytes32 indexed recipient, bytes message).
    private static string? TryReadDispatch(RawLog log, out HyperlaneMessage message, out Hash32 id, out Address sender)
    {
        message = default;
        id = default;
        sender = default;
        if (log.Topics.Length != 4)
        {
            return $"Dispatch needs 4 topics (signature, sender, destination, recipient), got {log.Topics.Length}";
        }

        if (!TopicWords.TryAddress(log.Topics[1], out sender))
        {
            return "Dispatch sender topic is not an address";
        }

        if (!new AbiReader(log.Data.Span).TryBytes(0, out var range, out var bytesError))
        {
            return $"Dispatch message: {bytesError}";
        }

        var packed = log.Data.Span[range];
        if (!HyperlaneMessage.TryParse(packed, out message, out var parseError))
        {
            return parseError;
        }

        message = message with { Body = new Range(range.Start.Value + HyperlaneMessage.HeaderLength, range.End.Value) };
        id = HyperlaneMessage.Id(packed);
        return CheckTopicsAgainstMessage(log, message, sender);
    }

    // The indexed topics are copies of header fields; a mismatch means the log is not what it claims to be.
    private static string? CheckTopicsAgainstMessage(RawLog log, HyperlaneMessage message, Address sender)
    {
        if (!TopicWords.TryUInt32(log.Topics[2], out var destination) || destination != message.Destination)
        {
            return $"Dispatch destination topic differs from the message's destination domain {message.Destination}";
        }

        if (log.Topics[3] != message.Recipient)
        {
            return "Dispatch recipient topic differs from the message's recipient";
        }

        return TopicWords.FromAddress(sender) == message.Sender ? null : "Dispatch sender topic differs from the message's sender";
    }

    private static string? CheckDispatchId(ReadOnlySpan<RawLog> logs, int dispatchIndex, Hash32 id)
    {
        var next = NextFromEmitter(logs, dispatchIndex);
        if (next is null || next.Topic0 != HyperlaneSignatures.DispatchId)
        {
            return null; // the id is fully determined by the message; DispatchId is only a cross-check
        }

        if (next.Topics.Length != 2)
        {
            return $"DispatchId needs 2 topics (signature, messageId), got {next.Topics.Length}";
        }

        return next.Topics[1] == id ? null : $"DispatchId {next.Topics[1]} differs from keccak256(message) {id}";
    }

    private static Hash32? FindWarpTransfer(ReadOnlySpan<RawLog> logs, Address router, HyperlaneMessage message, ReadOnlySpan<byte> body)
    {
        var tokenMessage = new AbiReader(body);
        if (!tokenMessage.TryWord(0, out var recipient) || !tokenMessage.TryWord(1, out var amount))
        {
            return null;
        }

        foreach (var log in logs)
        {
            if (log.Address == router && log.Topic0 == HyperlaneSignatures.SentTransferRemote && log.Topics.Length == 3
                && TopicWords.TryUInt32(log.Topics[1], out var destination) && destination == message.Destination
                && log.Topics[2] == recipient)
            {
                return amount;
            }
        }

        return null;
    }

    private static void DecodeProcess(ReadOnlySpan<RawLog> logs, int index, DecodeContext context, IDecodeSink sink)
    {
        var processId = logs[index];
        var process = PreviousFromEmitter(logs, index);
        var error = TryReadProcess(processId, process, out var origin, out var sender, out var recipient);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(processId, error));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(processId),
            Protocol = Protocol.Hyperlane,
            Kind = EventKind.MessageRelayed,
            CorrelationKey = processId.Topics[1],
            SourceChainId = context.Domains.ToChainId(HyperlaneDomains.Space, origin),
            DestinationChainId = processId.ChainId,
            Sender = AsEvmAddress(sender),
            Target = recipient,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    // Process(uint32 indexed origin, bytes32 indexed sender, address indexed recipient), then ProcessId(bytes32 indexed messageId).
    private static string? TryReadProcess(RawLog processId, RawLog? process, out uint origin, out Hash32 sender, out Address recipient)
    {
        origin = 0;
        sender = default;
        recipient = default;
        if (processId.Topics.Length != 2)
        {
            return $"ProcessId needs 2 topics (signature, messageId), got {processId.Topics.Length}";
        }

        if (process is null || process.Topic0 != HyperlaneSignatures.Process)
        {
            return "ProcessId without its Process before it from the same Mailbox";
        }

        if (process.Topics.Length != 4)
        {
            return $"Process needs 4 topics (signature, origin, sender, recipient), got {process.Topics.Length}";
        }

        if (!TopicWords.TryUInt32(process.Topics[1], out origin))
        {
            return "Process origin topic is not a uint32";
        }

        sender = process.Topics[2];
        return TopicWords.TryAddress(process.Topics[3], out recipient) ? null : "Process recipient topic is not an address";
    }

    private static RawLog? NextFromEmitter(ReadOnlySpan<RawLog> logs, int index)
    {
        for (var j = index + 1; j < logs.Length; j++)
        {
            if (logs[j].Address == logs[index].Address)
            {
                return logs[j];
            }
        }

        return null;
    }

    private static RawLog? PreviousFromEmitter(ReadOnlySpan<RawLog> logs, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            if (logs[j].Address == logs[index].Address)
            {
                return logs[j];
            }
        }

        return null;
    }

    private static bool IsPreviousFromEmitter(ReadOnlySpan<RawLog> logs, int index, Hash32 topic) =>
        PreviousFromEmitter(logs, index)?.Topic0 == topic;

    private static bool IsNextFromEmitter(ReadOnlySpan<RawLog> logs, int index, Hash32 topic) =>
        NextFromEmitter(logs, index)?.Topic0 == topic;

    /// <summary>bytes32 recipients/senders of EVM chains are left-padded addresses; other chains' (Solana...) are not.</summary>
    private static Address AsEvmAddress(Hash32 word) => TopicWords.TryAddress(word, out var address) ? address : Address.Zero;
}
