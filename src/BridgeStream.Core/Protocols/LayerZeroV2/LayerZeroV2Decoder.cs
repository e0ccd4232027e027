using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// LayerZero EndpointV2 events, keyed by the packet GUID.
/// Lifecycle: PacketSent -> <see cref="EventKind.MessageSent"/>; PacketVerified (the DVNs' verification was committed
/// on the destination, not executed yet) -> <see cref="EventKind.MessageArrived"/>; PacketDelivered (lzReceive ran) ->
/// <see cref="EventKind.MessageRelayed"/>; LzReceiveAlert (an executor's lzReceive reverted; it can be retried) ->
/// <see cref="EventKind.MessageRelayFailed"/>.
/// <para>
/// Keys: the send reads the guid from the packet (bytes 81..113) and checks it equals
/// GUID.generate(nonce, srcEid, sender, dstEid, receiver) (<see cref="LayerZeroPacket.ComputeGuid"/>); a mismatch is rejected.
/// PacketVerified and PacketDelivered do NOT carry the guid: they carry Origin(srcEid, sender, nonce) and the receiver,
/// so the guid is recomputed with dstEid = THIS chain's eid, taken from <see cref="LayerZeroEids"/> by the log's chain id
/// (an unknown chain is rejected, since no key can be formed). LzReceiveAlert carries the guid itself.
/// </para>
/// Asset/Amount: when an OFT emitted OFTSent with the same guid in the send's transaction, Amount is its amountSentLD
/// (local decimals, debited on the source) and Asset is the OFT contract that emitted it (for an OFTAdapter the
/// wrapped ERC20 is adapter.token(), which no log carries).
/// </summary>
public sealed class LayerZeroV2Decoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.LayerZeroV2;

    public IReadOnlyList<Hash32> Topics => LayerZeroV2Signatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            var topic = log.Topic0;
            if (topic == LayerZeroV2Signatures.PacketSent)
            {
                DecodeSent(log, transactionLogs, context, sink);
            }
            else if (topic == LayerZeroV2Signatures.PacketVerified)
            {
                DecodeArrival(log, EventKind.MessageArrived, "PacketVerified", 5, context, sink);
            }
            else if (topic == LayerZeroV2Signatures.PacketDelivered)
            {
                DecodeArrival(log, EventKind.MessageRelayed, "PacketDelivered", 4, context, sink);
            }
            else if (topic == LayerZeroV2Signatures.LzReceiveAlert)
            {
                DecodeAlert(log, context, sink);
            }

            // OFTSent is only read as the companion of a PacketSent.
        }
    }

    // PacketSent(bytes encodedPayload, bytes options, address sendLibrary).
    private static void DecodeSent(RawLog log, ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadPacket(log, context, out var packet, out var packetRange);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var (asset, amount) = FindOftTransfer(transactionLogs, packet.Guid);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.LayerZeroV2,
            Kind = EventKind.MessageSent,
            CorrelationKey = packet.Guid,
            SourceChainId = log.ChainId,
            DestinationChainId = context.Domains.ToChainId(LayerZeroEids.Space, packet.DestinationEid),
            Sender = AsEvmAddress(packet.Sender),
            Target = AsEvmAddress(packet.Receiver),
            MessageNonce = Hash32.FromUInt64(packet.Nonce),
            Payload = log.Data[(packetRange.Start.Value + packet.MessageOffset)..packetRange.End.Value],
            Asset = asset,
            Amount = amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static string? TryReadPacket(RawLog log, DecodeContext context, out LayerZeroPacket packet, out Range range)
    {
        packet = default;
        range = default;
        if (log.Topics.Length != 1)
        {
            return $"PacketSent needs 1 topic (signature), got {log.Topics.Length}";
        }

        var data = new AbiReader(log.Data.Span);
        if (!data.TryBytes(0, out range, out var bytesError))
        {
            return $"PacketSent encodedPayload: {bytesError}";
        }

        if (!LayerZeroPacket.TryParse(log.Data.Span[range], out packet, out var parseError))
        {
            return parseError;
        }

        var computed = LayerZeroPacket.ComputeGuid(packet.Nonce, packet.SourceEid, packet.Sender, packet.DestinationEid, packet.Receiver);
        if (computed != packet.Guid)
        {
            return $"packet guid {packet.Guid} is not GUID.generate(nonce, srcEid, sender, dstEid, receiver) = {computed}";
        }

        return context.Domains.TryGetDomain(LayerZeroEids.Space, log.ChainId, out var local) && local != packet.SourceEid
            ? $"packet srcEid {packet.SourceEid} is not chain {log.ChainId}'s eid {local}"
            : null;
    }

    // OFTSent(bytes32 indexed guid, uint32 dstEid, address indexed fromAddress, uint256 amountSentLD, uint256 amountReceivedLD).
    private static (Address Asset, Hash32 Amount) FindOftTransfer(ReadOnlySpan<RawLog> logs, Hash32 guid)
    {
        foreach (var log in logs)
        {
            if (log.Topic0 == LayerZeroV2Signatures.OftSent && log.Topics.Length == 3 && log.Topics[1] == guid
                && new AbiReader(log.Data.Span).TryWord(1, out var amountSent))
            {
                return (log.Address, amountSent);
            }
        }

        return (Address.Zero, Hash32.Zero);
    }

    // PacketVerified((uint32 srcEid, bytes32 sender, uint64 nonce) origin, address receiver, bytes32 payloadHash) and
    // PacketDelivered((uint32 srcEid, bytes32 sender, uint64 nonce) origin, address receiver): static, so the data is the words in order.
    private static void DecodeArrival(RawLog log, EventKind kind, string name, int words, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadOrigin(log, name, words, receiverFromTopic: false, out var origin);
        if (!context.Domains.TryGetDomain(LayerZeroEids.Space, log.ChainId, out var localEid))
        {
            error ??= $"chain {log.ChainId} has no known LayerZero eid, so the {name} guid (which needs dstEid) cannot be computed";
        }
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.LayerZeroV2,
            Kind = kind,
            CorrelationKey = LayerZeroPacket.ComputeGuid(origin.Nonce, origin.SourceEid, origin.Sender, localEid, origin.ReceiverWord),
            SourceChainId = context.Domains.ToChainId(LayerZeroEids.Space, origin.SourceEid),
            DestinationChainId = log.ChainId,
            Sender = AsEvmAddress(origin.Sender),
            Target = origin.Receiver,
            MessageNonce = Hash32.FromUInt64(origin.Nonce),
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private readonly record struct Origin(uint SourceEid, Hash32 Sender, ulong Nonce, Address Receiver, Hash32 ReceiverWord);

    /// <summary>
    /// Reads Origin (data words 0..2) and the receiver: data word 3 (PacketVerified, PacketDelivered) or indexed topic 1
    /// (LzReceiveAlert).
    /// </summary>
    private static string? TryReadOrigin(RawLog log, string name, int words, bool receiverFromTopic, out Origin origin)
    {
        origin = default;
        var expectedTopics = receiverFromTopic ? 3 : 1;
        if (log.Topics.Length != expectedTopics)
        {
            return $"{name} needs {expectedTopics} topic(s), got {log.Topics.Length}";
        }

        var data = new AbiReader(log.Data.Span);
        if (data.Length < words * 32)
        {
            return $"{name} data is {data.Length} bytes, needs at least {words * 32}";
        }

        if (!data.TryUInt64(0, out var eid) || eid > uint.MaxValue)
        {
            return $"{name} origin.srcEid is not a uint32";
        }

        data.TryWord(1, out var sender);
        if (!data.TryUInt64(2, out var nonce))
        {
            return $"{name} origin.nonce is not a uint64";
        }

        var receiverOk = receiverFromTopic
            ? TryTopicAddress(log.Topics[1], out var receiver)
            : data.TryAddress(3, out receiver);
        if (!receiverOk)
        {
            return $"{name} receiver is not an address";
        }

        Span<byte> word = stackalloc byte[32];
        word.Clear();
        receiver.CopyTo(word[12..]);
        origin = new Origin((uint)eid, sender, nonce, receiver, new Hash32(word));
        return null;
    }

    // LzReceiveAlert(address indexed receiver, address indexed executor, Origin origin, bytes32 guid, uint256 gas,
    //                uint256 value, bytes message, bytes extraData, bytes reason): origin is words 0..2, guid word 3.
    private static void DecodeAlert(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadOrigin(log, "LzReceiveAlert", 9, receiverFromTopic: true, out var origin);
        var guid = Hash32.Zero;
        if (error is null)
        {
            new AbiReader(log.Data.Span).TryWord(3, out guid);
            if (context.Domains.TryGetDomain(LayerZeroEids.Space, log.ChainId, out var localEid)
                && LayerZeroPacket.ComputeGuid(origin.Nonce, origin.SourceEid, origin.Sender, localEid, origin.ReceiverWord) != guid)
            {
                error = "LzReceiveAlert guid differs from GUID.generate of its origin, receiver and this chain's eid";
            }
        }

        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.LayerZeroV2,
            Kind = EventKind.MessageRelayFailed,
            CorrelationKey = guid,
            SourceChainId = context.Domains.ToChainId(LayerZeroEids.Space, origin.SourceEid),
            DestinationChainId = log.ChainId,
            Sender = AsEvmAddress(origin.Sender),
            Target = origin.Receiver,
            MessageNonce = Hash32.FromUInt64(origin.Nonce),
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static bool TryTopicAddress(Hash32 topic, out Address address)
    {
        Span<byte> bytes = stackalloc byte[32];
        topic.CopyTo(bytes);
        return new AbiReader(bytes).TryAddress(0, out address);
    }

    /// <summary>bytes32 senders/receivers of EVM OApps are left-padded addresses; other VMs' (Solana, Aptos) are not.</summary>
    private static Address AsEvmAddress(Hash32 word) => TryTopicAddress(word, out var address) ? address : Address.Zero;
}
