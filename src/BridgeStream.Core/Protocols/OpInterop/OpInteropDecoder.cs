using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpInterop;

/// <summary>
/// OP Superchain interop (<see cref="OpInteropSignatures"/> lists the supported versions). Lifecycle:
/// <list type="bullet">
/// <item>L2ToL2CrossDomainMessenger SentMessage on the source L2 -> <see cref="EventKind.MessageSent"/>, keyed by
/// <see cref="L2ToL2MessageHash"/> computed from the event (destination and nonce from its topics, sender and message
/// from its data, source = the emitting chain), exactly as sendMessage computes the hash it returns.</item>
/// <item>CrossL2Inbox ExecutingMessage on the destination whose identifier's origin is the messenger ->
/// <see cref="EventKind.MessageArrived"/>: the destination validated the initiating log. Its msgHash is keccak256 of the
/// SentMessage payload (topics || data), not the message hash, so it is paired with the messenger RelayedMessage that
/// follows it in the same transaction (relayMessage calls validateMessage first and emits RelayedMessage last; the
/// relay's source must equal the identifier's chainId; each relay pairs with at most one, first come first served).
/// An ExecutingMessage with no such relay (someone called validateMessage directly) carries no message hash and is
/// left alone, as are executing messages of other applications (origin is not the messenger).</item>
/// <item>RelayedMessage (either version) on the destination -> <see cref="EventKind.MessageRelayed"/>, keyed by its
/// messageHash topic. A relay whose target call fails reverts, so failures leave no log: the message stays SENT
/// until relayed or until the expiry window passes (<see cref="OpInteropModule"/>).</item>
/// </list>
/// Only the predeploy addresses (or configured contracts of the interop kinds) are claimed; the same topics from other
/// emitters are not this protocol's and are left alone. Asset/Amount: a SuperchainTokenBridge relayERC20 message moves
/// `amount` of `token` (the same token address on every chain of the set); anything else moves nothing (the messenger
/// carries no ETH: sendMessage is not payable).
/// </summary>
public sealed class OpInteropDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.OpSuperchainInterop;

    public IReadOnlyList<Hash32> Topics => OpInteropSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        bool[]? paired = null;
        for (var i = 0; i < transactionLogs.Length; i++)
        {
            var log = transactionLogs[i];
            var topic = log.Topic0;
            if (topic == OpInteropSignatures.SentMessage && OpInteropContracts.IsMessenger(log, context))
            {
                DecodeSend(log, context, sink);
            }
            else if (IsRelayTopic(topic) && OpInteropContracts.IsMessenger(log, context))
            {
                DecodeRelay(log, context, sink);
            }
            else if (topic == OpInteropSignatures.ExecutingMessage && OpInteropContracts.IsInbox(log, context))
            {
                DecodeExecuting(transactionLogs, i, paired ??= new bool[transactionLogs.Length], context, sink);
            }
        }
    }

    private static bool IsRelayTopic(Hash32 topic) =>
        topic == OpInteropSignatures.RelayedMessage || topic == OpInteropSignatures.RelayedMessageWithReturnData;

    private static void DecodeSend(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadSend(log, out var send);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var message = log.Data[send.Message];
        var (asset, amount) = Transfer(send.Target, message.Span);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpSuperchainInterop,
            Kind = EventKind.MessageSent,
            CorrelationKey = L2ToL2MessageHash.Compute(send.Destination, log.ChainId, send.Nonce, send.Sender, send.Target, message.Span),
            SourceChainId = log.ChainId,
            DestinationChainId = send.Destination,
            Sender = send.Sender,
            Target = send.Target,
            MessageNonce = send.Nonce,
            Payload = message,
            Asset = asset,
            Amount = amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static void DecodeRelay(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadRelay(log, out var relay);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpSuperchainInterop,
            Kind = EventKind.MessageRelayed,
            CorrelationKey = relay.MessageHash,
            SourceChainId = relay.Source,
            DestinationChainId = log.ChainId,
            MessageNonce = relay.Nonce,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static void DecodeExecuting(ReadOnlySpan<RawLog> logs, int index, bool[] paired, DecodeContext context, IDecodeSink sink)
    {
        var log = logs[index];
        var error = TryReadIdentifier(log, out var origin, out var originChainId);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        if (!OpInteropContracts.IsMessengerOrigin(origin, originChainId, context))
        {
            return; // another application's cross-chain log: not a messenger message
        }

        for (var j = index + 1; j < logs.Length; j++)
        {
            var candidate = logs[j];
            if (paired[j] || !IsRelayTopic(candidate.Topic0) || !OpInteropContracts.IsMessenger(candidate, context)
                || TryReadRelay(candidate, out var relay) is not null || relay.Source != originChainId)
            {
                continue;
            }

            paired[j] = true;
            sink.OnEvent(new BridgeEvent
            {
                Position = LogPosition.Of(log),
                Protocol = Protocol.OpSuperchainInterop,
                Kind = EventKind.MessageArrived,
                CorrelationKey = relay.MessageHash,
                SourceChainId = originChainId,
                DestinationChainId = log.ChainId,
                MessageNonce = relay.Nonce,
                ObservedAtUnixNanos = context.ObservedAtUnixNanos,
            });
            return;
        }
    }

    private static (Address Asset, Hash32 Amount) Transfer(Address target, ReadOnlySpan<byte> message)
    {
        if (target == OpInteropContracts.SuperchainTokenBridge && message.Length >= 4 + (32 * 4)
            && BinaryPrimitives.ReadUInt32BigEndian(message) == OpInteropSignatures.RelayErc20Selector)
        {
            var arguments = new AbiReader(message[4..]);
            if (arguments.TryAddress(0, out var token) && arguments.TryWord(3, out var amount))
            {
                return (token, amount);
            }
        }

        return (Address.Zero, Hash32.Zero);
    }

    private readonly record struct DecodedSend(ulong Destination, Address Target, Hash32 Nonce, Address Sender, Range Message);

    // SentMessage(uint256 indexed destination, address indexed target, uint256 indexed messageNonce, address sender, bytes message).
    private static string? TryReadSend(RawLog log, out DecodedSend send)
    {
        send = default;
        if (log.Topics.Length != 4)
        {
            return $"SentMessage needs 4 topics (signature, destination, target, messageNonce), got {log.Topics.Length}";
        }

        if (!log.Topics[1].FitsInUInt64)
        {
            return "SentMessage destination chain id does not fit in 64 bits";
        }

        if (!TopicWords.TryAddress(log.Topics[2], out var target))
        {
            return "SentMessage target topic is not an address";
        }

        var data = new AbiReader(log.Data.Span);
        if (!data.TryAddress(0, out var sender))
        {
            return data.Length < 32 ? $"SentMessage data is {data.Length} bytes, needs at least 64" : "SentMessage sender is not an address";
        }

        if (!data.TryBytes(1, out var message, out var bytesError))
        {
            return $"SentMessage message: {bytesError}";
        }

        send = new DecodedSend(log.Topics[1].LowUInt64, target, log.Topics[3], sender, message);
        return null;
    }

    private readonly record struct DecodedRelay(ulong Source, Hash32 Nonce, Hash32 MessageHash);

    // RelayedMessage(uint256 indexed source, uint256 indexed messageNonce, bytes32 indexed messageHash[, bytes32 returnDataHash]).
    private static string? TryReadRelay(RawLog log, out DecodedRelay relay)
    {
        relay = default;
        if (log.Topics.Length != 4)
        {
            return $"RelayedMessage needs 4 topics (signature, source, messageNonce, messageHash), got {log.Topics.Length}";
        }

        var expectedData = log.Topic0 == OpInteropSignatures.RelayedMessageWithReturnData ? 32 : 0;
        if (log.Data.Length != expectedData)
        {
            return $"RelayedMessage data is {log.Data.Length} bytes, this version has {expectedData}";
        }

        if (!log.Topics[1].FitsInUInt64)
        {
            return "RelayedMessage source chain id does not fit in 64 bits";
        }

        relay = new DecodedRelay(log.Topics[1].LowUInt64, log.Topics[2], log.Topics[3]);
        return null;
    }

    // ExecutingMessage(bytes32 indexed msgHash, (address origin, uint256 blockNumber, uint256 logIndex, uint256 timestamp, uint256 chainId) id).
    private static string? TryReadIdentifier(RawLog log, out Address origin, out ulong chainId)
    {
        origin = default;
        chainId = 0;
        if (log.Topics.Length != 2)
        {
            return $"ExecutingMessage needs 2 topics (signature, msgHash), got {log.Topics.Length}";
        }

        var data = new AbiReader(log.Data.Span);
        if (data.Length != 5 * 32)
        {
            return $"ExecutingMessage data is {data.Length} bytes, the identifier is 160";
        }

        if (!data.TryAddress(0, out origin))
        {
            return "ExecutingMessage identifier origin is not an address";
        }

        if (!data.TryUInt64(4, out chainId))
        {
            return "ExecutingMessage identifier chain id does not fit in 64 bits";
        }

        return null;
    }
}
