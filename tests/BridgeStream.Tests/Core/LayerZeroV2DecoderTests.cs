using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// LayerZero V2 EndpointV2 decoding (Fixtures/layerzero-v2/README.md). Real logs: two Ethereum OFT sends, an Arbitrum ->
/// Base Stargate send and its Base delivery (log data only; positions are placeholders), and three unrelated endpoint
/// logs from Superposition. synthetic-*.json and the logs built in this class are SYNTHETIC and say so. Expected guids come
/// from an independent decoder (Fixtures/layerzero-v2/verify.mjs).
/// </summary>
public sealed class LayerZeroV2DecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new LayerZeroV2Decoder()]);

    [Fact]
    public void Topics_are_the_published_endpoint_topics()
    {
        Assert.Equal("0x1ab700d4ced0c005b164c0f789fd09fcbb0156d4c2041b8a3bfbcd961cd1567f", LayerZeroV2Signatures.PacketSent.ToString());
        Assert.Equal("0x0d87345f3d1c929caba93e1c3821b54ff3512e12b66aa3cfe54b6bcbc17e59b4", LayerZeroV2Signatures.PacketVerified.ToString());
        Assert.Equal("0x3cd5e48f9730b129dc7550f0fcea9c767b7be37837cd10e55eb35f734f4bca04", LayerZeroV2Signatures.PacketDelivered.ToString());
        Assert.Equal("0x7edfa10fe10193301ad8a8bea7e968c7bcabcc64981f368e3aeada40ce26ae2c", LayerZeroV2Signatures.LzReceiveAlert.ToString());
    }

    [Fact]
    public void Send_verify_and_delivery_share_the_guid()
    {
        var (sendChain, sendLogs, sendExpected) = Fixtures.Load(Path.Combine("layerzero-v2", "synthetic-ethereum-send-oft.json"));
        var (receiveChain, receiveLogs, receiveExpected) = Fixtures.Load(Path.Combine("layerzero-v2", "synthetic-arbitrum-verified-delivered.json"));

        var sendSink = Decode(sendChain, sendLogs);
        var receiveSink = Decode(receiveChain, receiveLogs);

        Assert.Empty(sendSink.Rejected);
        Assert.Empty(receiveSink.Rejected);
        var sent = Assert.Single(sendSink.Events);
        Assert.Equal([EventKind.MessageArrived, EventKind.MessageRelayed], receiveSink.Events.Select(e => e.Kind));
        var guid = sendExpected.GetProperty("guid").GetString();
        Assert.Equal(guid, sent.CorrelationKey.ToString());
        Assert.All(receiveSink.Events, e => Assert.Equal(guid, e.CorrelationKey.ToString()));
        Assert.Equal(receiveExpected.GetProperty("guid").GetString(), guid);

        Assert.Equal((1UL, 42161UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.All(receiveSink.Events, e => Assert.Equal((1UL, 42161UL), (e.SourceChainId, e.DestinationChainId)));
        Assert.Equal(sendExpected.GetProperty("sender").GetString(), sent.Sender.ToString());
        Assert.Equal(sendExpected.GetProperty("receiver").GetString(), sent.Target.ToString());
        Assert.Equal(sendExpected.GetProperty("message").GetString(), Hex.Encode(sent.Payload.Span));
        Assert.Equal(42UL, sent.MessageNonce.LowUInt64);
        Assert.Equal(sendExpected.GetProperty("asset").GetString(), sent.Asset.ToString());
        Assert.Equal(BigInteger.Parse(sendExpected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
    }

    public static TheoryData<string> RealSends =>
        ["ethereum-send-usdt0-oft-to-polygon.json", "ethereum-send-oft-adapter-to-aptos.json", "pair-arbitrum-send-stargate-to-base.json"];

    [Theory]
    [MemberData(nameof(RealSends))]
    public void Real_packet_sent_decodes_to_its_guid(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("layerzero-v2", fixture));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected); // the receipts' Transfer / fee logs are not endpoint events
        var sent = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, sent.Kind);
        Assert.Equal(expected.GetProperty("guid").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal((chainId, expected.GetProperty("destinationChainId").GetUInt64()), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal(ulong.Parse(expected.GetProperty("nonce").GetString()!), sent.MessageNonce.LowUInt64);
        Assert.Equal(expected.GetProperty("sender").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("receiver").GetString(), sent.Target.ToString());
        Assert.Equal(expected.GetProperty("message").GetString(), Hex.Encode(sent.Payload.Span));
        if (expected.TryGetProperty("asset", out var asset))
        {
            Assert.Equal(asset.GetString(), sent.Asset.ToString());
            Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
        }
        else
        {
            Assert.Equal((Address.Zero, Hash32.Zero), (sent.Asset, sent.Amount));
        }
    }

    [Fact]
    public void Real_arbitrum_send_and_its_base_delivery_share_the_guid()
    {
        var (sendChain, sendLogs, sendExpected) = Fixtures.Load(Path.Combine("layerzero-v2", "pair-arbitrum-send-stargate-to-base.json"));
        var (receiveChain, receiveLogs, receiveExpected) = Fixtures.Load(Path.Combine("layerzero-v2", "pair-base-delivered-stargate-from-arbitrum.json"));

        var sent = Assert.Single(Decode(sendChain, sendLogs).Events);
        var receiveSink = Decode(receiveChain, receiveLogs);

        Assert.Empty(receiveSink.Rejected);
        var delivered = Assert.Single(receiveSink.Events);
        Assert.Equal(EventKind.MessageRelayed, delivered.Kind);
        Assert.Equal(sent.CorrelationKey, delivered.CorrelationKey);
        Assert.Equal(sendExpected.GetProperty("guid").GetString(), delivered.CorrelationKey.ToString());
        Assert.Equal(receiveExpected.GetProperty("guid").GetString(), delivered.CorrelationKey.ToString());
        Assert.Equal((42161UL, 8453UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal((42161UL, 8453UL), (delivered.SourceChainId, delivered.DestinationChainId));
        Assert.Equal((sent.Sender, sent.Target, sent.MessageNonce), (delivered.Sender, delivered.Target, delivered.MessageNonce));
    }

    [Fact]
    public void Real_polygon_bound_send_matches_a_delivery_keyed_with_polygons_eid()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("layerzero-v2", "ethereum-send-usdt0-oft-to-polygon.json"));
        var sent = Assert.Single(Decode(chainId, logs).Events);

        // SYNTHETIC PacketDelivered on Polygon for the real packet's origin (the real one was not found): the key the
        // decoder derives with Polygon's eid 30109 must be the guid the Ethereum endpoint put in the real packet.
        var receiver = Address.Parse(expected.GetProperty("receiver").GetString()!);
        var delivered = Log(137, LayerZeroV2Deployments.EndpointV2, 0, [LayerZeroV2Signatures.PacketDelivered],
            Abi([Word(30101), Word(sent.Sender), Word(sent.MessageNonce.LowUInt64), Word(receiver)]));
        var received = Assert.Single(Decode(137, [delivered]).Events);

        Assert.Equal(sent.CorrelationKey, received.CorrelationKey);
        Assert.Equal((1UL, 137UL), (received.SourceChainId, received.DestinationChainId));
    }

    [Fact]
    public void Real_superposition_logs_decode_and_their_receive_guids_follow_the_rule()
    {
        // REAL, unrelated logs on Superposition (chain 55244, eid 30327, not in LayerZeroEids).
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("layerzero-v2", "superposition-verified-sent-delivered.json"));
        var sink = Decode(chainId, logs);

        var sent = Assert.Single(sink.Events);
        var sentExpected = expected.GetProperty("sent");
        Assert.Equal((EventKind.MessageSent, sentExpected.GetProperty("guid").GetString()), (sent.Kind, sent.CorrelationKey.ToString()));
        Assert.Equal((55244UL, 10UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal(sentExpected.GetProperty("receiver").GetString(), sent.Target.ToString());

        // The receive logs need this chain's eid for their key, and the decoder knows none for 55244: it rejects them
        // with that reason rather than guessing. Their guids, formed with eid 30327, are what verify.mjs derived.
        Assert.Equal(2, sink.Rejected.Count);
        Assert.All(sink.Rejected, r => Assert.Contains("no known LayerZero eid", r.Reason, StringComparison.Ordinal));
        var localEid = (uint)expected.GetProperty("localEid").GetInt32();
        foreach (var (log, name) in new[] { (logs[0], "verified"), (logs[2], "delivered") })
        {
            var data = new AbiReader(log.Data.Span);
            if (!(data.TryUInt64(0, out var srcEid) && data.TryWord(1, out var sender) && data.TryUInt64(2, out var nonce) && data.TryWord(3, out var receiver)))
            {
                Assert.Fail($"{name}: origin words are missing");
                return;
            }

            Assert.Equal(expected.GetProperty(name).GetProperty("guid").GetString(),
                LayerZeroPacket.ComputeGuid(nonce, (uint)srcEid, sender, localEid, receiver).ToString());
        }
    }

    [Fact]
    public void The_receive_guid_depends_on_the_destination_chains_eid()
    {
        var (_, receiveLogs, expected) = Fixtures.Load(Path.Combine("layerzero-v2", "synthetic-arbitrum-verified-delivered.json"));
        var onBase = receiveLogs.Select(l => Relabel(l, 8453)).ToList();
        var onUnknown = receiveLogs.Select(l => Relabel(l, 999_999)).ToList();

        var baseEvents = Decode(8453, onBase).Events;
        var unknown = Decode(999_999, onUnknown);

        Assert.All(baseEvents, e => Assert.NotEqual(expected.GetProperty("guid").GetString(), e.CorrelationKey.ToString()));
        Assert.Empty(unknown.Events);
        Assert.All(unknown.Rejected, r => Assert.Contains("no known LayerZero eid", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Receive_alert_carries_its_guid_and_is_checked_against_the_origin()
    {
        var sender = Word(AddressOf(0xa1));
        var receiver = AddressOf(0xb2);
        var guid = LayerZeroPacket.ComputeGuid(7, 30101, sender, 30110, Word(receiver));
        var alert = Alert(receiver, sender, 7, guid);
        var forged = Alert(receiver, sender, 7, Word(123));

        var failed = Assert.Single(Decode(42161, [alert]).Events);
        Assert.Equal((EventKind.MessageRelayFailed, guid), (failed.Kind, failed.CorrelationKey));
        Assert.Contains("differs from GUID.generate", Assert.Single(Decode(42161, [forged]).Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Packet_with_a_wrong_guid_or_source_is_rejected()
    {
        var sender = Word(AddressOf(0xa1));
        var receiver = Word(AddressOf(0xb2));
        var packet = LayerZeroPacket.Encode(1, 30101, sender, 30110, receiver, [1, 2]);
        var badGuid = (byte[])packet.Clone();
        badGuid[90] ^= 1;
        var badVersion = (byte[])packet.Clone();
        badVersion[0] = 2;

        Assert.Single(Decode(1, [PacketSent(1, packet)]).Events);
        Assert.Contains("GUID.generate", Assert.Single(Decode(1, [PacketSent(1, badGuid)]).Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("version", Assert.Single(Decode(1, [PacketSent(1, badVersion)]).Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("eid", Assert.Single(Decode(10, [PacketSent(10, packet)]).Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("shorter", Assert.Single(Decode(1, [PacketSent(1, packet[..100])]).Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (chainId, sendLogs, _) = Fixtures.Load(Path.Combine("layerzero-v2", "synthetic-ethereum-send-oft.json"));
        var (receiveChain, receiveLogs, _) = Fixtures.Load(Path.Combine("layerzero-v2", "synthetic-arbitrum-verified-delivered.json"));
        var sent = sendLogs[0];
        var delivered = receiveLogs[1];
        var hugeLength = sent.Data.ToArray();
        hugeLength.AsSpan(96, 32).Fill(0xff);
        var badOffset = sent.Data.ToArray();
        badOffset[31] = 0x61;
        var hugeEid = delivered.Data.ToArray();
        hugeEid[27] = 1;
        var dirtyReceiver = delivered.Data.ToArray();
        dirtyReceiver[96] = 1;

        var variants = new[]
        {
            (chainId, With(sent, topics: [sent.Topics[0], Word(1)])),
            (chainId, With(sent, data: hugeLength)),
            (chainId, With(sent, data: badOffset)),
            (chainId, With(sent, data: sent.Data[..64])),
            (receiveChain, With(delivered, data: delivered.Data[..100])),
            (receiveChain, With(delivered, data: hugeEid)),
            (receiveChain, With(delivered, data: dirtyReceiver)),
            (receiveChain, With(delivered, topics: [delivered.Topics[0], Word(1)])),
        };
        foreach (var (chain, variant) in variants)
        {
            var sink = Decode(chain, [variant]);
            Assert.Empty(sink.Events);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason));
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(9);
        Hash32[] primary = [LayerZeroV2Signatures.PacketSent, LayerZeroV2Signatures.PacketVerified, LayerZeroV2Signatures.PacketDelivered, LayerZeroV2Signatures.LzReceiveAlert];
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var topics = new Hash32[random.Next(1, 5)];
            topics[0] = primary[random.Next(primary.Length)];
            for (var t = 1; t < topics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                topics[t] = new Hash32(word);
            }

            var sink = Decode(42161, [Log(42161, LayerZeroV2Deployments.EndpointV2, (uint)i, topics, data)]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static RawLog PacketSent(ulong chainId, byte[] packet) =>
        Log(chainId, LayerZeroV2Deployments.EndpointV2, 0, [LayerZeroV2Signatures.PacketSent],
            Abi([null, null, Word(AddressOf(0x5e))], packet, [0, 3]));

    private static RawLog Alert(Address receiver, Hash32 sender, ulong nonce, Hash32 guid) =>
        Log(42161, LayerZeroV2Deployments.EndpointV2, 0, [LayerZeroV2Signatures.LzReceiveAlert, Word(receiver), Word(AddressOf(0xe0))],
            Abi([Word(30101), sender, Word(nonce), guid, Word(200_000), Word(0), null, null, null], [1], [], [0x08, 0xc3]));

    private static RawLog Relabel(RawLog log, ulong chainId) => new()
    {
        ChainId = chainId, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash,
        LogIndex = log.LogIndex, Address = log.Address, Topics = log.Topics, Data = log.Data,
    };

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
