using System.Numerics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.OpInterop;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// OP Superchain interop decoding (Fixtures/op-interop/README.md). REAL contract output, not mainnet (no mainnet chain
/// runs interop): a supersim SentMessage with the message hash supersim printed for it, the first devnet version's
/// anonymous SentMessage, and a devnet ExecutingMessage of another application. The destination-side receipts are
/// SYNTHETIC (synthetic-*.json, encoded by verify.mjs from the ABIs around the real message).
/// </summary>
public sealed class OpInteropDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new OpInteropDecoder()]);

    [Fact]
    public void Topics_and_selectors_are_the_published_ones()
    {
        Assert.Equal("0x382409ac69001e11931a28435afef442cbfd20d9891907e8fa373ba7d351f320", OpInteropSignatures.SentMessage.ToString());
        Assert.Equal("0x5948076590932b9d173029c7df03fe386e755a61c86c7fe2671011a2faa2a379", OpInteropSignatures.RelayedMessage.ToString());
        Assert.Equal("0x5c37832d2e8d10e346e55ad62071a6a2f9fa5130614ef2ec6617555c6f467ba7", OpInteropSignatures.ExecutingMessage.ToString());
        Assert.Equal(0x7cfd6dbcu, OpInteropSignatures.RelayErc20Selector);
    }

    [Fact]
    public void Real_supersim_send_decodes_to_the_hash_supersim_printed()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("op-interop", "supersim-901-send-superchain-token-bridge.json"));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal((Protocol.OpSuperchainInterop, EventKind.MessageSent), (sent.Protocol, sent.Kind));
        Assert.Equal(expected.GetProperty("messageHash").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal((901UL, 902UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal(expected.GetProperty("sender").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("target").GetString(), sent.Target.ToString());
        Assert.Equal(expected.GetProperty("message").GetString(), Hex.Encode(sent.Payload.Span));
        Assert.True(sent.MessageNonce.IsZero);
        Assert.Equal(expected.GetProperty("asset").GetString(), sent.Asset.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("amount").GetString()!), sent.Amount.ToBigInteger());
        Assert.True(sent.Value.IsZero, "the messenger carries no ETH");
    }

    [Theory]
    [InlineData("synthetic-902-relay-v1beta.json")]
    [InlineData("synthetic-902-relay-v2.json")]
    public void Relay_receipt_of_either_version_arrives_and_relays_under_the_send_key(string fixture)
    {
        var (_, sendLogs, _) = Fixtures.Load(Path.Combine("op-interop", "supersim-901-send-superchain-token-bridge.json"));
        var send = Assert.Single(Decode(901, sendLogs).Events);
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("op-interop", fixture));

        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        Assert.Equal([EventKind.MessageArrived, EventKind.MessageRelayed], sink.Events.Select(e => e.Kind));
        Assert.All(sink.Events, e => Assert.Equal(send.CorrelationKey, e.CorrelationKey));
        Assert.All(sink.Events, e => Assert.Equal((901UL, 902UL), (e.SourceChainId, e.DestinationChainId)));
        Assert.Equal(expected.GetProperty("messageHash").GetString(), sink.Events[1].CorrelationKey.ToString());
        Assert.Equal(OpInteropContracts.CrossL2Inbox, sink.Events[0].Position.Emitter);

        // The lifecycle: sent on 901, validated and relayed on 902 in one transaction -> delivered.
        var record = new MessageRecord(send.CorrelationKey, Protocol.OpSuperchainInterop);
        record.Apply(send, 0, 0);
        record.Apply(sink.Events[0], 0, 1);
        Assert.Equal(MessageStatus.Arrived, record.Status);
        record.Apply(sink.Events[1], 0, 2);
        Assert.Equal(MessageStatus.Delivered, record.Status);
    }

    [Fact]
    public void First_devnet_versions_anonymous_send_is_not_recognised_by_any_protocol()
    {
        // REAL LOG0 of the September 2024 messenger: no topic0, so nothing can claim it (or filter for it).
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("op-interop", "supersim-901-send-v0-anonymous.json"));
        var sink = new CollectingSink();
        ProtocolCatalog.CreateDecoder().Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void Real_executing_message_of_another_application_is_left_alone()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("op-interop", "devnet-executing-message-other-app.json"));
        var sink = Decode(chainId, logs);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void Executing_messages_pair_with_the_next_unpaired_relay_from_their_source()
    {
        // SYNTHETIC batch relay: two messages from 901 and one from 903 in one transaction, each ExecutingMessage before its
        // relay; the relay from 903 must not take 901's identifier, and an ExecutingMessage with no relay yields nothing.
        var relays = new[] { (Source: 901UL, Hash: Word(0xa1)), (Source: 903UL, Hash: Word(0xa2)), (Source: 901UL, Hash: Word(0xa3)) };
        var logs = new List<RawLog>();
        uint index = 0;
        logs.Add(Executing(index++, 901));
        logs.Add(Executing(index++, 903));
        logs.Add(Relay(index++, relays[1].Source, relays[1].Hash));
        logs.Add(Relay(index++, relays[0].Source, relays[0].Hash));
        logs.Add(Executing(index++, 901));
        logs.Add(Relay(index++, relays[2].Source, relays[2].Hash));
        logs.Add(Executing(index, 901)); // validateMessage called directly: no relay follows

        var sink = Decode(902, logs);

        Assert.Empty(sink.Rejected);
        var arrivals = sink.Events.Where(e => e.Kind == EventKind.MessageArrived).ToList();
        Assert.Equal([Word(0xa1), Word(0xa2), Word(0xa3)], arrivals.Select(e => e.CorrelationKey));
        Assert.Equal([0u, 1u, 4u], arrivals.Select(e => e.Position.LogIndex));
        Assert.Equal(3, sink.Events.Count(e => e.Kind == EventKind.MessageRelayed));
    }

    [Fact]
    public void Same_topics_from_other_emitters_are_not_claimed_unless_configured()
    {
        var other = AddressOf(0x42);
        var relay = Log(902, other, 0, [OpInteropSignatures.RelayedMessage, Word(901), Word(0), Word(7)], []);
        var sink = Decode(902, [relay]);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);

        var configured = new ContractDirectory([new BridgeContract(902, other, OpInteropContracts.MessengerKind, Protocol.OpSuperchainInterop, 0)]);
        var claimed = new CollectingSink();
        Decoder.Decode([relay], new DecodeContext(902, configured, 0), claimed);
        Assert.Equal(Word(7), Assert.Single(claimed.Events).CorrelationKey);
    }

    [Fact]
    public void Undelivered_message_expires_an_expiry_window_after_its_send()
    {
        var module = ProtocolCatalog.Module(Protocol.OpSuperchainInterop);
        Assert.Equal(ProofSystem.Synchronous, module.ProofSystem);
        var record = new MessageRecord(Word(1), Protocol.OpSuperchainInterop);
        Assert.Equal(MessageDeadlines.None, module.Deadlines(record, TimingTable.Empty));

        record.Apply(new BridgeEvent
        {
            Position = new LogPosition(901, 14, Word(14), Word(15), 2, 1_743_801_675, OpInteropContracts.L2ToL2CrossDomainMessenger),
            Protocol = Protocol.OpSuperchainInterop,
            Kind = EventKind.MessageSent,
            CorrelationKey = Word(1),
            SourceChainId = 901,
            DestinationChainId = 902,
        }, 0, 0);

        Assert.Equal(1_743_801_675 + (7 * 86_400), module.Deadlines(record, TimingTable.Empty).ExpiresAt);
        Assert.Equal(1_743_801_675 + 60, module.Deadlines(record, new TimingTable([new ChainTiming(902, RetryableLifetimeSeconds: 60)])).ExpiresAt);
        Assert.Null(module.Deadlines(record, TimingTable.Empty).FinalizableAt);
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("op-interop", "supersim-901-send-superchain-token-bridge.json"));
        var sent = logs[0];
        var hugeLength = sent.Data.ToArray();
        hugeLength.AsSpan(64, 32).Fill(0xff);
        var notAnAddress = sent.Data.ToArray();
        notAnAddress[0] = 1;
        var messenger = OpInteropContracts.L2ToL2CrossDomainMessenger;
        var variants = new[]
        {
            With(sent, topics: sent.Topics[..3]),
            With(sent, topics: [sent.Topics[0], Hash32.Parse("0x" + new string('f', 64)), sent.Topics[2], sent.Topics[3]]),
            With(sent, topics: [sent.Topics[0], sent.Topics[1], Hash32.Parse("0x" + new string('f', 64)), sent.Topics[3]]),
            With(sent, data: sent.Data[..40]),
            With(sent, data: hugeLength),
            With(sent, data: notAnAddress),
            Log(chainId, messenger, 5, [OpInteropSignatures.RelayedMessage, Word(901), Word(0)], []),
            Log(chainId, messenger, 6, [OpInteropSignatures.RelayedMessage, Word(901), Word(0), Word(9)], new byte[32]),
            Log(chainId, messenger, 7, [OpInteropSignatures.RelayedMessageWithReturnData, Word(901), Word(0), Word(9)], []),
            Log(chainId, OpInteropContracts.CrossL2Inbox, 8, [OpInteropSignatures.ExecutingMessage, Word(1)], new byte[100]),
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
        var random = new Random(11);
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var topics = new Hash32[random.Next(1, 5)];
            topics[0] = OpInteropSignatures.AllTopics[random.Next(OpInteropSignatures.AllTopics.Count)];
            for (var t = 1; t < topics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                topics[t] = new Hash32(word);
            }

            var emitter = topics[0] == OpInteropSignatures.ExecutingMessage ? OpInteropContracts.CrossL2Inbox : OpInteropContracts.L2ToL2CrossDomainMessenger;
            var sink = Decode(902, [Log(902, emitter, (uint)i, topics, data)]);
            Assert.True(sink.Events.Count + sink.Rejected.Count <= 1);
        }
    }

    private static RawLog Executing(uint logIndex, ulong sourceChainId) =>
        Log(902, OpInteropContracts.CrossL2Inbox, logIndex, [OpInteropSignatures.ExecutingMessage, Word(logIndex + 100)],
            Abi([Word(OpInteropContracts.L2ToL2CrossDomainMessenger), Word(10), Word(1), Word(1_700_000_000), Word(sourceChainId)]));

    private static RawLog Relay(uint logIndex, ulong sourceChainId, Hash32 messageHash) =>
        Log(902, OpInteropContracts.L2ToL2CrossDomainMessenger, logIndex, [OpInteropSignatures.RelayedMessage, Word(sourceChainId), Word(logIndex), messageHash], []);

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
