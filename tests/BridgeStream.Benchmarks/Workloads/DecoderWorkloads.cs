using System.Buffers.Binary;
using BridgeStream.Benchmarks.Support;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.ArbitrumOutbox;
using BridgeStream.Core.Protocols.ArbitrumRetryable;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using BridgeStream.Core.Protocols.Scroll;
using static BridgeStream.Benchmarks.Support.Abi;

namespace BridgeStream.Benchmarks.Workloads;

/// <summary>
/// One batch per protocol, about 1,000 transactions of that protocol's typical shape, built from the real fixtures where
/// they exist (each message gets its own nonce, so every key differs) and from ABI-correct synthetic encodings for the
/// steps no public log exists for. Only the logs a decoder claims are kept, as the ingestor's eth_getLogs topic filter
/// would return them. Receives carry the keys of the batch's own sends, so a batch is whole messages.
/// The log counts are constants because BenchmarkDotNet's OperationsPerInvoke needs them at compile time;
/// <see cref="Workload.Verify"/> checks every batch against them.
/// </summary>
public static partial class DecoderWorkloads
{
    /// <summary>500 sends (SentMessage + SentMessageExtension1) + 500 RelayedMessage.</summary>
    public const int OpStackMessengerLogs = 1_500;

    /// <summary>1,000 TransactionDeposited.</summary>
    public const int OpStackPortalLogs = 1_000;

    /// <summary>333 withdrawals: MessagePassed, WithdrawalProven + WithdrawalProvenExtension1, WithdrawalFinalized.</summary>
    public const int OpStackWithdrawalLogs = 1_332;

    /// <summary>600 L1 sends (MessageDelivered + InboxMessageDelivered; 1/3 ETH deposits) + 400 L2 TicketCreated + RedeemScheduled.</summary>
    public const int ArbitrumRetryableLogs = 2_000;

    /// <summary>500 L2ToL1Tx + 500 OutBoxTransactionExecuted.</summary>
    public const int ArbitrumOutboxLogs = 1_000;

    /// <summary>500 Dispatch + DispatchId, 500 Process + ProcessId.</summary>
    public const int HyperlaneLogs = 2_000;

    /// <summary>500 MessageSent + 500 MessageReceived (v1).</summary>
    public const int CctpV1Logs = 1_000;

    /// <summary>500 MessageSent + 500 MessageReceived (v2).</summary>
    public const int CctpV2Logs = 1_000;

    /// <summary>500 SentMessage + 500 RelayedMessage.</summary>
    public const int ScrollLogs = 1_000;

    /// <summary>500 PacketSent + OFTSent, 500 PacketDelivered.</summary>
    public const int LayerZeroV2Logs = 1_500;

    /// <summary>Every batch above interleaved transaction by transaction.</summary>
    public const int MixedLogs = OpStackMessengerLogs + OpStackPortalLogs + OpStackWithdrawalLogs + ArbitrumRetryableLogs
        + ArbitrumOutboxLogs + HyperlaneLogs + CctpV1Logs + CctpV2Logs + ScrollLogs + LayerZeroV2Logs;

    private const int Messages = 500;

    /// <summary>Every mainnet deployment the core knows (ProtocolCatalog), as one ingestor configured for all of them would hold.</summary>
    public static ContractDirectory Contracts => ProtocolCatalog.MainnetContracts;

    public static DecodeContext Context { get; } = new(1, Contracts, 1_750_000_000_000_000_000);

    public static IProtocolDecoder[] AllDecoders() => [.. ProtocolCatalog.All.Select(m => m.CreateDecoder())];

    public static Workload OpStackMessenger()
    {
        var decoder = new OpStackMessengerDecoder();
        var sends = OpStackSends(Messages, decoder);
        var keys = Workload.Keys(decoder, sends);
        var relays = Templates(decoder, "opstack/op-l1-relay-eth-withdrawal.json", "opstack/op-l1-relay-usdt-withdrawal.json", "opstack/op-l2-relay-eth-deposit.json");
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            batch.Add(sends[i]);
            var relay = relays[i % relays.Count].Single();
            batch.Add(With(relay, topics: [relay.Topics[0], keys[i]]));
        }

