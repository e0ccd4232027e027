using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Linea;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// Linea message service decoding (Fixtures/linea/README.md). REAL Ethereum mainnet data: two L1 MessageSent receipts
/// (an ETH deposit, a WBTC TokenBridge deposit) and two L1 claims of L2 -> L1 messages with the claim transactions'
/// input (a pre-proof claimMessage, a claimMessageWithProof). No real L2 log was found: L2-side logs are SYNTHETIC,
/// encoded here around real message fields (labelled where built). verify.mjs recomputes every hash independently.
/// </summary>
public sealed class LineaDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new LineaMessageServiceDecoder()]);

    public static TheoryData<string> RealSends => [.. Fixtures.Files("linea", "-send-")];

    public static TheoryData<string> RealClaims => [.. Fixtures.Files("linea", "-claim-")];

    [Fact]
    public void Topics_and_selectors_are_the_published_ones()
    {
        Assert.Equal("0xe856c2b8bd4eb0027ce32eeaf595c21b0b6b4644b326e5b7bd80a1cf8db72e6c", LineaSignatures.MessageSent.ToString());
        Assert.Equal("0xa4c827e719e911e8f19393ccdb85b5102f08f0910604d340ba38390b7ff2ab0e", LineaSignatures.MessageClaimed.ToString());
        Assert.Equal(0xe4d27451u, LineaSignatures.CompleteBridgingSelector);
    }

    [Theory]
    [MemberData(nameof(RealSends))]
    public void Real_l1_send_decodes_to_its_own_message_hash(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("linea", fixture));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events); // the Transfer, RollingHashUpdated and BridgingInitiatedV2 of the receipt are not messages
        Assert.Equal((Protocol.LineaMessageService, EventKind.MessageSent), (sent.Protocol, sent.Kind));
        Assert.Equal(expected.GetProperty("messageHash").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(expected.GetProperty("from").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("to").GetString(), sent.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), sent.Value.ToBigInteger());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("nonce").GetString()!), sent.MessageNonce.ToBigInteger());
        Assert.Equal(expected.GetProperty("asset").GetString(), sent.Asset.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
        Assert.Equal((1UL, 59144UL), (sent.SourceChainId, sent.DestinationChainId));

        // Its claim on L2 (SYNTHETIC: no real L2MessageService log was found) carries the same hash.
        var claim = Log(59144, LineaDeployments.L2MessageService, 0, [LineaSignatures.MessageClaimed, sent.CorrelationKey], []);
        var claimed = Assert.Single(Decode(59144, [claim]).Events);
        Assert.Equal((EventKind.MessageRelayed, sent.CorrelationKey), (claimed.Kind, claimed.CorrelationKey));
        Assert.Equal((1UL, 59144UL), (claimed.SourceChainId, claimed.DestinationChainId));
    }

    [Theory]
    [MemberData(nameof(RealClaims))]
    public void Real_l1_claim_pairs_with_the_l2_send_rebuilt_from_the_claim_input(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("linea", fixture));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var claimed = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageRelayed, claimed.Kind);
        Assert.Equal(expected.GetProperty("messageHash").GetString(), claimed.CorrelationKey.ToString());
        Assert.Equal((59144UL, 1UL), (claimed.SourceChainId, claimed.DestinationChainId));

        // SYNTHETIC L2 MessageSent around the real fields the claim input holds (verify.mjs checks them against the input);
        // the hash topic is computed here with the decoder's own hash function, which must give the real claimed hash.
        var send = expected.GetProperty("send");
        var from = Address.Parse(send.GetProperty("from").GetString()!);
        var to = Address.Parse(send.GetProperty("to").GetString()!);
        var fee = Hash32.FromBigInteger(BigInteger.Parse(send.GetProperty("fee").GetString()!));
        var value = Hash32.FromBigInteger(BigInteger.Parse(send.GetProperty("value").GetString()!));
        var nonce = Hash32.FromBigInteger(BigInteger.Parse(send.GetProperty("nonce").GetString()!));
        var calldata = Hex.Decode(send.GetProperty("calldata").GetString()!);
        var hash = LineaMessageHash.Compute(from, to, fee, value, nonce, calldata);
        Assert.Equal(claimed.CorrelationKey, hash);

        var sentLog = SentLog(59144, LineaDeployments.L2MessageService, from, to, fee, value, nonce, calldata, hash);
        var sendSink = Decode(59144, [sentLog]);
        Assert.Empty(sendSink.Rejected);
        var sent = Assert.Single(sendSink.Events);
        Assert.Equal(claimed.CorrelationKey, sent.CorrelationKey);
        Assert.Equal((59144UL, 1UL), (sent.SourceChainId, sent.DestinationChainId));
        // A token native to L1 (completeBridging _chainId 1) is a bridged token on the L2 source: no source-chain asset.
        var expectedAmount = calldata.Length == 0 ? value.ToBigInteger() : BigInteger.Zero;
        Assert.Equal((Address.Zero, expectedAmount), (sent.Asset, sent.Amount.ToBigInteger()));
    }

    [Fact]
    public void A_send_whose_hash_topic_is_not_the_hash_of_its_fields_is_rejected()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("linea", "eth-l1-send-eth-deposit.json"));
        var sent = logs[0];
        var forged = With(sent, topics: [sent.Topics[0], sent.Topics[1], sent.Topics[2], Word(1)]);
        var sink = Decode(chainId, [forged]);
        Assert.Empty(sink.Events);
        Assert.Contains("is not the hash of its fields", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_from_other_emitters_are_not_claimed_unless_configured()
    {
        var other = AddressOf(0x42);
        var claim = Log(1, other, 0, [LineaSignatures.MessageClaimed, Word(7)], []);
        var sink = Decode(1, [claim]);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);

        var configured = new ContractDirectory([new BridgeContract(900, other, LineaDeployments.L1Kind, Protocol.LineaMessageService, 905)]);
        var claimed = new CollectingSink();
        Decoder.Decode([Log(900, other, 0, [LineaSignatures.MessageClaimed, Word(7)], [])], new DecodeContext(900, configured, 0), claimed);
        var relayed = Assert.Single(claimed.Events);
        Assert.Equal((905UL, 900UL), (relayed.SourceChainId, relayed.DestinationChainId));
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("linea", "eth-l1-send-wbtc-deposit.json"));
        var sent = logs.Single(l => l.Topic0 == LineaSignatures.MessageSent);
        var hugeLength = sent.Data.ToArray();
        hugeLength.AsSpan(128, 32).Fill(0xff);
        var badOffset = sent.Data.ToArray();
        badOffset[127] = 0x81;
        var variants = new[]
        {
            With(sent, topics: sent.Topics[..3]),
            With(sent, topics: [sent.Topics[0], Hash32.Parse("0x" + new string('f', 64)), sent.Topics[2], sent.Topics[3]]),
            With(sent, data: sent.Data[..100]),
            With(sent, data: hugeLength),
            With(sent, data: badOffset),
            Log(1, LineaDeployments.LineaRollup, 3, [LineaSignatures.MessageClaimed], []),
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
        var random = new Random(12);
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var topics = new Hash32[random.Next(1, 5)];
            topics[0] = LineaSignatures.AllTopics[random.Next(2)];
            for (var t = 1; t < topics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                topics[t] = new Hash32(word);
            }

            var sink = Decode(1, [Log(1, LineaDeployments.LineaRollup, (uint)i, topics, data)]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    /// <summary>A SYNTHETIC MessageSent log, ABI-encoded here from the given fields.</summary>
    private static RawLog SentLog(ulong chainId, Address emitter, Address from, Address to, Hash32 fee, Hash32 value, Hash32 nonce, byte[] calldata, Hash32 hash) =>
        Log(chainId, emitter, 0, [LineaSignatures.MessageSent, Word(from), Word(to), hash], Abi([fee, value, nonce, null], calldata));

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
