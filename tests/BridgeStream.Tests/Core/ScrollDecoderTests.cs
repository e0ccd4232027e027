using System.Numerics;
using System.Text.Json;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Core.Protocols.Scroll;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// Scroll messenger decoding (Fixtures/scroll/README.md). Real data: one L2 RelayedMessage receipt
/// (scroll-l2-relay-eth-deposit.json) and the relayMessage calldata of three L1 messages (real-l1-messages.json). No real
/// SentMessage LOG was found, so sends are SYNTHETIC logs: synthetic-*.json, and logs this class encodes around real
/// message fields (labelled where they are built). Every expected hash comes from an independent encoder
/// (Fixtures/scroll/verify.mjs).
/// </summary>
public sealed class ScrollDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new ScrollMessengerDecoder()]);

    public static TheoryData<string> Sends => [.. Fixtures.Files("scroll", "-send-")];

    [Fact]
    public void Topics_and_selectors_are_the_published_ones()
    {
        Assert.Equal("0x104371f3b442861a2a7b82a070afbbaab748bb13757bf47769e170e37809ec1e", ScrollSignatures.SentMessage.ToString());
        Assert.Equal("0x4641df4a962071e12719d8c8c8e5ac7fc4d97b927346a3d7a335b1f7517e133c", ScrollSignatures.RelayedMessage.ToString());
        Assert.Equal("0x99d0e048484baa1b1540b1367cb128acd7ab2946d1ed91ec10e3c85e4bf51b8f", ScrollSignatures.FailedRelayedMessage.ToString());
        Assert.Equal(0x8ef1332eu, ScrollSignatures.RelayMessageSelector);
        Assert.Equal(0x8431f5c1u, ScrollSignatures.FinalizeDepositErc20Selector);
    }

    [Theory]
    [MemberData(nameof(Sends))]
    public void Send_decodes_to_the_independently_computed_hash(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("scroll", fixture));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal(expected.GetProperty("messageHash").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(expected.GetProperty("sender").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("target").GetString(), sent.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), sent.Value.ToBigInteger());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("nonce").GetString()!), sent.MessageNonce.ToBigInteger());
        Assert.Equal(ulong.Parse(expected.GetProperty("gasLimit").GetString()!), sent.GasLimit);
        Assert.Equal(expected.GetProperty("message").GetString(), Hex.Encode(sent.Payload.Span));
        Assert.Equal(expected.GetProperty("asset").GetString(), sent.Asset.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
        Assert.Equal((1UL, 534352UL), (sent.SourceChainId, sent.DestinationChainId));
    }

    [Fact]
    public void Relay_and_failed_relay_on_the_l2_messenger_pair_with_the_send()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("scroll", "synthetic-l1-send-eth-deposit.json"));
        var sent = Assert.Single(Decode(chainId, logs).Events);
        var hash = sent.CorrelationKey;
        var failed = Log(534352, ScrollDeployments.L2ScrollMessenger, 0, [ScrollSignatures.FailedRelayedMessage, hash], []);
        var relayed = Log(534352, ScrollDeployments.L2ScrollMessenger, 1, [ScrollSignatures.RelayedMessage, hash], []);

        var events = Decode(534352, [failed, relayed]).Events;

        Assert.Equal([EventKind.MessageRelayFailed, EventKind.MessageRelayed], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(hash, e.CorrelationKey));
        Assert.All(events, e => Assert.Equal((1UL, 534352UL), (e.SourceChainId, e.DestinationChainId)));
        Assert.Equal(expected.GetProperty("messageHash").GetString(), events[0].CorrelationKey.ToString());
    }

    [Fact]
    public void Real_l2_relay_is_keyed_by_its_message_hash_and_pairs_with_the_send_rebuilt_from_its_receipt()
    {
        // REAL receipt (Scroll block 1292): L2ETHGateway FinalizeDepositETH + L2ScrollMessenger RelayedMessage.
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("scroll", "scroll-l2-relay-eth-deposit.json"));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var relayed = Assert.Single(sink.Events); // the gateway's own event is not a messenger event
        Assert.Equal(EventKind.MessageRelayed, relayed.Kind);
        Assert.Equal(expected.GetProperty("messageHash").GetString(), relayed.CorrelationKey.ToString());
        Assert.Equal((1UL, 534352UL), (relayed.SourceChainId, relayed.DestinationChainId));

        // The send side rebuilt from that receipt (verify.mjs checks it against the FinalizeDepositETH log) hashes to
        // the real RelayedMessage topic with the decoder's own hash function...
        var send = expected.GetProperty("send");
        var sender = Address.Parse(send.GetProperty("sender").GetString()!);
        var target = Address.Parse(send.GetProperty("target").GetString()!);
        var value = BigInteger.Parse(send.GetProperty("value").GetString()!);
        var nonce = ulong.Parse(send.GetProperty("nonce").GetString()!);
        var message = Hex.Decode(send.GetProperty("message").GetString()!);
        Assert.Equal(relayed.CorrelationKey, ScrollMessageHash.Compute(sender, target, Hash32.FromBigInteger(value), Word(nonce), message));

        // ...and a SentMessage log encoded from it (SYNTHETIC: no real L1 log of this deposit was found; gasLimit is
        // not part of the hash and is made up) decodes to the same key as the real relay.
        var sentLog = SentMessageLog(sender, target, value, nonce, 170_000, message);
        var sent = Assert.Single(Decode(1, [sentLog]).Events);
        Assert.Equal(relayed.CorrelationKey, sent.CorrelationKey);
        Assert.Equal((Address.Zero, value), (sent.Asset, sent.Amount.ToBigInteger()));
    }

    public static TheoryData<string> RealL1Messages =>
        [.. RealL1MessageFile().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("queueIndex").GetString()!)];

    [Theory]
    [MemberData(nameof(RealL1Messages))]
    public void Real_l1_message_calldata_hashes_to_the_key_the_decoder_derives_from_its_send(string queueIndex)
    {
        var message = RealL1MessageFile().GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("queueIndex").GetString() == queueIndex);
        var expected = message.GetProperty("expected");
        var input = Hex.Decode("0x" + message.GetProperty("input").GetString());
        var call = new AbiReader(input.AsSpan(4));
        if (!(call.TryAddress(0, out var sender) && call.TryAddress(1, out var target) && call.TryWord(2, out var value)
            && call.TryUInt64(3, out var nonce) && call.TryBytes(4, out var payload, out _)))
        {
            Assert.Fail($"L1 message {queueIndex}: input is not relayMessage(address,address,uint256,uint256,bytes)");
            return;
        }

        var messageBytes = input.AsSpan(4)[payload].ToArray();

        // SYNTHETIC wrapper: the SentMessage log L1ScrollMessenger emitted for this message was not found, so it is encoded
        // here from the real relayMessage arguments (gasLimit = the L1 message's gas, as _sendMessage passes both on).
        var log = SentMessageLog(sender, target, value.ToBigInteger(), nonce, ulong.Parse(message.GetProperty("gas").GetString()!), messageBytes);
        var sink = Decode(1, [log]);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal(expected.GetProperty("messageHash").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(Keccak256Hash(input), sent.CorrelationKey);
        Assert.Equal(expected.GetProperty("sender").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("target").GetString(), sent.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), sent.Value.ToBigInteger());
        Assert.Equal(ulong.Parse(queueIndex), sent.MessageNonce.LowUInt64);
        Assert.Equal(expected.GetProperty("asset").GetString(), sent.Asset.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
        Assert.Equal((1UL, 534352UL), (sent.SourceChainId, sent.DestinationChainId));

        // The relay of this message on L2 would carry keccak256(input) as its RelayedMessage topic.
        var relay = Log(534352, ScrollDeployments.L2ScrollMessenger, 0, [ScrollSignatures.RelayedMessage, Keccak256Hash(input)], []);
        Assert.Equal(sent.CorrelationKey, Assert.Single(Decode(534352, [relay]).Events).CorrelationKey);
    }

    private static JsonElement RealL1MessageFile()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf(Path.Combine("scroll", "real-l1-messages.json"))));
        return document.RootElement.Clone();
    }

    private static Hash32 Keccak256Hash(byte[] bytes) => BridgeStream.Core.Crypto.Keccak256.Hash(bytes);

    /// <summary>A SYNTHETIC L1ScrollMessenger SentMessage log, ABI-encoded here from the given fields.</summary>
    private static RawLog SentMessageLog(Address sender, Address target, BigInteger value, ulong nonce, ulong gasLimit, byte[] message) =>
        Log(1, ScrollDeployments.L1ScrollMessenger, 0, [ScrollSignatures.SentMessage, Word(sender), Word(target)],
            Abi([Hash32.FromBigInteger(value), Word(nonce), Word(gasLimit), null], message));

    [Fact]
    public void Relays_from_other_emitters_are_left_to_their_protocol()
    {
        // OP Stack's messengers emit the same RelayedMessage topic: Scroll must neither claim nor reject them.
        var opRelay = Log(10, AddressOf(0x42), 0, [OpStackSignatures.RelayedMessage, Word(1)], []);
        var sink = Decode(10, [opRelay]);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);

        var configured = new ContractDirectory([new BridgeContract(10, AddressOf(0x42), "L2ScrollMessenger", Protocol.ScrollMessenger, 1)]);
        var claimed = new CollectingSink();
        Decoder.Decode([opRelay], new DecodeContext(10, configured, 0), claimed);
        Assert.Equal(1UL, Assert.Single(claimed.Events).SourceChainId);
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("scroll", "synthetic-l1-send-usdt-deposit.json"));
        var sent = logs[0];
        var hugeLength = sent.Data.ToArray();
        hugeLength.AsSpan(128, 32).Fill(0xff);
        var badOffset = sent.Data.ToArray();
        badOffset[127] = 0x81;
        var hugeGas = sent.Data.ToArray();
        hugeGas[64] = 1;

        var variants = new[]
        {
            With(sent, topics: sent.Topics[..2]),
            With(sent, topics: [sent.Topics[0], Hash32.Parse("0x" + new string('f', 64)), sent.Topics[2]]),
            With(sent, data: sent.Data[..100]),
            With(sent, data: hugeLength),
            With(sent, data: badOffset),
            With(sent, data: hugeGas),
            Log(1, ScrollDeployments.L1ScrollMessenger, 3, [ScrollSignatures.RelayedMessage], []),
        };
        foreach (var variant in variants)
        {
            var sink = Decode(chainId, [variant]);
            Assert.Empty(sink.Events);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason));
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(3);
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var topics = new Hash32[random.Next(1, 5)];
            topics[0] = ScrollSignatures.AllTopics[random.Next(3)];
            for (var t = 1; t < topics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                topics[t] = new Hash32(word);
            }

            var sink = Decode(1, [Log(1, ScrollDeployments.L1ScrollMessenger, (uint)i, topics, data)]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