        return new Workload("OpStackMessenger", decoder, batch.Build(), 2 * Messages, Messages,
            "real sends and relays from Fixtures/opstack, nonces varied, relays re-keyed to the batch's sends");
    }

    /// <summary>The 6 real SentMessage + SentMessageExtension1 fixtures in turn, each copy with its own message nonce.</summary>
    public static List<RawLog[]> OpStackSends(int count, IProtocolDecoder decoder)
    {
        var templates = Templates(decoder,
            "opstack/base-l1-send-eth-deposit.json", "opstack/base-l1-send-usdc-deposit.json", "opstack/op-l1-send-eth-deposit.json",
            "opstack/op-l1-send-usdc-deposit.json", "opstack/op-l2-send-crv-withdrawal.json", "opstack/op-l2-send-eth-withdrawal.json");
        var sends = new List<RawLog[]>(count);
        for (var i = 0; i < count; i++)
        {
            var template = templates[i % templates.Count];
            sends.Add([.. template.Select(log => log.Topic0 == OpStackSignatures.SentMessage ? WithDataLow64(log, 64, i) : log)]);
        }

        return sends;
    }

    public static Workload OpStackPortal()
    {
        var decoder = new OpStackPortalDecoder();
        var deposits = Templates(decoder,
            "opstack-portal/base-l1-deposit-eth.json", "opstack-portal/base-l1-deposit-usdc.json", "opstack-portal/op-l1-deposit-eth.json",
            "opstack-portal/op-l1-deposit-relaymessage.json", "opstack-portal/op-l1-deposit-usdc.json");
        var batch = new BatchBuilder();
        for (var i = 0; i < 2 * Messages; i++)
        {
            batch.Add(deposits[i % deposits.Count]); // the key hashes the L1 block hash, which every transaction has its own of
        }

        return new Workload("OpStackPortal", decoder, batch.Build(), 2 * Messages, 2 * Messages,
            "real TransactionDeposited logs from Fixtures/opstack-portal, each in its own L1 block");
    }

    public static Workload OpStackWithdrawal()
    {
        const int withdrawals = 333;
        var decoder = new OpStackWithdrawalDecoder();
        var passed = Templates(decoder, "opstack-withdrawal/op-l2-withdrawal-send-crv.json", "opstack-withdrawal/op-l2-withdrawal-send-eth.json");
        var finalized = Templates(decoder, "opstack-withdrawal/op-l1-withdrawal-finalized-eth.json", "opstack-withdrawal/op-l1-withdrawal-finalized-usdt.json");
        var submitter = AddressOf(0x5b);
        var batch = new BatchBuilder();
        for (var i = 0; i < withdrawals; i++)
        {
            var (send, hash, sender, target) = MessagePassedWithNonce(passed[i % passed.Count].Single(), i);
            batch.Add(send);
            var portal = OpStackWithdrawalContracts.OpMainnetPortal;
            batch.Add(
                Log(1, portal, 10, [OpStackWithdrawalSignatures.WithdrawalProven, hash, Word(sender), Word(target)], []),
                Log(1, portal, 11, [OpStackWithdrawalSignatures.WithdrawalProvenExtension1, hash, Word(submitter)], []));
            var finalize = finalized[i % finalized.Count].Single();
            batch.Add(With(finalize, topics: [finalize.Topics[0], hash]));
        }

        return new Workload("OpStackWithdrawal", decoder, batch.Build(), 3 * withdrawals, withdrawals,
            "real MessagePassed (nonce varied, withdrawalHash recomputed) and WithdrawalFinalized from Fixtures/opstack-withdrawal; synthetic WithdrawalProven + Extension1");
    }

    // MessagePassed(uint256 indexed nonce, address indexed sender, address indexed target, uint256 value, uint256 gasLimit, bytes data, bytes32 withdrawalHash).
    private static (RawLog Log, Hash32 Hash, Address Sender, Address Target) MessagePassedWithNonce(RawLog template, int i)
    {
        var nonce = WithLow64(template.Topics[1], template.Topics[1].LowUInt64 + (ulong)i + 1);
        var data = template.Data.ToArray();
        var reader = new AbiReader(data);
        if (!reader.TryWord(0, out var value) || !reader.TryWord(1, out var gasLimit) || !reader.TryBytes(2, out var payload, out _)
            || !TopicWords.TryAddress(template.Topics[2], out var sender) || !TopicWords.TryAddress(template.Topics[3], out var target))
        {
            throw new InvalidOperationException("MessagePassed fixture does not read");
        }

        var hash = WithdrawalHash.Compute(nonce, sender, target, value, gasLimit, data.AsSpan()[payload]);
        hash.CopyTo(data.AsSpan(96, 32));
        return (With(template, topics: [template.Topics[0], nonce, template.Topics[2], template.Topics[3]], data: data), hash, sender, target);
    }

    public static Workload ArbitrumRetryable()
    {
        const int sends = 600;
        var decoder = new ArbitrumRetryableDecoder();
        var templates = Templates(decoder,
            "arbitrum-retryable/arb1-l1-send-eth-deposit.json", "arbitrum-retryable/arb1-l1-send-usdt-retryable.json",
            "arbitrum-retryable/arb1-l1-send-weth-retryable-sdk-vector.json");
        var l1 = new List<RawLog[]>(sends);
        for (var i = 0; i < sends; i++)
        {
            // MessageDelivered and InboxMessageDelivered both carry the message index (the request id the key hashes).
            l1.Add([.. templates[i % templates.Count].Select(log =>
                With(log, topics: [log.Topics[0], WithLow64(log.Topics[1], log.Topics[1].LowUInt64 + (ulong)i + 1), .. log.Topics[2..]]))]);
        }

        var keys = Workload.Keys(decoder, l1);
        var precompile = ArbitrumRetryableContracts.ArbRetryableTx;
        var gasDonor = AddressOf(0xd0);
        var batch = new BatchBuilder();
        var l2Transactions = 0;
        for (var i = 0; i < sends; i++)
        {
            batch.Add(l1[i]);
            if (i % templates.Count == 0)
            {
                continue; // an ETH deposit: no L2 event (its key is the L2 deposit tx itself)
            }

            // SYNTHETIC L2 side of the retryable's auto-redeem: TicketCreated(ticketId) then RedeemScheduled(ticketId,
            // retryTxHash, sequenceNum 0, donatedGas, gasDonor, maxRefund, submissionFeeRefund), both from ArbRetryableTx.
            var retryTxHash = Keccak256.Hash(keys[i].ToArray());
            batch.Add(
                Log(42161, precompile, 0, [ArbitrumRetryableSignatures.TicketCreated, keys[i]], []),
                Log(42161, precompile, 1, [ArbitrumRetryableSignatures.RedeemScheduled, keys[i], retryTxHash, Word(0)],
                    Encode([Word(300_000), Word(gasDonor), Word(1_000_000_000_000), Word(0)])));
            l2Transactions++;
        }

        return new Workload("ArbitrumRetryable", decoder, batch.Build(), sends + (2 * l2Transactions), sends,
            "real L1 MessageDelivered + InboxMessageDelivered (retryables and ETH deposits) from Fixtures/arbitrum-retryable, message index varied; synthetic L2 TicketCreated + RedeemScheduled");
    }

    public static Workload ArbitrumOutbox()
    {
        var decoder = new ArbitrumOutboxDecoder();
        var send = Templates(decoder, "arbitrum-outbox/arb1-l2-send-arb-withdrawal.json")[0].Single();
        var relay = Templates(decoder, "arbitrum-outbox/arb1-l1-relay-usdc-withdrawal.json")[0].Single();
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            var position = WithLow64(send.Topics[3], send.Topics[3].LowUInt64 + (ulong)i + 1);
            batch.Add(With(send, topics: [.. send.Topics[..3], position]));
            var data = relay.Data.ToArray();
            position.CopyTo(data.AsSpan(0, 32)); // transactionIndex: the leaf the Outbox executed
            batch.Add(With(relay, data: data));
        }

        return new Workload("ArbitrumOutbox", decoder, batch.Build(), 2 * Messages, Messages,
            "real L2ToL1Tx and OutBoxTransactionExecuted from Fixtures/arbitrum-outbox, position varied and shared by each pair");
    }

    public static Workload Hyperlane()
    {
        var decoder = new HyperlaneMailboxDecoder();
        // The three real dispatches whose destination is an EVM chain (the fourth goes to Solana, where no EVM Process exists).
        var dispatches = Templates(decoder,
            "hyperlane/arbitrum-dispatch-hello-to-avalanche.json", "hyperlane/bsc-dispatch-warp-transfer-to-nautilus.json",
            "hyperlane/optimism-dispatch-hello-to-bsc.json");
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            var dispatch = dispatches[i % dispatches.Count].Single();
            var data = dispatch.Data.ToArray();
            if (!new AbiReader(data).TryBytes(0, out var range, out _))
            {
                throw new InvalidOperationException("Dispatch fixture does not read");
            }

            var message = data.AsSpan()[range];
            BinaryPrimitives.WriteUInt32BigEndian(message[1..], BinaryPrimitives.ReadUInt32BigEndian(message[1..]) + (uint)i + 1);
            var id = HyperlaneMessage.Id(message);
            batch.Add(With(dispatch, data: data), Log(dispatch.ChainId, dispatch.Address, dispatch.LogIndex + 1, [HyperlaneSignatures.DispatchId, id], []));

            // SYNTHETIC receive: Process(origin, sender, recipient) + ProcessId(id) from the destination's Mailbox.
            var origin = BinaryPrimitives.ReadUInt32BigEndian(message[5..]);
            var sender = new Hash32(message.Slice(9, 32));
            var destination = BinaryPrimitives.ReadUInt32BigEndian(message[41..]);
            var recipient = new Hash32(message.Slice(45, 32));
            // The fixtures' Mailbox is the legacy v2 one, at the same address on every chain.
            var chainId = ProtocolCatalog.MainnetDomains.ToChainId(HyperlaneDomains.Space, destination) is var known and not 0 ? known : destination;
            var mailbox = dispatch.Address;
            batch.Add(
                Log(chainId, mailbox, 5, [HyperlaneSignatures.Process, Word(origin), sender, recipient], []),
                Log(chainId, mailbox, 6, [HyperlaneSignatures.ProcessId, id], []));
        }

        return new Workload("Hyperlane", decoder, batch.Build(), 2 * Messages, Messages,
            "real Dispatch logs from Fixtures/hyperlane, message nonce varied; synthetic DispatchId, Process, ProcessId");
    }

    public static Workload CctpV1()
    {
        var decoder = new CctpV1Decoder();
        var sent = Templates(decoder, "cctp/ethereum-v1-send-usdc-to-optimism.json")[0].Single();
        var caller = AddressOf(0xca);
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            var data = sent.Data.ToArray();
            if (!new AbiReader(data).TryBytes(0, out var range, out _))
            {
                throw new InvalidOperationException("MessageSent fixture does not read");
            }

            var message = data.AsSpan()[range];
            var nonce = BinaryPrimitives.ReadUInt64BigEndian(message[12..]) + (ulong)i + 1;
            BinaryPrimitives.WriteUInt64BigEndian(message[12..], nonce);
            batch.Add(With(sent, data: data));

            // SYNTHETIC MessageReceived(caller, sourceDomain, nonce, sender, messageBody) on the destination's transmitter.
            var sourceDomain = BinaryPrimitives.ReadUInt32BigEndian(message[4..]);
            var chainId = ProtocolCatalog.MainnetDomains.ToChainId(CctpDomains.Space, BinaryPrimitives.ReadUInt32BigEndian(message[8..]));
            batch.Add(Log(chainId, CctpDeployments.V1[chainId].MessageTransmitter, 2, [CctpSignatures.MessageReceivedV1, Word(caller), Word(nonce)],
                Encode([Word(sourceDomain), new Hash32(message.Slice(20, 32)), null], message[CctpMessage.V1HeaderLength..].ToArray())));
        }

        return new Workload("CctpV1", decoder, batch.Build(), 2 * Messages, Messages,
            "real v1 MessageSent from Fixtures/cctp, nonce varied; synthetic MessageReceived");
    }

    public static Workload CctpV2()
    {
        var decoder = new CctpV2Decoder();
        var attested = FixtureFiles.CctpMessage("v2-optimism-to-base");
        var caller = AddressOf(0xca);
        var transmitter = CctpDeployments.MessageTransmitterV2;
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            // v2 keys ignore the nonce (the attester fills it), so each message moves its own amount (BurnMessageV2 amount, body 68..100).
            var message = (byte[])attested.Clone();
            var amount = message.AsSpan(CctpMessage.V2HeaderLength + 68 + 24, 8);
            BinaryPrimitives.WriteUInt64BigEndian(amount, BinaryPrimitives.ReadUInt64BigEndian(amount) + (ulong)i + 1);
            var nonce = WithLow64(new Hash32(message.AsSpan(12, 32)), (ulong)i + 1);
            nonce.CopyTo(message.AsSpan(12, 32));

            // What MessageTransmitterV2 emitted before the attester filled nonce, finalityThresholdExecuted, feeExecuted, expirationBlock.
            var emitted = (byte[])message.Clone();
            emitted.AsSpan(12, 32).Clear();
            emitted.AsSpan(144, 4).Clear();
            emitted.AsSpan(CctpMessage.V2HeaderLength + 164, 64).Clear();
            batch.Add(Log(10, transmitter, 3, [CctpSignatures.MessageSent], Encode([null], emitted)));
            batch.Add(Log(8453, transmitter, 4,
                [CctpSignatures.MessageReceivedV2, Word(caller), nonce, Word(BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(144)))],
                Encode([Word(BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(4))), new Hash32(message.AsSpan(44, 32)), null], message[CctpMessage.V2HeaderLength..])));
        }

        return new Workload("CctpV2", decoder, batch.Build(), 2 * Messages, Messages,
            "real attested v2 message bytes (Fixtures/cctp/real-messages.json), amount varied, in synthetic MessageSent / MessageReceived logs");
    }

    public static Workload Scroll()
    {
        var decoder = new ScrollMessengerDecoder();
        var templates = Templates(decoder, "scroll/synthetic-l1-send-eth-deposit.json", "scroll/synthetic-l1-send-usdt-deposit.json");
        var sends = new List<RawLog[]>(Messages);
        for (var i = 0; i < Messages; i++)
        {
            sends.Add([WithDataLow64(templates[i % templates.Count].Single(), 32, i)]); // messageNonce is data word 1
        }

        var keys = Workload.Keys(decoder, sends);
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            batch.Add(sends[i]);
            batch.Add(Log(ScrollDeployments.ScrollChainId, ScrollDeployments.L2ScrollMessenger, 0, [ScrollSignatures.RelayedMessage, keys[i]], []));
        }

        return new Workload("Scroll", decoder, batch.Build(), 2 * Messages, Messages,
            "synthetic SentMessage fixtures (Fixtures/scroll, no public real log), nonce varied; synthetic RelayedMessage");
    }

    public static Workload LayerZeroV2()
    {
        var decoder = new LayerZeroV2Decoder();
        var send = Templates(decoder, "layerzero-v2/synthetic-ethereum-send-oft.json")[0];
        var delivered = Templates(decoder, "layerzero-v2/synthetic-arbitrum-verified-delivered.json")[0]
            .Single(l => l.Topic0 == LayerZeroV2Signatures.PacketDelivered);
        var packetSent = send.Single(l => l.Topic0 == LayerZeroV2Signatures.PacketSent);
        var oftSent = send.Single(l => l.Topic0 == LayerZeroV2Signatures.OftSent);
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            var data = packetSent.Data.ToArray();
            if (!new AbiReader(data).TryBytes(0, out var range, out _))
            {
                throw new InvalidOperationException("PacketSent fixture does not read");
            }

            var packet = data.AsSpan()[range];
            var nonce = BinaryPrimitives.ReadUInt64BigEndian(packet[1..]) + (ulong)i + 1;
            BinaryPrimitives.WriteUInt64BigEndian(packet[1..], nonce);
            var guid = LayerZeroPacket.ComputeGuid(nonce, BinaryPrimitives.ReadUInt32BigEndian(packet[9..]), new Hash32(packet.Slice(13, 32)),
                BinaryPrimitives.ReadUInt32BigEndian(packet[45..]), new Hash32(packet.Slice(49, 32)));
            guid.CopyTo(packet.Slice(LayerZeroPacket.GuidOffset, 32));
            batch.Add(With(packetSent, data: data), With(oftSent, topics: [oftSent.Topics[0], guid, .. oftSent.Topics[2..]]));

            var deliveredData = delivered.Data.ToArray();
            Word(nonce).CopyTo(deliveredData.AsSpan(64, 32)); // origin.nonce
            batch.Add(With(delivered, data: deliveredData));
        }

        return new Workload("LayerZeroV2", decoder, batch.Build(), 2 * Messages, Messages,
            "synthetic PacketSent + OFTSent and PacketDelivered fixtures (Fixtures/layerzero-v2, no public real log), nonce varied, guid recomputed");
    }

    /// <summary>Each fixture's logs that the decoder claims (topic0 in its Topics), as eth_getLogs with the topic filter returns them.</summary>
    private static List<RawLog[]> Templates(IProtocolDecoder decoder, params string[] fixtures) =>
        [.. fixtures.Select(f => FixtureFiles.Load(f).Logs.Where(l => decoder.Topics.Contains(l.Topic0)).ToArray())];

    /// <summary>A copy of the log whose data word at <paramref name="wordOffset"/> has its low 8 bytes raised by i + 1.</summary>
    private static RawLog WithDataLow64(RawLog log, int wordOffset, int i)
    {
        var data = log.Data.ToArray();
        var low = data.AsSpan(wordOffset + 24, 8);
        BinaryPrimitives.WriteUInt64BigEndian(low, BinaryPrimitives.ReadUInt64BigEndian(low) + (ulong)i + 1);
        return With(log, data: data);
    }
}
