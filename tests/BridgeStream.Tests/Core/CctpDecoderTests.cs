using System.Numerics;
using System.Text.Json;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// CCTP v1 and v2 decoding (Fixtures/cctp/README.md). Real: one v1 send log pair, and real attested message bytes.
/// Logs wrapped around those message bytes here are SYNTHETIC (encoded from the event ABIs).
/// </summary>
public sealed class CctpDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new CctpV1Decoder(), new CctpV2Decoder()]);
    private static readonly Address Caller = AddressOf(0xca);

    [Fact]
    public void Topics_are_the_published_transmitter_topics()
    {
        Assert.Equal("0x8c5261668696ce22758910d05bab8f186d6eb247ceac2af2e82c7dc17669b036", CctpSignatures.MessageSent.ToString());
        Assert.Equal("0x58200b4c34ae05ee816d710053fff3fb75af4395915d3d2a771b24aa10e3cc5d", CctpSignatures.MessageReceivedV1.ToString());
        Assert.Equal("0xff48c13eda96b1cceacc6b9edeedc9e9db9d6226afbc30146b720c19d3addb1c", CctpSignatures.MessageReceivedV2.ToString());
    }

    [Fact]
    public void V1_key_is_the_contracts_hash_of_source_domain_and_nonce()
    {
        // keccak256(abi.encodePacked(uint32(0), uint64(0))): 12 zero bytes.
        Assert.Equal(BridgeStream.Core.Crypto.Keccak256.Hash(new byte[12]), CctpKeys.V1(0, 0));
        Assert.NotEqual(CctpKeys.V1(0, 1), CctpKeys.V1(1, 0));
    }

    [Fact]
    public void Real_v1_send_decodes_key_route_and_burn()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("cctp", "ethereum-v1-send-usdc-to-optimism.json"));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal((Protocol.CctpV1, EventKind.MessageSent), (sent.Protocol, sent.Kind));
        Assert.Equal(expected.GetProperty("key").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(ulong.Parse(expected.GetProperty("nonce").GetString()!), sent.MessageNonce.LowUInt64);
        Assert.Equal((1UL, 10UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal(expected.GetProperty("burnToken").GetString(), sent.Asset.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
        Assert.Equal(expected.GetProperty("sender").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("recipient").GetString(), sent.Target.ToString());
        Assert.Equal(expected.GetProperty("body").GetString(), Hex.Encode(sent.Payload.Span));
    }

    [Fact]
    public void Real_v1_message_pairs_its_send_and_receive()
    {
        var (message, expected) = RealMessage("v1-arbitrum-to-ethereum");
        var send = SentLog(42161, CctpDeployments.V1[42161].MessageTransmitter, message);
        var received = ReceivedV1Log(1, sourceDomain: 3, nonce: 4730, sender: message.AsSpan(20, 32), body: message[116..]);

        var sent = Assert.Single(Decode(42161, [send]).Events);
        var relayed = Assert.Single(Decode(1, [received]).Events);

        Assert.Equal(expected.GetProperty("key").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(sent.CorrelationKey, relayed.CorrelationKey);
        Assert.Equal(EventKind.MessageRelayed, relayed.Kind);
        Assert.Equal((42161UL, 1UL), (relayed.SourceChainId, relayed.DestinationChainId));
        Assert.Equal(expected.GetProperty("burnToken").GetString(), relayed.Asset.ToString());
        Assert.Equal(sent.Amount, relayed.Amount);
        Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), relayed.Amount.ToBigInteger());
    }

    [Fact]
    public void Real_v2_attested_message_pairs_with_its_emitted_form()
    {
        var (attested, expected) = RealMessage("v2-optimism-to-base");
        var emitted = EmittedForm(attested);
        var send = SentLog(10, CctpDeployments.MessageTransmitterV2, emitted);
        var received = ReceivedV2Log(8453, sourceDomain: 2, nonce: new Hash32(attested.AsSpan(12, 32)), sender: attested.AsSpan(44, 32), finality: 1000, body: attested[148..]);

        var sendSink = Decode(10, [send]);
        var sent = Assert.Single(sendSink.Events);
        Assert.Empty(sendSink.Rejected);
        var relayed = Assert.Single(Decode(8453, [received]).Events);

        Assert.Equal(Protocol.CctpV2, sent.Protocol);
        Assert.Equal(expected.GetProperty("key").GetString(), relayed.CorrelationKey.ToString());
        Assert.Equal(relayed.CorrelationKey, sent.CorrelationKey);
        Assert.Equal((10UL, 8453UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal((10UL, 8453UL), (relayed.SourceChainId, relayed.DestinationChainId));
        Assert.Equal(expected.GetProperty("nonce").GetString(), relayed.MessageNonce.ToString());
        Assert.True(sent.MessageNonce.IsZero, "the emitted v2 message has an empty nonce");
        Assert.Equal(2UL, relayed.Amount.LowUInt64);
        Assert.Equal(expected.GetProperty("burnToken").GetString(), sent.Asset.ToString());
    }

    [Fact]
    public void V2_key_changes_with_anything_the_receive_side_sees()
    {
        var (attested, _) = RealMessage("v2-optimism-to-base");
        var body = attested[148..];
        var sender = new Hash32(attested.AsSpan(44, 32));
        var key = CctpKeys.V2(2, 6, sender, body);

        var otherAmount = (byte[])body.Clone();
        otherAmount[99] ^= 1;
        var otherFee = (byte[])body.Clone();
        otherFee[195] ^= 1; // feeExecuted: filled by the attester, so ignored

        Assert.NotEqual(key, CctpKeys.V2(2, 6, sender, otherAmount));
        Assert.NotEqual(key, CctpKeys.V2(2, 3, sender, body));
        Assert.NotEqual(key, CctpKeys.V2(3, 6, sender, body));
        Assert.Equal(key, CctpKeys.V2(2, 6, sender, otherFee));
    }

    [Fact]
    public void V2_receive_on_a_chain_without_a_domain_is_rejected()
    {
        var (attested, _) = RealMessage("v2-optimism-to-base");
        var received = ReceivedV2Log(999_999, 2, Hash32.Zero, attested.AsSpan(44, 32), 1000, attested[148..]);
        var sink = Decode(999_999, [received]);
        Assert.Empty(sink.Events);
        Assert.Contains("no known CCTP domain", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_logs_are_rejected_once_and_never_thrown()
    {
        var (message, _) = RealMessage("v1-arbitrum-to-ethereum");
        var good = SentLog(42161, Caller, message);
        var hugeLength = good.Data.ToArray();
        hugeLength.AsSpan(32, 32).Fill(0xff);
        var badOffset = good.Data.ToArray();
        badOffset[31] = 0x07;
        var unknownVersion = (byte[])message.Clone();
        unknownVersion[3] = 7;
        var goodReceive = ReceivedV1Log(1, 3, 4730, message.AsSpan(20, 32), message[116..]);

        var variants = new[]
        {
            With(good, topics: [good.Topics[0], Word(1)]),
            With(good, data: hugeLength),
            With(good, data: badOffset),
            With(good, data: good.Data[..40]),
            SentLog(42161, Caller, message[..100]),
            SentLog(42161, Caller, unknownVersion),
            SentLog(1, Caller, message), // the message says it left domain 3 (Arbitrum), the log is on Ethereum
            With(goodReceive, topics: goodReceive.Topics[..2]),
            With(goodReceive, topics: [goodReceive.Topics[0], goodReceive.Topics[1], Hash32.Parse("0x" + new string('f', 64))]),
            With(goodReceive, data: goodReceive.Data[..50]),
            With(ReceivedV2Log(8453, 2, Hash32.Zero, message.AsSpan(20, 32), 1000, message[116..]), topics: [CctpSignatures.MessageReceivedV2, Word(Caller)]),
        };
        foreach (var variant in variants)
        {
            var sink = Decode(variant.ChainId, [variant]);
            Assert.Empty(sink.Events);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason));
        }
    }

    [Fact]
    public void Random_garbage_gets_exactly_one_verdict()
    {
        var random = new Random(5);
        Hash32[] topics = [CctpSignatures.MessageSent, CctpSignatures.MessageReceivedV1, CctpSignatures.MessageReceivedV2];
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 500)];
            random.NextBytes(data);
            if (data.Length >= 64 && random.Next(2) == 0)
            {
                Word(32).ToArray().CopyTo(data, 0); // a plausible bytes offset, so the message parsers get exercised
            }

            var logTopics = new Hash32[random.Next(1, 5)];
            logTopics[0] = topics[random.Next(topics.Length)];
            for (var t = 1; t < logTopics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                logTopics[t] = new Hash32(word);
            }

            var sink = Decode(8453, [Log(8453, Caller, (uint)i, logTopics, data)]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static (byte[] Message, JsonElement Expected) RealMessage(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf(Path.Combine("cctp", "real-messages.json"))));
        var entry = document.RootElement.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
        return (Hex.Decode(entry.GetProperty("message").GetString()!), entry.GetProperty("expected").Clone());
    }

    /// <summary>What MessageTransmitterV2 emitted before Circle's attester filled nonce, finalityThresholdExecuted, feeExecuted, expirationBlock.</summary>
    private static byte[] EmittedForm(byte[] attested)
    {
        var emitted = (byte[])attested.Clone();
        emitted.AsSpan(12, 32).Clear();
        emitted.AsSpan(144, 4).Clear();
        emitted.AsSpan(148 + 164, 64).Clear();
        return emitted;
    }

    private static RawLog SentLog(ulong chainId, Address transmitter, byte[] message) =>
        Log(chainId, transmitter, 1, [CctpSignatures.MessageSent], Abi([null], message));

    private static RawLog ReceivedV1Log(ulong chainId, uint sourceDomain, ulong nonce, ReadOnlySpan<byte> sender, byte[] body) =>
        Log(chainId, Caller, 2, [CctpSignatures.MessageReceivedV1, Word(Caller), Word(nonce)], Abi([Word(sourceDomain), new Hash32(sender), null], body));

    private static RawLog ReceivedV2Log(ulong chainId, uint sourceDomain, Hash32 nonce, ReadOnlySpan<byte> sender, uint finality, byte[] body) =>
        Log(chainId, Caller, 2, [CctpSignatures.MessageReceivedV2, Word(Caller), nonce, Word(finality)], Abi([Word(sourceDomain), new Hash32(sender), null], body));

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
