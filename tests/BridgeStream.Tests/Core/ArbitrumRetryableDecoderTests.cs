using System.Numerics;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.ArbitrumRetryable;
using BridgeStream.Core.Serialization;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.ArbitrumTestLogs;

namespace BridgeStream.Tests.Core;

/// <summary>Arbitrum L1->L2 decoding against real mainnet logs (Fixtures/arbitrum-retryable/README.md) and synthetic ones.</summary>
public sealed class ArbitrumRetryableDecoderTests
{
    private const string Folder = "arbitrum-retryable";
    private static readonly ArbitrumRetryableDecoder Decoder = new();
    private static readonly Hash32 SdkTicketId = Hash32.Parse("0x8ba13904639c7444d8578cc582a230b8501c9f0f7903f5069d276fdd3a7dea44");

    public static TheoryData<string> SendFixtures => [.. Fixtures.Files(Folder, "-send-")];

    [Fact]
    public void Topics_are_the_real_contract_topics()
    {
        Assert.Equal("0x5e3c1311ea442664e8b1611bfabef659120ea7a0a2cfc0667700bebc69cbffe1", ArbitrumRetryableSignatures.MessageDelivered.ToString());
        Assert.Equal("0xff64905f73a67fb594e0f940a8075a860db489ad991e032f48c81123eb52d60b", ArbitrumRetryableSignatures.InboxMessageDelivered.ToString());
        Assert.Equal("0x7c793cced5743dc5f531bbe2bfb5a9fa3f40adef29231e6ab165c08a29e3dd89", ArbitrumRetryableSignatures.TicketCreated.ToString());
        Assert.Equal("0x5ccd009502509cf28762c67858994d85b163bb6e451f5e9df7c5e18c9c2e123e", ArbitrumRetryableSignatures.RedeemScheduled.ToString());
    }

