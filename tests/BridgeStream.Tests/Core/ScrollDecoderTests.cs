using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Core.Protocols.Scroll;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// Scroll messenger decoding. All logs here are SYNTHETIC (Fixtures/scroll/README.md): no real mainnet log was found.
/// Their expected message hashes come from an independent encoder (Fixtures/scroll/verify.mjs).
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
