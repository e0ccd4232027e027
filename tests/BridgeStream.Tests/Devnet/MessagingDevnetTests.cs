using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Messaging;
using BridgeStream.Hosting;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The Hyperlane, CCTP and LayerZero stand-ins on anvil (L1 900 and rollup 901), read back with eth_getLogs from the
/// configured contracts exactly as the ingestor asks, and decoded by the core decoders with the devnet's configured
/// contracts and domains: both sides of every message decode to the same key, with the route, sender, target, asset
/// and amount; the contracts' own bookkeeping (delivered ids, used nonces) agrees with the keys.
/// </summary>
public sealed class MessagingDevnetTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private const long L1 = DevnetFixture.L1ChainId;
    private const long L2 = DevnetFixture.L2ChainId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_protocol_pairs_its_send_and_delivery_by_the_decoders_key_with_route_asset_and_amount()
    {
        var messaging = await MessagingDevnet.PrepareAsync(devnet.Deployment, NullLogger.Instance, Ct);
        var recipient = "0x00000000000000000000000000000000000c0ffe";
        var sent = new List<SentCrossChainMessage>
        {
            await messaging.SendHyperlaneAsync(L1, L2, MessagingDevnet.AppBody(1, [1, 2, 3]), Ct),
            await messaging.SendWarpAsync(L2, L1, recipient, BigInteger.Parse("1234500000000000000"), Ct),
            await messaging.SendCctpBurnAsync(L1, L2, recipient, 2_500_000, Ct),
            await messaging.SendCctpMessageAsync(L2, L1, MessagingDevnet.AppBody(2, [4]), Ct),
            await messaging.SendCctpV2BurnAsync(L2, L1, recipient, 7_000_000, 7_000, CctpAttester.FinalityConfirmed, Ct),
            await messaging.SendCctpV2BurnAsync(L1, L2, recipient, 8_000_000, 0, CctpAttester.FinalityFinalized, Ct),
            await messaging.SendCctpV2MessageAsync(L1, L2, MessagingDevnet.AppBody(3, [5]), CctpAttester.FinalityFinalized, Ct),
            await messaging.SendLayerZeroAsync(L1, L2, MessagingDevnet.AppBody(4, [6]), toIdleApp: false, Ct),
            await messaging.SendOftAsync(L2, L1, recipient, BigInteger.Parse("3000000000000123456"), Ct),
        };
        foreach (var message in sent.Where(m => m.Protocol == Protocol.LayerZeroV2))
        {
            await messaging.VerifyAsync(message, Ct);
        }

        foreach (var message in sent)
        {
            var attempt = await messaging.DeliverAsync(message, Ct);
            Assert.True(attempt.Outcome == DeliveryOutcome.Delivered, $"{message.Protocol} {message.Kind}: {attempt.Outcome} {attempt.Reason}");
        }

        var (events, rejected) = await DecodeAsync();
        Assert.Empty(rejected);
        foreach (var message in sent)
        {
            var steps = events.Where(e => e.CorrelationKey == message.Key).ToList();
            var send = Assert.Single(steps, e => e.Kind == EventKind.MessageSent);
            var delivery = Assert.Single(steps, e => e.Kind == EventKind.MessageRelayed);
            var what = $"{message.Protocol} {message.Kind}";
            Assert.True(message.Protocol == send.Protocol, what);
            Assert.Equal((ulong)message.SourceChainId, send.SourceChainId);
            Assert.Equal((ulong)message.DestinationChainId, send.DestinationChainId);
            Assert.Equal((ulong)message.SourceChainId, delivery.SourceChainId);
            Assert.Equal((ulong)message.DestinationChainId, delivery.DestinationChainId);
            Assert.Equal(message.Sender, send.Sender);
            Assert.Equal(message.Target, send.Target);
            Assert.True(message.Asset == send.Asset, $"{what}: asset {send.Asset}, expected {message.Asset}");
            Assert.True(message.Amount == send.Amount.ToBigInteger(), $"{what}: amount {send.Amount.ToBigInteger()}, expected {message.Amount}");
        }

        // What the stand-ins expect, independently of the run: a token transfer names its token and amount.
        Assert.Equal(Address.Parse(messaging.Chain(L2).WarpRouter), sent[1].Asset);
        Assert.Equal(Address.Parse(messaging.Chain(L1).Usdc), sent[2].Asset);
        Assert.Equal(new BigInteger(2_500_000), sent[2].Amount);
        Assert.Equal(Address.Parse(messaging.Chain(L2).Oft), sent[8].Asset);
        Assert.Equal(BigInteger.Parse("3000000000000000000"), sent[8].Amount);
        Assert.All(sent.Where(m => m.Kind == MessagingKind.AppMessage), m => Assert.Equal(Address.Zero, m.Asset));
    }

    [Fact]
    public async Task The_contracts_bookkeeping_uses_the_keys_the_decoders_compute()
    {
        var messaging = await MessagingDevnet.PrepareAsync(devnet.Deployment, NullLogger.Instance, Ct);
        var (l1, l2) = (messaging.Chain(L1), messaging.Chain(L2));
        var wallet1 = messaging.WalletOn(L1);
        var wallet2 = messaging.WalletOn(L2);

        // CCTP v1: the receive marks usedNonces[keccak256(sourceDomain, nonce)], the decoder's key; the nonce is the
        // source transmitter's next nonce for the destination domain.
        var nonce = await MessagingContracts.QueryAsync<CctpAvailableNoncesFunction, ulong>(wallet1, l1.TransmitterV1, new CctpAvailableNoncesFunction { Domain = l2.CctpDomain });
        var burn = await messaging.SendCctpBurnAsync(L1, L2, "0x00000000000000000000000000000000000000b1", 1_000_001, Ct);
        Assert.Equal(CctpKeys.V1(l1.CctpDomain, nonce), burn.Key);
        Assert.Equal(BigInteger.Zero, await UsedAsync(wallet2, l2.TransmitterV1, burn.Key));
        Assert.Equal(DeliveryOutcome.Delivered, (await messaging.DeliverAsync(burn, Ct)).Outcome);
        Assert.Equal(BigInteger.One, await UsedAsync(wallet2, l2.TransmitterV1, burn.Key));

        // CCTP v2: the attester's nonce is marked; the key is the message with the attester-filled fields zeroed.
        var burnV2 = await messaging.SendCctpV2BurnAsync(L2, L1, "0x00000000000000000000000000000000000000b2", 5_000_000, 5_000, CctpAttester.FinalityConfirmed, Ct);
        var expectedBody = BurnMessageV2(l2.Usdc, "0x00000000000000000000000000000000000000b2", 5_000_000, wallet2.Address, 5_000);
        Assert.Equal(CctpKeys.V2(l2.CctpDomain, l1.CctpDomain, TopicWords.FromAddress(CctpDeployments.TokenMessengerV2), expectedBody), burnV2.Key);
        Assert.Equal(DeliveryOutcome.Delivered, (await messaging.DeliverAsync(burnV2, Ct)).Outcome);
        var attesterNonce = CctpAttester.Nonce(l2.CctpDomain, Hash32.Parse(burnV2.Send.TxHash), burnV2.SendLogIndex);
        Assert.Equal(BigInteger.One, await UsedAsync(wallet1, l1.TransmitterV2, attesterNonce));

        // Hyperlane: the Mailbox's delivered(id) is true for the decoder's id.
        var hyperlane = await messaging.SendHyperlaneAsync(L2, L1, MessagingDevnet.AppBody(9, [9]), Ct);
        Assert.False(await MessagingContracts.QueryAsync<MailboxDeliveredFunction, bool>(wallet1, l1.Mailbox, new MailboxDeliveredFunction { Id = hyperlane.Key.ToArray() }));
        Assert.Equal(DeliveryOutcome.Delivered, (await messaging.DeliverAsync(hyperlane, Ct)).Outcome);
        Assert.True(await MessagingContracts.QueryAsync<MailboxDeliveredFunction, bool>(wallet1, l1.Mailbox, new MailboxDeliveredFunction { Id = hyperlane.Key.ToArray() }));
    }

    [Fact]
    public async Task Reverting_receivers_leave_hyperlane_and_cctp_undelivered_and_give_layerzero_an_alert_until_retried()
    {
        var messaging = await MessagingDevnet.PrepareAsync(devnet.Deployment, NullLogger.Instance, Ct);
        var hyperlane = await messaging.SendHyperlaneAsync(L1, L2, MessagingDevnet.AppBody(101, [1]), Ct);
        var cctp = await messaging.SendCctpMessageAsync(L1, L2, MessagingDevnet.AppBody(102, [1]), Ct);
        var layerZero = await messaging.SendLayerZeroAsync(L1, L2, MessagingDevnet.AppBody(103, [1]), toIdleApp: false, Ct);
        var idle = await messaging.SendLayerZeroAsync(L1, L2, MessagingDevnet.AppBody(104, [1]), toIdleApp: true, Ct);
        foreach (var tag in new BigInteger[] { 101, 102, 103 })
        {
            await messaging.SetBlockedAsync(L2, tag, blocked: true, Ct);
        }

        Assert.Equal(DeliveryOutcome.Refused, (await messaging.DeliverAsync(hyperlane, Ct)).Outcome);
        Assert.Equal(DeliveryOutcome.Refused, (await messaging.DeliverAsync(cctp, Ct)).Outcome);
        Assert.Equal(DeliveryOutcome.Refused, (await messaging.DeliverAsync(layerZero, Ct)).Outcome); // not verified yet
        await messaging.VerifyAsync(layerZero, Ct);
        var alert = await messaging.DeliverAsync(layerZero, Ct);
        Assert.Equal(DeliveryOutcome.Failed, alert.Outcome);
        // The idle app has no peers: its pathway cannot even be initialised, so that packet is never verified.
        await Assert.ThrowsAsync<InvalidOperationException>(() => messaging.VerifyAsync(idle, Ct));

        var (events, rejected) = await DecodeAsync();
        Assert.Empty(rejected);
        Assert.Equal([EventKind.MessageSent], events.Where(e => e.CorrelationKey == hyperlane.Key).Select(e => e.Kind));
        Assert.Equal([EventKind.MessageSent], events.Where(e => e.CorrelationKey == cctp.Key).Select(e => e.Kind));
        Assert.Equal([EventKind.MessageSent], events.Where(e => e.CorrelationKey == idle.Key).Select(e => e.Kind));
        Assert.Equal([EventKind.MessageSent, EventKind.MessageArrived, EventKind.MessageRelayFailed],
            events.Where(e => e.CorrelationKey == layerZero.Key).Select(e => e.Kind));

        foreach (var tag in new BigInteger[] { 101, 102, 103 })
        {
            await messaging.SetBlockedAsync(L2, tag, blocked: false, Ct);
        }

        foreach (var message in new[] { hyperlane, cctp, layerZero })
        {
            Assert.Equal(DeliveryOutcome.Delivered, (await messaging.DeliverAsync(message, Ct)).Outcome);
            Assert.Equal(DeliveryOutcome.Refused, (await messaging.DeliverAsync(message, Ct)).Outcome); // delivered once only
        }

        (events, rejected) = await DecodeAsync();
        Assert.Empty(rejected);
        Assert.Equal([EventKind.MessageSent, EventKind.MessageArrived, EventKind.MessageRelayFailed, EventKind.MessageRelayed],
            events.Where(e => e.CorrelationKey == layerZero.Key).Select(e => e.Kind));
        Assert.Equal([EventKind.MessageSent, EventKind.MessageRelayed], events.Where(e => e.CorrelationKey == hyperlane.Key).Select(e => e.Kind));
        Assert.Equal([EventKind.MessageSent, EventKind.MessageRelayed], events.Where(e => e.CorrelationKey == cctp.Key).Select(e => e.Kind));
    }

    // BurnMessageV2 as the sender formats it (BurnMessageV2._formatMessageForRelay): version 1, the attester's fields empty.
    internal static byte[] BurnMessageV2(string burnToken, string mintRecipient, BigInteger amount, string messageSender, BigInteger maxFee)
    {
        var body = new byte[228];
        body[3] = 1;
        TopicWords.FromAddress(Address.Parse(burnToken)).CopyTo(body.AsSpan(4));
        TopicWords.FromAddress(Address.Parse(mintRecipient)).CopyTo(body.AsSpan(36));
        Hash32.FromBigInteger(amount).CopyTo(body.AsSpan(68));
        TopicWords.FromAddress(Address.Parse(messageSender)).CopyTo(body.AsSpan(100));
        Hash32.FromBigInteger(maxFee).CopyTo(body.AsSpan(132));
        return body;
    }

    private static Task<BigInteger> UsedAsync(DevnetWallet wallet, string transmitter, Hash32 key) =>
        MessagingContracts.QueryAsync<CctpUsedNoncesFunction, BigInteger>(wallet, transmitter, new CctpUsedNoncesFunction { Key = key.ToArray() });

    private Task<(List<BridgeEvent> Events, List<RejectedLog> Rejected)> DecodeAsync() => DecodeAsync(devnet.Deployment, Ct);

    /// <summary>eth_getLogs of the configured contracts and the decoders' topics on every chain, decoded as the ingestor does; the messaging protocols' events.</summary>
    internal static async Task<(List<BridgeEvent> Events, List<RejectedLog> Rejected)> DecodeAsync(DevnetDeployment deployment, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDevnet.ChainConfiguration(deployment)).Build();
        var chains = ChainsConfiguration.Read(configuration);
        var directory = ChainsConfiguration.Directory(chains);
        var domains = ChainsConfiguration.Domains(chains);
        var decoder = ProtocolCatalog.CreateDecoder();
        var sink = new CollectingSink();
        using var http = new HttpClient();
        foreach (var chain in chains)
        {
            var rpc = new JsonRpcClient(http, chain.RpcUrls, chain.ChainId, NullLogger.Instance);
            var head = await rpc.BlockNumberAsync(ct);
            var addresses = chain.Contracts.Select(c => Address.Parse(c.Address)).Distinct().ToList();
            var logs = await rpc.GetLogsAsync(0, head, addresses, decoder.Topics, ct);
            decoder.Decode(logs, new DecodeContext(chain.ChainId, directory, 0) { Domains = domains }, sink);
        }

        return ([.. sink.Events.Where(e => e.Protocol is Protocol.Hyperlane or Protocol.CctpV1 or Protocol.CctpV2 or Protocol.LayerZeroV2)], [.. sink.Rejected]);
    }
}
