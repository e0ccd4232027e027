using System.Numerics;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.ArbitrumOutbox;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.ArbitrumTestLogs;

namespace BridgeStream.Tests.Core;

/// <summary>Arbitrum L2->L1 decoding against real mainnet logs (Fixtures/arbitrum-outbox/README.md) and synthetic ones.</summary>
public sealed class ArbitrumOutboxDecoderTests
{
    private const string Folder = "arbitrum-outbox";
    private const string SendFixture = "arb1-l2-send-arb-withdrawal.json";
    private const string RelayFixture = "arb1-l1-relay-usdc-withdrawal.json";
    private static readonly ArbitrumOutboxDecoder Decoder = new();

    [Fact]
    public void Topics_and_challenge_window_are_the_real_ones()
    {
        Assert.Equal("0x3e7aafa77dbf186b7fd488006beff893744caa3c4f6f299e8a709fa2087374fc", ArbitrumOutboxSignatures.L2ToL1Tx.ToString());
        Assert.Equal("0x20af7f3bbfe38132b8900ae295cd9c8d1914be7052d061a511f3f728dab18964", ArbitrumOutboxSignatures.OutBoxTransactionExecuted.ToString());
        Assert.Equal(45818UL, ArbitrumOutboxContracts.ConfirmPeriodBlocks);
        Assert.Equal(549_816, ArbitrumOutboxContracts.ChallengeWindow.TotalSeconds);
    }

