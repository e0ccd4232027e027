using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Tests.Infrastructure;

namespace BridgeStream.Tests.Core;

/// <summary>Decoding and hashing against real mainnet logs (sources in Fixtures/opstack/README.md and each file).</summary>
public sealed class OpStackDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new OpStackMessengerDecoder()]);

    public static TheoryData<string> SendFixtures => [.. Fixtures.Files("opstack", "-send-")];

    public static TheoryData<string> RelayFixtures => [.. Fixtures.Files("opstack", "-relay-")];

    [Fact]
    public void Topics_are_the_real_contract_topics()
    {
        Assert.Equal("0xcb0f7ffd78f9aee47a248fae8db181db6eee833039123e026dcbff529522e52a", OpStackSignatures.SentMessage.ToString());
        Assert.Equal("0x8ebb2ec2465bdb2a06a66fc37a0963af8a2a6a1479d81d56fdb8cbb98096d546", OpStackSignatures.SentMessageExtension1.ToString());
        Assert.Equal("0x4641df4a962071e12719d8c8c8e5ac7fc4d97b927346a3d7a335b1f7517e133c", OpStackSignatures.RelayedMessage.ToString());
        Assert.Equal("0x99d0e048484baa1b1540b1367cb128acd7ab2946d1ed91ec10e3c85e4bf51b8f", OpStackSignatures.FailedRelayedMessage.ToString());
    }

    [Theory]
    [MemberData(nameof(SendFixtures))]
    public void Real_send_decodes_to_the_hash_the_other_side_relays(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("opstack", fixture));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, send.Kind);
        Assert.Equal(expected.GetProperty("msgHash").GetString(), send.CorrelationKey.ToString());
        Assert.Equal(expected.GetProperty("sender").GetString(), send.Sender.ToString());
        Assert.Equal(expected.GetProperty("target").GetString(), send.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), send.Value.ToBigInteger());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("messageNonce").GetString()!), send.MessageNonce.ToBigInteger());
        Assert.Equal(ulong.Parse(expected.GetProperty("gasLimit").GetString()!), send.GasLimit);
        Assert.Equal(expected.GetProperty("message").GetString(), Hex.Encode(send.Payload.Span));
    }

    // The token on the SOURCE chain: the finalizeBridgeERC20 _remoteToken as the destination bridge sees it (L1 USDC for a
    // deposit of USDC to OP/Base, OP's CRV for a CRV withdrawal to Ethereum); ETH is the zero address.
    [Theory]
    [InlineData("base-l1-send-eth-deposit.json", "0x0000000000000000000000000000000000000000", "400000000000000000")]
    [InlineData("op-l1-send-eth-deposit.json", "0x0000000000000000000000000000000000000000", "100857001000000000000")]
    [InlineData("op-l2-send-eth-withdrawal.json", "0x0000000000000000000000000000000000000000", "393114520000000000000")]
    [InlineData("base-l1-send-usdc-deposit.json", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "59998176836")]
    [InlineData("op-l1-send-usdc-deposit.json", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "11590000000")]
    [InlineData("op-l2-send-crv-withdrawal.json", "0x0994206dfe8de6ec6920ff4d779b0d950605fb53", "3690872887087038569213")]
    public void Real_standard_bridge_sends_record_the_source_token_and_amount(string fixture, string asset, string amount)
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("opstack", fixture));
        var send = Assert.Single(Decode(chainId, logs).Events);

        Assert.Equal(asset, send.Asset.ToString());
        Assert.Equal(BigInteger.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), send.Amount.ToBigInteger());
    }

    [Fact]
    public void A_message_that_is_no_bridge_call_or_a_truncated_one_carries_no_transfer()
    {
        var (_, logs, expected) = Fixtures.Load(Path.Combine("opstack", "op-l1-send-usdc-deposit.json"));
        var message = Hex.Decode(expected.GetProperty("message").GetString()!);
        Assert.True(StandardBridgeCall.TryRead(message, out _, out _));
        Assert.False(StandardBridgeCall.TryRead(message.AsSpan(0, 4 + (5 * 32)), out var asset, out var amount));
        Assert.Equal((default(Address), default(Hash32)), (asset, amount));
        Assert.False(StandardBridgeCall.TryRead([0xde, 0xad, 0xbe, 0xef, .. message.AsSpan(4)], out _, out _));
        Assert.False(StandardBridgeCall.TryRead([], out _, out _));
        Assert.NotEmpty(logs);
    }

    [Theory]
    [MemberData(nameof(RelayFixtures))]
    public void Real_relay_decodes_to_its_message_hash(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("opstack", fixture));
        var sink = Decode(chainId, logs);

        var relay = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageRelayed, relay.Kind);
        Assert.Equal(expected.GetProperty("msgHash").GetString(), relay.CorrelationKey.ToString());
    }

    [Fact]
    public void Configured_contract_gives_the_route()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("opstack", "base-l1-send-eth-deposit.json"));
        var messenger = logs.First(l => l.Topic0 == OpStackSignatures.SentMessage).Address;
        var contracts = new ContractDirectory([new BridgeContract(chainId, messenger, "L1CrossDomainMessenger", Protocol.OpStackMessenger, 8453)]);
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, contracts, 0), sink);

        var send = Assert.Single(sink.Events);
        Assert.Equal(1UL, send.SourceChainId);
        Assert.Equal(8453UL, send.DestinationChainId);
    }

    [Fact]
    public void Send_without_its_extension_is_rejected_with_a_reason()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("opstack", "op-l1-send-eth-deposit.json"));
        var withoutExtension = logs.Where(l => l.Topic0 != OpStackSignatures.SentMessageExtension1).ToList();
        var sink = Decode(chainId, withoutExtension);

        Assert.Empty(sink.Events);
        Assert.Contains("SentMessageExtension1", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_data_wrong_topics_and_hostile_lengths_are_rejected_not_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("opstack", "op-l1-send-eth-deposit.json"));
        var sent = logs.First(l => l.Topic0 == OpStackSignatures.SentMessage);
        var extension = logs.First(l => l.Topic0 == OpStackSignatures.SentMessageExtension1);
        var hugeLength = sent.Data.ToArray();
        hugeLength.AsSpan(128, 32).Fill(0xff); // the bytes length word: 2^256-1
        var badOffset = sent.Data.ToArray();
        badOffset[63] = 0xff;

        var variants = new[]
        {
            With(sent, data: sent.Data[..100]),
            With(sent, topics: [sent.Topics[0]]),
            With(sent, data: hugeLength),
            With(sent, data: badOffset),
            With(sent, data: Array.Empty<byte>()),
        };
        foreach (var variant in variants)
        {
            var sink = Decode(chainId, [variant, extension]);
            Assert.Empty(sink.Events);
            Assert.NotEmpty(sink.Rejected);
            Assert.All(sink.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(7);
        var topics = OpStackSignatures.AllTopics;
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var topicCount = random.Next(0, 5);
            var logTopics = new Hash32[topicCount];
            for (var t = 0; t < topicCount; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                logTopics[t] = t == 0 ? topics[random.Next(topics.Count)] : new Hash32(word);
            }

            var log = new RawLog
            {
                ChainId = 1, BlockNumber = 1, BlockHash = default, TransactionHash = default, LogIndex = (uint)i,
                Address = default, Topics = logTopics, Data = data,
            };
            var sink = Decode(1, [log]);
            // Every log carrying a known topic0 becomes exactly one event or one rejection; nothing is silently dropped.
            Assert.Equal(topicCount == 0 ? 0 : 1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }

    private static RawLog With(RawLog log, ReadOnlyMemory<byte>? data = null, Hash32[]? topics = null) => SyntheticLogs.With(log, data, topics);
}
