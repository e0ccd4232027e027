using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>Hyperlane Mailbox decoding: real dispatches (Fixtures/hyperlane/README.md) and synthetic v3 logs encoded from the ABI.</summary>
public sealed class HyperlaneDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new HyperlaneMailboxDecoder()]);
    private static readonly Address Mailbox = HyperlaneDeployments.Mailboxes[1];
    private static readonly Address Router = AddressOf(0xaa);
    private static readonly Address Recipient = AddressOf(0xbb);

    public static TheoryData<string> RealDispatches => [.. Fixtures.Files("hyperlane")];

    [Fact]
    public void Topics_are_the_published_mailbox_topics()
    {
        Assert.Equal("0x769f711d20c679153d382254f59892613b58a97cc876b249134ac25c80f9c814", HyperlaneSignatures.Dispatch.ToString());
        Assert.Equal("0x788dbc1b7152732178210e7f4d9d010ef016f9eafbe66786bd7169f56e0c353a", HyperlaneSignatures.DispatchId.ToString());
        Assert.Equal("0x0d381c2a574ae8f04e213db7cfb4df8df712cdbd427d9868ffef380660ca6574", HyperlaneSignatures.Process.ToString());
        Assert.Equal("0x1cae38cdd3d3919489272725a5ae62a4f48b2989b0dae843d3c279fee18073a9", HyperlaneSignatures.ProcessId.ToString());
        Assert.Equal("0xd229aacb94204188fe8042965fa6b269c62dc5818b21238779ab64bdd17efeec", HyperlaneSignatures.SentTransferRemote.ToString());
    }

    [Theory]
    [MemberData(nameof(RealDispatches))]
    public void Real_dispatch_decodes_to_the_keccak_of_its_message(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("hyperlane", fixture));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, sent.Kind);
        Assert.Equal(Protocol.Hyperlane, sent.Protocol);
        Assert.Equal(expected.GetProperty("messageId").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(expected.GetProperty("sourceChainId").GetUInt64(), sent.SourceChainId);
        Assert.Equal(expected.GetProperty("destinationChainId").GetUInt64(), sent.DestinationChainId);
        Assert.Equal(ulong.Parse(expected.GetProperty("nonce").GetString()!), sent.MessageNonce.LowUInt64);
        Assert.Equal(expected.GetProperty("body").GetString(), Hex.Encode(sent.Payload.Span));
        Assert.Equal(expected.GetProperty("sender").GetString()![26..], sent.Sender.ToString()[2..]);
        Assert.True(sent.Amount.IsZero, "no SentTransferRemote in these sources, so no transfer is claimed");
    }

    [Fact]
    public void Non_evm_recipient_leaves_target_empty()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("hyperlane", "gnosis-dispatch-hello-to-solana.json"));
        var sent = Assert.Single(Decode(chainId, logs).Events);
        Assert.Equal(Address.Zero, sent.Target);
        Assert.Equal(0UL, sent.DestinationChainId);
    }

    [Fact]
    public void Synthetic_warp_transfer_pairs_dispatch_and_process_with_amount()
    {
        var (message, id) = V3Message(origin: 1, destination: 42161, sender: Router, body: TokenMessageBody(Recipient, 1_234_567));
        var sendLogs = new List<RawLog>
        {
            SentTransferRemote(1, 42161, Recipient, 1_234_567),
            Dispatch(1, Router, 42161, message, logIndex: 2),
            Log(1, Mailbox, 3, [HyperlaneSignatures.DispatchId, id], []),
        };
        var arbitrumMailbox = HyperlaneDeployments.Mailboxes[42161];
        var receiveLogs = new List<RawLog>
        {
            Log(42161, arbitrumMailbox, 7, [HyperlaneSignatures.Process, Word(1), Word(Router), Word(Router)], []),
            Log(42161, arbitrumMailbox, 8, [HyperlaneSignatures.ProcessId, id], []),
        };

        var sent = Assert.Single(Decode(1, sendLogs).Events);
        var received = Assert.Single(Decode(42161, receiveLogs).Events);

        Assert.Equal(id, sent.CorrelationKey);
        Assert.Equal(id, received.CorrelationKey);
        Assert.Equal(EventKind.MessageRelayed, received.Kind);
        Assert.Equal((1UL, 42161UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal((1UL, 42161UL), (received.SourceChainId, received.DestinationChainId));
        Assert.Equal(Hash32.FromUInt64(1_234_567), sent.Amount);
        Assert.Equal(Router, sent.Asset);
        Assert.Equal(Router, sent.Sender);
        Assert.Equal(Router, received.Target);
    }

    [Fact]
    public void Sent_transfer_remote_for_another_recipient_is_not_taken_as_the_amount()
    {
        var (message, _) = V3Message(origin: 1, destination: 42161, sender: Router, body: TokenMessageBody(Recipient, 5));
        var logs = new List<RawLog> { SentTransferRemote(1, 42161, AddressOf(0xcc), 5), Dispatch(1, Router, 42161, message, logIndex: 2) };

        var sent = Assert.Single(Decode(1, logs).Events);
        Assert.True(sent.Amount.IsZero);
        Assert.Equal(Address.Zero, sent.Asset);
    }

    [Fact]
    public void Dispatch_id_that_is_not_the_message_hash_is_rejected()
    {
        var (message, _) = V3Message(origin: 1, destination: 10, sender: Router, body: [1, 2, 3]);
        var logs = new List<RawLog> { Dispatch(1, Router, 10, message, logIndex: 0), Log(1, Mailbox, 1, [HyperlaneSignatures.DispatchId, Word(99)], []) };

        var sink = Decode(1, logs);
        Assert.Empty(sink.Events);
        Assert.Contains("differs from keccak256(message)", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Orphan_companion_logs_are_rejected_with_reasons()
    {
        var id = Word(7);
        var orphans = new List<RawLog>
        {
            Log(1, Mailbox, 0, [HyperlaneSignatures.DispatchId, id], []),
            Log(1, AddressOf(0x01), 1, [HyperlaneSignatures.ProcessId, id], []),
            Log(1, AddressOf(0x02), 2, [HyperlaneSignatures.Process, Word(1), Word(Router), Word(Router)], []),
        };

        var sink = Decode(1, orphans);
        Assert.Empty(sink.Events);
        Assert.Equal(3, sink.Rejected.Count);
        Assert.Contains(sink.Rejected, r => r.Reason.Contains("DispatchId without a Dispatch", StringComparison.Ordinal));
        Assert.Contains(sink.Rejected, r => r.Reason.Contains("ProcessId without its Process", StringComparison.Ordinal));
        Assert.Contains(sink.Rejected, r => r.Reason.Contains("Process without a ProcessId", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_dispatches_are_rejected_not_thrown()
    {
        var (message, _) = V3Message(origin: 1, destination: 10, sender: Router, body: [1, 2, 3]);
        var good = Dispatch(1, Router, 10, message, logIndex: 0);
        var hugeLength = good.Data.ToArray();
        hugeLength.AsSpan(32, 32).Fill(0xff);
        var badOffset = good.Data.ToArray();
        badOffset[31] = 0x21;
        var shortMessage = Abi([null], new byte[76]);

        var variants = new[]
        {
            With(good, topics: good.Topics[..3]),
            With(good, data: good.Data[..40]),
            With(good, data: hugeLength),
            With(good, data: badOffset),
            With(good, data: shortMessage),
            With(good, data: Array.Empty<byte>()),
            With(good, topics: [good.Topics[0], good.Topics[1], Word(11), good.Topics[3]]),
            With(good, topics: [good.Topics[0], good.Topics[1], good.Topics[2], Word(AddressOf(0x99))]),
            With(good, topics: [good.Topics[0], Word(AddressOf(0x99)), good.Topics[2], good.Topics[3]]),
            With(good, topics: [good.Topics[0], Hash32.Parse("0x" + new string('f', 64)), good.Topics[2], good.Topics[3]]),
        };
        foreach (var variant in variants)
        {
            var sink = Decode(1, [variant]);
            Assert.Empty(sink.Events);
            var rejected = Assert.Single(sink.Rejected);
            Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(11);
        Hash32[] primary = [HyperlaneSignatures.Dispatch, HyperlaneSignatures.ProcessId];
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

            var sink = Decode(1, [Log(1, Mailbox, (uint)i, topics, data)]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static (byte[] Message, Hash32 Id) V3Message(uint origin, uint destination, Address sender, byte[] body)
    {
        var message = HyperlaneMessage.Format(3, 42, origin, Word(sender), destination, Word(sender), body);
        return (message, HyperlaneMessage.Id(message));
    }

    private static byte[] TokenMessageBody(Address recipient, ulong amount) => Concat(Word(recipient).ToArray(), Word(amount).ToArray());

    private static RawLog Dispatch(ulong chainId, Address sender, uint destination, byte[] message, uint logIndex) =>
        Log(chainId, Mailbox, logIndex, [HyperlaneSignatures.Dispatch, Word(sender), Word(destination), Word(sender)], Abi([null], message));

    private static RawLog SentTransferRemote(ulong chainId, uint destination, Address recipient, ulong amount) =>
        Log(chainId, Router, 0, [HyperlaneSignatures.SentTransferRemote, Word(destination), Word(recipient)], Word(amount).ToArray());

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