    [Fact]
    public void Real_l2_send_decodes_to_its_position()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine(Folder, SendFixture));
        var sink = Decode(Decoder, logs, chainId: chainId);

        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, send.Kind);
        Assert.Equal(Protocol.ArbitrumOutbox, send.Protocol);
        Assert.Equal(expected.GetProperty("key").GetString(), send.CorrelationKey.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("position").GetString()!), send.MessageNonce.ToBigInteger());
        Assert.Equal(42161UL, send.SourceChainId);
        Assert.Equal(1UL, send.DestinationChainId);
        Assert.Equal(expected.GetProperty("caller").GetString(), send.Sender.ToString());
        Assert.Equal(expected.GetProperty("destination").GetString(), send.Target.ToString());
        // The ARB withdrawal goes through the token gateway: 91 ARB of the L1 ARB token, read from the call data by hand.
        var (asset, amount) = GatewayTransfer.Of(expected.GetProperty("data").GetString()!)!.Value;
        Assert.Equal(Address.Parse("0xb50721bcf8d664c30412cfbc6cf7a15145234ad1"), asset);
        Assert.Equal(BigInteger.Parse("91000000000000000000"), amount);
        Assert.Equal(amount, send.Amount.ToBigInteger());
        Assert.Equal(asset, send.Asset);
        Assert.Equal(expected.GetProperty("data").GetString(), Hex.Encode(send.Payload.Span));
    }

    [Fact]
    public void Real_send_hash_topic_is_arbsys_send_hash_of_its_fields()
    {
        var (_, logs, expected) = Fixtures.Load(Path.Combine(Folder, SendFixture));
        var log = logs.Single(l => l.Topic0 == ArbitrumOutboxSignatures.L2ToL1Tx);
        var data = new AbiReader(log.Data.Span);
        data.TryWord(1, out var arbBlock);
        data.TryWord(2, out var ethBlock);
        data.TryWord(3, out var timestamp);
        data.TryWord(4, out var callValue);
        var hash = L2ToL1SendHash.Compute(
            Address.Parse(expected.GetProperty("caller").GetString()!), Address.Parse(expected.GetProperty("destination").GetString()!),
            arbBlock, ethBlock, timestamp, callValue, Hex.Decode(expected.GetProperty("data").GetString()!));
        Assert.Equal(log.Topics[2], hash);
    }

    [Fact]
    public void Real_l1_relay_decodes_to_the_executed_index()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine(Folder, RelayFixture));
        var sink = Decode(Decoder, logs, chainId: chainId);

        Assert.Empty(sink.Rejected);
        var relay = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageRelayed, relay.Kind);
        Assert.Equal(expected.GetProperty("key").GetString(), relay.CorrelationKey.ToString());
        Assert.Equal(42161UL, relay.SourceChainId); // from the mainnet outbox table
        Assert.Equal(1UL, relay.DestinationChainId);
        Assert.Equal(expected.GetProperty("l2Sender").GetString(), relay.Sender.ToString());
        Assert.Equal(expected.GetProperty("to").GetString(), relay.Target.ToString());
    }

    [Fact]
    public void Synthetic_send_and_relay_of_one_position_share_a_key()
    {
        // SYNTHETIC: no public source has both halves of one withdrawal; this encodes both from the ABI with position 80018.
        var (_, sendLogs, _) = Fixtures.Load(Path.Combine(Folder, SendFixture));
        var send = sendLogs.Single(l => l.Topic0 == ArbitrumOutboxSignatures.L2ToL1Tx);
        var relay = Log(ArbitrumOutboxContracts.ArbitrumOneOutbox,
            [ArbitrumOutboxSignatures.OutBoxTransactionExecuted, Word(Address.Parse("0xbbce8aa77782f13d4202a230d978f361b011db27")), Word(Address.Parse("0xcad7828a19b363a2b44717afb1786b5196974d8e")), default],
            Encode([Word(80018)]));

        var sent = Assert.Single(Decode(Decoder, [send], chainId: 42161).Events);
        var relayed = Assert.Single(Decode(Decoder, [relay]).Events);

        Assert.Equal(sent.CorrelationKey, relayed.CorrelationKey);
        Assert.Equal(sent.Sender, relayed.Sender);
        Assert.Equal(sent.Target, relayed.Target);
    }

    [Fact]
    public void The_same_position_on_arbitrum_one_and_nova_gives_two_keys_and_an_unknown_outbox_is_rejected()
    {
        RawLog Relay(Address outbox) => Log(outbox,
            [ArbitrumOutboxSignatures.OutBoxTransactionExecuted, Word(Address.Parse("0xbbce8aa77782f13d4202a230d978f361b011db27")), Word(Address.Parse("0xcad7828a19b363a2b44717afb1786b5196974d8e")), default],
            Encode([Word(5)]));

        var one = Assert.Single(Decode(Decoder, [Relay(ArbitrumOutboxContracts.ArbitrumOneOutbox)]).Events);
        var nova = Assert.Single(Decode(Decoder, [Relay(ArbitrumOutboxContracts.ArbitrumNovaOutbox)]).Events);
        var unknown = Decode(Decoder, [Relay(Address.Parse("0x00000000000000000000000000000000000000aa"))]);

        Assert.Equal(ArbitrumOutboxKey.Of(42161, Hash32.FromUInt64(5)), one.CorrelationKey);
        Assert.Equal(ArbitrumOutboxKey.Of(42170, Hash32.FromUInt64(5)), nova.CorrelationKey);
        Assert.NotEqual(one.CorrelationKey, nova.CorrelationKey);
        Assert.Empty(unknown.Events);
        Assert.Contains("not known", Assert.Single(unknown.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classic_outbox_relays_and_foreign_l2ToL1_logs_are_not_decoded_as_nitro_messages()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, RelayFixture));
        var relay = logs.Single(l => l.Topic0 == ArbitrumOutboxSignatures.OutBoxTransactionExecuted);
        var classic = With(relay, topics: [relay.Topics[0], relay.Topics[1], relay.Topics[2], Word(1234)]);
        Assert.Contains("classic", Assert.Single(Decode(Decoder, [classic], chainId: chainId).Rejected).Reason, StringComparison.Ordinal);

        var (l2Chain, sendLogs, _) = Fixtures.Load(Path.Combine(Folder, SendFixture));
        var notArbSys = With(sendLogs[0], address: Address.Parse("0x0000000000000000000000000000000000000065"));
        var sink = Decode(Decoder, [notArbSys], chainId: l2Chain);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (_, sendLogs, _) = Fixtures.Load(Path.Combine(Folder, SendFixture));
        var (_, relayLogs, _) = Fixtures.Load(Path.Combine(Folder, RelayFixture));
        var send = sendLogs[0];
        var relay = relayLogs[0];
        var variants = new[]
        {
            With(send, topics: send.Topics[..3]),
            With(send, data: send.Data[..200]),
            With(send, data: Patch(send.Data, 5 * 32, 0xff)),                    // bytes offset 2^256-1
            With(send, data: Patch(send.Data, 6 * 32, 0x7f)),                    // bytes length far past the end
            With(send, data: Patch(send.Data, 0, 0x11)),                         // caller word is not an address
            With(send, topics: [send.Topics[0], Keccak256.Hash([1]), send.Topics[2], send.Topics[3]]),
            With(relay, topics: relay.Topics[..3]),
            With(relay, data: Array.Empty<byte>()),
            With(relay, topics: [relay.Topics[0], Keccak256.Hash([2]), relay.Topics[2], relay.Topics[3]]),
        };
        foreach (var variant in variants)
        {
            var sink = Decode(Decoder, [variant], chainId: variant.ChainId);
            Assert.Empty(sink.Events);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason));
        }
    }

    [Fact]
    public void Random_garbage_never_throws_and_every_claimed_log_gets_one_answer()
    {
        var random = new Random(5);
        var topics = ArbitrumOutboxSignatures.AllTopics;
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var logTopics = new Hash32[random.Next(1, 5)];
            logTopics[0] = topics[random.Next(topics.Count)];
            for (var t = 1; t < logTopics.Length; t++)
            {
                logTopics[t] = random.Next(2) == 0 ? default : Keccak256.Hash(BitConverter.GetBytes(random.Next()));
            }

            var log = Log(ArbitrumOutboxContracts.ArbSys, logTopics, data, 42161, (uint)i);
            var sink = Decode(Decoder, [log], chainId: 42161);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static byte[] Patch(ReadOnlyMemory<byte> data, int wordStart, byte fill)
    {
        var copy = data.ToArray();
        copy.AsSpan(wordStart, 32).Fill(fill);
        return copy;
    }
}