    [Theory]
    [MemberData(nameof(SendFixtures))]
    public void Real_send_decodes_to_the_key_nitro_derives(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine(Folder, fixture));
        var sink = Decode(Decoder, logs, chainId: chainId);

        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, send.Kind);
        Assert.Equal(Protocol.ArbitrumRetryable, send.Protocol);
        Assert.Equal(expected.GetProperty("key").GetString(), send.CorrelationKey.ToString());
        Assert.Equal(1UL, send.SourceChainId);
        Assert.Equal(ulong.Parse(expected.GetProperty("l2ChainId").GetString()!), send.DestinationChainId);
        Assert.Equal(BigInteger.Parse(expected.GetProperty("messageIndex").GetString()!), send.MessageNonce.ToBigInteger());
        Assert.Equal(expected.GetProperty("l1Sender").GetString(), send.Sender.ToString());
        Assert.Equal(expected.GetProperty("to").GetString(), send.Target.ToString());
        var value = BigInteger.Parse(expected.GetProperty("value").GetString()!);
        Assert.Equal(value, send.Value.ToBigInteger());
        var (asset, amount) = GatewayTransfer.Of(expected.TryGetProperty("data", out var callData) ? callData.GetString()! : "0x") ?? (Address.Zero, value);
        Assert.Equal(amount, send.Amount.ToBigInteger());
        Assert.Equal(asset, send.Asset);
        if (expected.TryGetProperty("data", out var data))
        {
            Assert.Equal(data.GetString(), Hex.Encode(send.Payload.Span));
            Assert.Equal(ulong.Parse(expected.GetProperty("gasLimit").GetString()!), send.GasLimit);
        }
    }

    [Fact]
    public void Ticket_id_equals_the_one_arbitrum_sdk_publishes_for_its_mainnet_receipt()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, "arb1-l1-send-weth-retryable-sdk-vector.json"));
        Assert.Equal(SdkTicketId, Assert.Single(Decode(Decoder, logs, chainId: chainId).Events).CorrelationKey);
    }

    [Fact]
    public void Alias_matches_real_senders_both_ways()
    {
        // arbitrum-sdk test: L1WethGateway 0xd920...e2db appears on the Bridge as 0xea31...f3ec.
        var gateway = Address.Parse("0xd92023e9d9911199a6711321d1277285e6d4e2db");
        var aliased = Address.Parse("0xea3123e9d9911199a6711321d1277285e6d4f3ec");
        Assert.Equal(aliased, AddressAlias.ApplyL1ToL2(gateway));
        Assert.Equal(gateway, AddressAlias.UndoL1ToL2(aliased));
        var wraps = Address.Parse("0xffffffffffffffffffffffffffffffffffffffff");
        Assert.Equal(wraps, AddressAlias.UndoL1ToL2(AddressAlias.ApplyL1ToL2(wraps)));
    }

    [Fact]
    public void Rlp_writer_matches_known_encodings()
    {
        Assert.Equal("0x83646f67", Rlp((ref RlpWriter w) => w.WriteString("dog"u8), 4));
        Assert.Equal("0x80", Rlp((ref RlpWriter w) => w.WriteUInt(0UL), 1));
        Assert.Equal("0x0f", Rlp((ref RlpWriter w) => w.WriteUInt(15UL), 1));
        Assert.Equal("0x820400", Rlp((ref RlpWriter w) => w.WriteUInt(1024UL), 3));
        var fiftySix = new byte[56];
        Assert.Equal("0xb838" + new string('0', 112), Rlp((ref RlpWriter w) => w.WriteString(fiftySix), 58));
        Assert.Equal(58, BridgeStream.Core.Serialization.Rlp.StringLength(fiftySix));
        Assert.Equal("0xc0", Rlp((ref RlpWriter w) => w.WriteListHeader(0), 1));
    }

    [Fact]
    public void Unknown_bridge_is_rejected_and_a_configured_one_gives_its_chain_id_to_the_key()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, "arb1-l1-send-weth-retryable-sdk-vector.json"));
        var moved = logs.Select(l => l.Topic0 == ArbitrumRetryableSignatures.MessageDelivered ? With(l, address: Address.Parse("0x00000000000000000000000000000000000000b1")) : l).ToList();

        Assert.Contains("not a known deployment", Assert.Single(Decode(Decoder, moved, chainId: chainId).Rejected).Reason, StringComparison.Ordinal);

        var orbit = new ContractDirectory([new BridgeContract(1, moved[3].Address, ArbitrumRetryableContracts.BridgeKind, Protocol.ArbitrumRetryable, 42170)]);
        var send = Assert.Single(Decode(Decoder, moved, orbit, chainId).Events);
        Assert.Equal(42170UL, send.DestinationChainId);
        Assert.NotEqual(SdkTicketId, send.CorrelationKey); // the chain id is the first field of the hashed tx
    }

    [Fact]
    public void Broken_pairing_is_rejected_with_a_reason()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, "arb1-l1-send-eth-deposit.json"));
        var bridge = logs[0];
        var inbox = logs[1];
        var tampered = inbox.Data.ToArray();
        tampered[64 + 51] ^= 1; // the last byte of the value: still well-formed ABI, but not the message the Bridge hashed

        Assert.Contains("without its InboxMessageDelivered", Assert.Single(Decode(Decoder, [bridge], chainId: chainId).Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("without a MessageDelivered", Assert.Single(Decode(Decoder, [inbox], chainId: chainId).Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("messageDataHash", Assert.Single(Decode(Decoder, [bridge, With(inbox, data: tampered)], chainId: chainId).Rejected).Reason, StringComparison.Ordinal);
        var otherInbox = With(inbox, address: Address.Parse("0x00000000000000000000000000000000000000a1"));
        Assert.Single(Decode(Decoder, [bridge, otherInbox], chainId: chainId).Rejected, r => r.Log == bridge);
    }

    [Fact]
    public void Other_message_kinds_are_not_bridge_messages()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, "arb1-l1-send-eth-deposit.json"));
        var kind13 = logs[0].Data.ToArray();
        kind13[63] = 13; // L1MessageType_batchPostingReport, as the SequencerInbox delivers with every batch
        var sink = Decode(Decoder, [With(logs[0], data: kind13)], chainId: chainId);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void Synthetic_eth_deposit_round_trips_and_pairs_by_message_number()
    {
        var l1Sender = Address.Parse("0x1000000000000000000000000000000000000001");
        var to = Address.Parse("0x2000000000000000000000000000000000000002");
        var message = new byte[52];
        to.CopyTo(message);
        Hash32.FromUInt64(5_000_000_000).CopyTo(message.AsSpan(20));
        var (bridge, inbox) = Delivered(messageIndex: 77, L1MessageKind.EthDeposit, l1Sender, message);
        var decoy = Log(ArbitrumRetryableContracts.ArbitrumOneInbox, [ArbitrumRetryableSignatures.InboxMessageDelivered, Word(78)], Encode([default], 0, new byte[52]), logIndex: 9);

        var sink = Decode(Decoder, [decoy, bridge, inbox]);

        Assert.Contains("without a MessageDelivered", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
        var send = Assert.Single(sink.Events);
        Assert.Equal(l1Sender, send.Sender);
        Assert.Equal(to, send.Target);
        Assert.Equal(5_000_000_000UL, send.Amount.LowUInt64);
        Assert.Equal(ArbitrumL2TxHash.EthDeposit(42161, Word(77), AddressAlias.ApplyL1ToL2(l1Sender), new EthDepositMessage(to, Word(5_000_000_000))), send.CorrelationKey);
    }

    [Fact]
    public void Synthetic_l2_ticket_and_redeem_share_the_l1_key()
    {
        // SYNTHETIC L2 logs (no real Arbitrum One TicketCreated/RedeemScheduled was found in a public source), keyed by the
        // real ticket id of the arbitrum-sdk fixture; in Nitro both are emitted by the submit-retryable tx whose hash is that id.
        var retryTx = Hash32.Parse("0x6f78774cff7b565a4c4d32dcf9d6ea3af0abb2780fa2783ce6f0fc46af927d48");
        var donor = Address.Parse("0x230e1ca90ff285b6eb37794ad781629fc77c9842");
        var precompile = ArbitrumRetryableContracts.ArbRetryableTx;
        var created = Log(precompile, [ArbitrumRetryableSignatures.TicketCreated, SdkTicketId], [], 42161, 0, SdkTicketId);
        var redeem = Log(precompile, [ArbitrumRetryableSignatures.RedeemScheduled, SdkTicketId, retryTx, Word(0)],
            Encode([Word(27511), Word(donor), Word(7_000_000), Word(0)]), 42161, 1, SdkTicketId);
        var impostor = With(created, address: Address.Parse("0x00000000000000000000000000000000000000e6"));

        var sink = Decode(Decoder, [created, redeem, impostor], chainId: 42161);

        Assert.Empty(sink.Rejected);
        Assert.Collection(
            sink.Events,
            arrived =>
            {
                Assert.Equal(EventKind.MessageArrived, arrived.Kind);
                Assert.Equal(SdkTicketId, arrived.CorrelationKey);
                Assert.Equal(1UL, arrived.SourceChainId);
                Assert.Equal(42161UL, arrived.DestinationChainId);
                Assert.True(arrived.OutcomeTransaction.IsZero);
            },
            relayed =>
            {
                Assert.Equal(EventKind.MessageRelayed, relayed.Kind);
                Assert.Equal(SdkTicketId, relayed.CorrelationKey);
                Assert.Equal(retryTx, relayed.OutcomeTransaction);
                Assert.True(relayed.Payload.IsEmpty);
                Assert.Equal(0UL, relayed.MessageNonce.LowUInt64);
                Assert.Equal(27511UL, relayed.GasLimit);
                Assert.Equal(donor, relayed.Sender);
            });
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, "arb1-l1-send-usdt-retryable.json"));
        var bridge = logs.First(l => l.Topic0 == ArbitrumRetryableSignatures.MessageDelivered);
        var inbox = logs.First(l => l.Topic0 == ArbitrumRetryableSignatures.InboxMessageDelivered);
        var cases = new (RawLog Bridge, RawLog Inbox)[]
        {
            (With(bridge, topics: bridge.Topics[..2]), inbox),
            (With(bridge, data: bridge.Data[..100]), inbox),
            (With(bridge, data: Patch(bridge.Data, 32, 0x01)), inbox),           // kind does not fit a uint8
            (bridge, With(inbox, data: Patch(inbox.Data, 0, 0xff))),            // bytes offset 2^256-1
            (bridge, With(inbox, data: Patch(inbox.Data, 32, 0x7f))),           // bytes length far past the end
            (bridge, With(inbox, data: inbox.Data[..64])),
            (bridge, With(inbox, data: Array.Empty<byte>())),
        };
        foreach (var (badBridge, badInbox) in cases)
        {
            var sink = Decode(Decoder, [badBridge, badInbox], chainId: chainId);
            Assert.Empty(sink.Events);
            Assert.NotEmpty(sink.Rejected);
            Assert.All(sink.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        }
    }

    [Fact]
    public void Hostile_retryable_fields_are_rejected_by_the_message_parser()
    {
        var head = new byte[9 * 32];
        Assert.NotNull(InboxMessageData.TryParseSubmitRetryable(head.AsMemory(0, 100), out _));
        var hugeGas = (byte[])head.Clone();
        hugeGas[6 * 32] = 1;
        Assert.Contains("gas limit", InboxMessageData.TryParseSubmitRetryable(hugeGas, out _), StringComparison.Ordinal);
        var hugeData = (byte[])head.Clone();
        hugeData.AsSpan(8 * 32, 32).Fill(0xff);
        Assert.Contains("data length", InboxMessageData.TryParseSubmitRetryable(hugeData, out _), StringComparison.Ordinal);
        Assert.Null(InboxMessageData.TryParseSubmitRetryable(head, out var empty));
        Assert.Equal(0, empty.Data.Length);
        Assert.NotNull(InboxMessageData.TryParseEthDeposit(new byte[51], out _));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(11);
        var topics = ArbitrumRetryableSignatures.AllTopics;
        var emitters = new[] { ArbitrumRetryableContracts.ArbitrumOneBridge, ArbitrumRetryableContracts.ArbitrumOneInbox, ArbitrumRetryableContracts.ArbRetryableTx };
        for (var i = 0; i < 3000; i++)
        {
            var logs = Enumerable.Range(0, random.Next(1, 4)).Select(n => RandomLog(random, topics, emitters, n)).ToList();
            var sink = Decode(Decoder, logs, chainId: 42161);
            Assert.True(sink.Events.Count + sink.Rejected.Count <= logs.Count);
        }
    }

    private static RawLog RandomLog(Random random, IReadOnlyList<Hash32> topics, Address[] emitters, int index)
    {
        var data = new byte[random.Next(0, 500)];
        random.NextBytes(data);
        var logTopics = new Hash32[random.Next(1, 5)];
        logTopics[0] = topics[random.Next(topics.Count)];
        for (var t = 1; t < logTopics.Length; t++)
        {
            logTopics[t] = random.Next(2) == 0 ? Word((ulong)random.Next(3)) : Keccak256.Hash(BitConverter.GetBytes(random.Next()));
        }

        return Log(emitters[random.Next(emitters.Length)], logTopics, data, 42161, (uint)index);
    }

    private static (RawLog Bridge, RawLog Inbox) Delivered(ulong messageIndex, byte kind, Address l1Sender, byte[] message)
    {
        var inbox = ArbitrumRetryableContracts.ArbitrumOneInbox;
        var bridgeData = Encode([Word(inbox), Word(kind), Word(AddressAlias.ApplyL1ToL2(l1Sender)), Keccak256.Hash(message), Word(30_000_000_000), Word(1_700_000_000)]);
        return (
            Log(ArbitrumRetryableContracts.ArbitrumOneBridge, [ArbitrumRetryableSignatures.MessageDelivered, Word(messageIndex), default], bridgeData, logIndex: 1),
            Log(inbox, [ArbitrumRetryableSignatures.InboxMessageDelivered, Word(messageIndex)], Encode([default], 0, message), logIndex: 2));
    }

    private static byte[] Patch(ReadOnlyMemory<byte> data, int wordStart, byte fill)
    {
        var copy = data.ToArray();
        copy.AsSpan(wordStart, 32).Fill(fill);
        return copy;
    }

    private delegate void RlpWrite(ref RlpWriter writer);

    private static string Rlp(RlpWrite write, int size)
    {
        var buffer = new byte[size];
        var writer = new RlpWriter(buffer);
        write(ref writer);
        Assert.Equal(size, writer.Position);
        return Hex.Encode(buffer);
    }
}
