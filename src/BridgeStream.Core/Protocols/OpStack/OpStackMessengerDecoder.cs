using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStack;

/// <summary>
/// OP Stack CrossDomainMessenger events, in either direction (L1->L2 deposits on L1CrossDomainMessenger, L2->L1 on
/// L2CrossDomainMessenger). A send is SentMessage followed by SentMessageExtension1 (the value) in the same transaction;
/// its correlation key is the hash the other side's relayMessage computes, which RelayedMessage/FailedRelayedMessage carry.
/// A send whose message is a StandardBridge finalizeBridgeETH / finalizeBridgeERC20 call records the token (on the source
/// chain; zero for ETH) and amount it moves (<see cref="StandardBridgeCall"/>); other sends have none.
/// </summary>
public sealed class OpStackMessengerDecoder : IProtocolDecoder
{
    public const string MessengerKind = "CrossDomainMessenger";

    public Protocol Protocol => Protocol.OpStackMessenger;

    public IReadOnlyList<Hash32> Topics => OpStackSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        for (var i = 0; i < transactionLogs.Length; i++)
        {
            var log = transactionLogs[i];
            var topic = log.Topic0;
            if (topic == OpStackSignatures.SentMessage)
            {
                var extension = FindExtension(transactionLogs, i);
                DecodeSend(log, extension, context, sink);
            }
            else if (topic == OpStackSignatures.RelayedMessage)
            {
                DecodeReceive(log, EventKind.MessageRelayed, context, sink);
            }
            else if (topic == OpStackSignatures.FailedRelayedMessage)
            {
                DecodeReceive(log, EventKind.MessageRelayFailed, context, sink);
            }
            else if (topic == OpStackSignatures.SentMessageExtension1 && !FollowsSentMessage(transactionLogs, i))
            {
                sink.OnRejected(new RejectedLog(log, "SentMessageExtension1 without a SentMessage before it from the same contract"));
            }
        }
    }

    // The messenger emits SentMessageExtension1 right after SentMessage; anything in between would be another contract's log.
    private static RawLog? FindExtension(ReadOnlySpan<RawLog> logs, int sentIndex)
    {
        var sent = logs[sentIndex];
        for (var j = sentIndex + 1; j < logs.Length; j++)
        {
            var candidate = logs[j];
            if (candidate.Address != sent.Address)
            {
                continue;
            }

            return candidate.Topic0 == OpStackSignatures.SentMessageExtension1 ? candidate : null;
        }

        return null;
    }

    private static bool FollowsSentMessage(ReadOnlySpan<RawLog> logs, int extensionIndex)
    {
        for (var j = extensionIndex - 1; j >= 0; j--)
        {
            if (logs[j].Address == logs[extensionIndex].Address)
            {
                return logs[j].Topic0 == OpStackSignatures.SentMessage;
            }
        }

        return false;
    }

    private static void DecodeSend(RawLog log, RawLog? extension, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadSend(log, extension, out var send);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var contract = context.Contracts.Find(log.ChainId, log.Address);
        StandardBridgeCall.TryRead(send.Message.Span, out var asset, out var amount);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpStackMessenger,
            Kind = EventKind.MessageSent,
            CorrelationKey = send.Hash,
            SourceChainId = log.ChainId,
            DestinationChainId = contract?.CounterpartyChainId ?? 0,
            Sender = send.Sender,
            Target = send.Target,
            Value = send.Value,
            MessageNonce = send.Nonce,
            GasLimit = send.GasLimit,
            Payload = send.Message,
            Asset = asset,
            Amount = amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static void DecodeReceive(RawLog log, EventKind kind, DecodeContext context, IDecodeSink sink)
    {
        if (log.Topics.Length != 2)
        {
            sink.OnRejected(new RejectedLog(log, $"{kind} needs 2 topics (signature, msgHash), got {log.Topics.Length}"));
            return;
        }

        var contract = context.Contracts.Find(log.ChainId, log.Address);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpStackMessenger,
            Kind = kind,
            CorrelationKey = log.Topics[1],
            SourceChainId = contract?.CounterpartyChainId ?? 0,
            DestinationChainId = log.ChainId,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private readonly record struct DecodedSend(
        Address Sender, Address Target, Hash32 Value, Hash32 Nonce, ulong GasLimit, ReadOnlyMemory<byte> Message, Hash32 Hash);

    private static string? TryReadSend(RawLog log, RawLog? extension, out DecodedSend send)
    {
        send = default;
        if (log.Topics.Length != 2)
        {
            return $"SentMessage needs 2 topics (signature, target), got {log.Topics.Length}";
        }

        if (!TopicWords.TryAddress(log.Topics[1], out var target))
        {
            return "SentMessage target topic is not an address";
        }

        var data = new AbiReader(log.Data.Span);
        if (data.Length < 5 * 32)
        {
            return $"SentMessage data is {data.Length} bytes, needs at least 160";
        }

        if (!data.TryAddress(0, out var sender))
        {
            return "SentMessage sender is not an address";
        }

        if (!data.TryBytes(1, out var messageRange, out var bytesError))
        {
            return $"SentMessage message: {bytesError}";
        }

        data.TryWord(2, out var nonce);
        if (!data.TryUInt64(3, out var gasLimit))
        {
            return "SentMessage gasLimit does not fit in 64 bits";
        }

        var value = Hash32.Zero;
        var version = CrossDomainMessageHash.NonceVersion(nonce);
        if (version == 1)
        {
            var extensionError = TryReadValue(extension, sender, out value);
            if (extensionError is not null)
            {
                return extensionError;
            }
        }

        var message = log.Data[messageRange];
        var hash = CrossDomainMessageHash.Compute(nonce, sender, target, value, gasLimit, message.Span);
        if (hash is null)
        {
            return $"SentMessage nonce has unknown version {version}";
        }

        send = new DecodedSend(sender, target, value, nonce, gasLimit, message, hash.Value);
        return null;
    }

    private static string? TryReadValue(RawLog? extension, Address sender, out Hash32 value)
    {
        value = default;
        if (extension is null)
        {
            return "SentMessage without its SentMessageExtension1 (value) from the same contract";
        }

        if (extension.Topics.Length != 2 || !TopicWords.TryAddress(extension.Topics[1], out var extensionSender))
        {
            return "SentMessageExtension1 needs 2 topics (signature, sender address)";
        }

        if (extensionSender != sender)
        {
            return "SentMessageExtension1 sender differs from SentMessage sender";
        }

        return new AbiReader(extension.Data.Span).TryWord(0, out value) ? null : "SentMessageExtension1 data has no value word";
    }
}
