using System.Globalization;
using System.Numerics;
using System.Text.Json;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Messaging;
using BridgeStream.Rpc;
using BridgeStream.Tests.Devnet;
using BridgeStream.Tests.Infrastructure;
using BridgeStream.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;
using MessagingProtocol = BridgeStream.Core.Events.Protocol;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Hyperlane, CCTP v1, CCTP v2 and LayerZero v2 on the devnet (L1 900, OP Stack rollups 901 and 902), through the real
/// ingestors, the mock Kafka cluster, a `bridgestream process` child process and ClickHouse, out of GraphQL: delivered
/// messages with route, sender, target, asset, amount and latency; LayerZero packets verified and not executed
/// (ARRIVED), failed then delivered, and failed; messages never delivered (SENT). The ids asked for are computed here
/// from the protocols' formulas and the contracts' counters read before each send, not taken from the pipeline.
/// </summary>
public sealed class MessagingEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const long L1 = 900;
    private const long RollupA = 901;
    private const long RollupB = 902;

    private static readonly string Recipient = "0x00000000000000000000000000000000000a11ce";

    private sealed record Expected(SentCrossChainMessage Sent, string Status, DevnetTx? Arrival = null, DevnetTx? Delivery = null, int FailedAttempts = 0)
    {
        public string Protocol => Sent.Protocol switch
        {
            MessagingProtocol.Hyperlane => "HYPERLANE",
            MessagingProtocol.CctpV1 => "CCTP_V1",
            MessagingProtocol.CctpV2 => "CCTP_V2",
            _ => "LAYER_ZERO_V2",
        };

        public bool ReachedDestination => Arrival is not null || Delivery is not null || FailedAttempts > 0;
    }

    [Fact]
    public async Task Every_messaging_protocol_reaches_ClickHouse_and_GraphQL_with_its_lifecycle_asset_amount_and_latency()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "messaging", ct,
            rollups: [new DevnetRollup(0, RollupA, ChainRole.OpStack), new DevnetRollup(0, RollupB, ChainRole.OpStack)]);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        var m = await MessagingDevnet.PrepareAsync(harness.Devnet.Deployment, NullLogger.Instance, ct);
        var (l1, a, b) = (m.Chain(L1), m.Chain(RollupA), m.Chain(RollupB));

        // ---- sends, each checked against the key computed here from the protocol's formula ----
        var h1 = await SendHyperlaneAsync(m, RollupA, RollupB, tag: 11, ct);
        var h2Amount = BigInteger.Parse("4200000000000000001", CultureInfo.InvariantCulture);
        var h2Nonce = await MailboxNonceAsync(m, RollupB);
        var h2 = await m.SendWarpAsync(RollupB, RollupA, Recipient, h2Amount, ct);
        Assert.Equal(HyperlaneId(h2Nonce, b.HyperlaneDomain, b.WarpRouter, a.HyperlaneDomain, a.WarpRouter, TokenMessage(Recipient, h2Amount)), h2.Key);
        var h3 = await SendHyperlaneAsync(m, L1, RollupA, tag: 13, ct);
        var h4 = await SendHyperlaneAsync(m, RollupA, RollupB, tag: 14, ct);

        var c1 = await SendBurnAsync(m, RollupA, RollupB, 12_345_678, ct);
        var c2 = await SendBurnAsync(m, RollupB, L1, 23_456_789, ct);
        var c3Nonce = await AvailableNonceAsync(m, L1, RollupB);
        var c3 = await m.SendCctpMessageAsync(L1, RollupB, MessagingDevnet.AppBody(31, [3, 1]), ct);
        Assert.Equal(CctpKeys.V1(l1.CctpDomain, c3Nonce), c3.Key);

        var v1 = await SendBurnV2Async(m, RollupA, RollupB, 34_567_890, maxFee: 34_567, CctpAttester.FinalityConfirmed, ct);
        var v2 = await SendBurnV2Async(m, RollupB, RollupA, 45_678_901, maxFee: 0, CctpAttester.FinalityFinalized, ct);
        var v3 = await SendBurnV2Async(m, RollupA, L1, 56_789_012, maxFee: 0, CctpAttester.FinalityFinalized, ct);

        var oftAmount = BigInteger.Parse("7000000000000654321", CultureInfo.InvariantCulture);
        var oftNonce = await OutboundNonceAsync(m, RollupA, a.Oft, b.LayerZeroEid, b.Oft);
        var z1 = await m.SendOftAsync(RollupA, RollupB, Recipient, oftAmount, ct);
        Assert.Equal(LayerZeroPacket.ComputeGuid(oftNonce + 1, a.LayerZeroEid, Word(a.Oft), b.LayerZeroEid, Word(b.Oft)), z1.Key);
        var z2 = await SendLayerZeroAsync(m, RollupB, RollupA, tag: 52, toIdle: false, ct);
        var z3 = await SendLayerZeroAsync(m, RollupA, RollupB, tag: 53, toIdle: false, ct);
        var z4 = await SendLayerZeroAsync(m, L1, RollupB, tag: 54, toIdle: true, ct);
        var z5 = await SendLayerZeroAsync(m, RollupB, L1, tag: 55, toIdle: false, ct);
        await m.SetBlockedAsync(RollupA, 13, blocked: true, ct);
        await m.SetBlockedAsync(RollupB, 53, blocked: true, ct);
        await m.SetBlockedAsync(L1, 55, blocked: true, ct);

        // ---- first round of deliveries, 20 s later on every chain ----
        await AdvanceTimeAsync(harness, 20, ct);
        var h1Delivery = await DeliveredAsync(m, h1, ct);
        var h2Delivery = await DeliveredAsync(m, h2, ct);
        Assert.Equal(DeliveryOutcome.Refused, (await m.DeliverAsync(h3, ct)).Outcome); // its recipient reverts: nothing on chain
        var c1Delivery = await DeliveredAsync(m, c1, ct);
        var c3Delivery = await DeliveredAsync(m, c3, ct);
        var v1Delivery = await DeliveredAsync(m, v1, ct);
        var z1Arrival = await m.VerifyAsync(z1, ct);
        var z2Arrival = await m.VerifyAsync(z2, ct);
        var z3Arrival = await m.VerifyAsync(z3, ct);
        var z5Arrival = await m.VerifyAsync(z5, ct);

        // ---- second round, 15 s later ----
        await AdvanceTimeAsync(harness, 15, ct);
        var v2Delivery = await DeliveredAsync(m, v2, ct);
        var z1Delivery = await DeliveredAsync(m, z1, ct);
        Assert.Equal(DeliveryOutcome.Failed, (await m.DeliverAsync(z3, ct)).Outcome);
        Assert.Equal(DeliveryOutcome.Failed, (await m.DeliverAsync(z5, ct)).Outcome);

        // ---- retries once the receivers are fixed, 30 s later ----
        await AdvanceTimeAsync(harness, 30, ct);
        await m.SetBlockedAsync(RollupA, 13, blocked: false, ct);
        await m.SetBlockedAsync(RollupB, 53, blocked: false, ct);
        var h3Delivery = await DeliveredAsync(m, h3, ct);
        var z3Delivery = await DeliveredAsync(m, z3, ct);

        List<Expected> expected =
        [
            new(h1, "DELIVERED", Delivery: h1Delivery),
            new(h2, "DELIVERED", Delivery: h2Delivery),
            new(h3, "DELIVERED", Delivery: h3Delivery),
            new(h4, "SENT"),
            new(c1, "DELIVERED", Delivery: c1Delivery),
            new(c2, "SENT"),
            new(c3, "DELIVERED", Delivery: c3Delivery),
            new(v1, "DELIVERED", Delivery: v1Delivery),
            new(v2, "DELIVERED", Delivery: v2Delivery),
            new(v3, "SENT"),
            new(z1, "DELIVERED", Arrival: z1Arrival, Delivery: z1Delivery),
            new(z2, "ARRIVED", Arrival: z2Arrival),
            new(z3, "DELIVERED", Arrival: z3Arrival, Delivery: z3Delivery, FailedAttempts: 1),
            new(z4, "SENT"),
            new(z5, "FAILED", Arrival: z5Arrival, FailedAttempts: 1),
        ];

        string[] protocols = ["HYPERLANE", "CCTP_V1", "CCTP_V2", "LAYER_ZERO_V2"];
        var wanted = string.Join(",", expected.GroupBy(e => (e.Protocol, e.Status)).OrderBy(g => g.Key).Select(g => $"{g.Key.Protocol}:{g.Key.Status}:{g.Count()}"));
        var inClause = string.Join(", ", protocols.Select(p => $"'{p}'"));
        await harness.WaitUntilAsync(
            async () => await ClickHouseStatesAsync(harness, inClause, ct) == wanted
                && await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE protocol IN ({inClause}) AND source_tx_hash != ''", ct) == expected.Count,
            TimeSpan.FromSeconds(90), $"the messaging protocols' messages in ClickHouse ({wanted})", ct);
        Assert.Equal(0, await harness.ScalarAsync($"SELECT count() FROM dead_letters WHERE chain_id IN ({L1}, {RollupA}, {RollupB})", ct));

        var timestamps = await BlockTimestampsAsync(harness, expected, ct);
        foreach (var e in expected)
        {
            await AssertMessageAsync(harness, e, timestamps, ct);
        }

        var counts = await harness.GraphQLAsync(
            """{ delivered: messages(first: 100, filter: { status: DELIVERED, proofSystem: THIRD_PARTY }) { totalCount } arrived: messages(filter: { protocol: LAYER_ZERO_V2, status: ARRIVED }) { totalCount } usdc: messages(filter: { asset: "ASSET", sourceChainId: 901 }) { totalCount } }"""
                .Replace("ASSET", a.Usdc.ToLowerInvariant(), StringComparison.Ordinal), ct);
        Assert.Equal(expected.Count(e => e.Status == "DELIVERED"), counts.GetProperty("delivered").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, counts.GetProperty("arrived").GetProperty("totalCount").GetInt32());
        Assert.Equal(3, counts.GetProperty("usdc").GetProperty("totalCount").GetInt32()); // c1, v1, v3 burn rollup A's USDC (the devnet's USDC has one address on every chain: same deployer, same nonce)
    }

    [Fact]
    public async Task The_up_traffic_on_L1_and_four_rollups_lands_in_ClickHouse_and_GraphQL_as_the_chains_say()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "messaging_traffic", ct,
            rollups: [new DevnetRollup(0, 901, ChainRole.OpStack), new DevnetRollup(0, 902, ChainRole.OpStack), new DevnetRollup(0, 903, ChainRole.Arbitrum),
                new DevnetRollup(0, 904, ChainRole.Scroll)]);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();

        var options = new SimulatorOptions
        {
            MinRelayDelay = TimeSpan.FromMilliseconds(200), MaxRelayDelay = TimeSpan.FromSeconds(1), ReplayDelay = TimeSpan.FromSeconds(1),
            FailFraction = 0.2, LostFraction = 0.1, Seed = 11,
        };
        using (var run = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            run.CancelAfter(TimeSpan.FromSeconds(15));
            await new MessagingTraffic(messagesPerSecond: 8).RunAsync(harness.Devnet.Deployment, options, NullLogger.Instance, run.Token);
        }

        // What the chains say, decoded from their logs: each message's protocol and furthest step.
        var (events, rejected) = await MessagingDevnetTests.DecodeAsync(harness.Devnet.Deployment, ct);
        Assert.Empty(rejected);
        var messages = events.GroupBy(e => e.CorrelationKey).Select(g => (Protocol: Name(g.First().Protocol), Status: StatusOf(g.Select(e => e.Kind).ToList()))).ToList();
        var wanted = string.Join(",", messages.GroupBy(x => x).OrderBy(g => g.Key.Protocol, StringComparer.Ordinal).ThenBy(g => g.Key.Status, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Protocol}:{g.Key.Status}:{g.Count()}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"The chains say: {wanted}");
        Assert.DoesNotContain("RECEIVED_WITHOUT_SEND", wanted, StringComparison.Ordinal);
        foreach (var protocol in new[] { "HYPERLANE", "CCTP_V1", "CCTP_V2", "LAYER_ZERO_V2" })
        {
            Assert.Contains($"{protocol}:DELIVERED:", wanted, StringComparison.Ordinal);
        }

        var routes = events.Where(e => e.Kind == EventKind.MessageSent).Select(e => (e.SourceChainId, e.DestinationChainId)).Distinct().ToList();
        Assert.Contains(routes, r => r.SourceChainId != L1 && r.DestinationChainId != L1); // L2 <-> L2
        Assert.Contains(routes, r => r.SourceChainId == L1 || r.DestinationChainId == L1);  // L1 <-> L2

        const string inClause = "'HYPERLANE', 'CCTP_V1', 'CCTP_V2', 'LAYER_ZERO_V2'";
        await harness.WaitUntilAsync(async () => await ClickHouseStatesAsync(harness, inClause, ct) == wanted, TimeSpan.FromSeconds(90),
            $"ClickHouse to hold what the chains say ({wanted})", ct);
        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM dead_letters", ct));
        var page = await harness.GraphQLAsync("{ delivered: messages(filter: { status: DELIVERED, proofSystem: THIRD_PARTY }) { totalCount } }", ct);
        Assert.Equal(messages.Count(x => x.Status == "DELIVERED"), page.GetProperty("delivered").GetProperty("totalCount").GetInt32());
    }

    private static string Name(MessagingProtocol protocol) => protocol switch
    {
        MessagingProtocol.Hyperlane => "HYPERLANE",
        MessagingProtocol.CctpV1 => "CCTP_V1",
        MessagingProtocol.CctpV2 => "CCTP_V2",
        _ => "LAYER_ZERO_V2",
    };

    // The lifecycle's precedence: delivered, else failed, else arrived, else sent; a step without its send is an orphan.
    private static string StatusOf(List<EventKind> kinds) =>
        !kinds.Contains(EventKind.MessageSent) ? "RECEIVED_WITHOUT_SEND"
        : kinds.Contains(EventKind.MessageRelayed) ? "DELIVERED"
        : kinds.Contains(EventKind.MessageRelayFailed) ? "FAILED"
        : kinds.Contains(EventKind.MessageArrived) ? "ARRIVED"
        : "SENT";

    private static async Task AssertMessageAsync(PipelineHarness harness, Expected e, Dictionary<(long, long), long> timestamps, CancellationToken ct)
    {
        var sent = e.Sent;
        var data = await harness.GraphQLAsync(
            $$"""{ message(id: "{{sent.Key}}") { id protocol proofSystem status sourceChainId destinationChainId sourceContract destinationContract sender target asset amount sourceTxHash destinationTxHash sentAt arrivedAt deliveredAt latencySeconds failedAttempts history { kind chainId txHash } } }""", ct);
        var node = data.GetProperty("message");
        var what = $"{e.Protocol} {sent.Kind} {sent.SourceChainId}->{sent.DestinationChainId} {sent.Key}";
        Assert.True(node.ValueKind == JsonValueKind.Object, $"{what}: not in GraphQL");
        Assert.Equal(sent.Key.ToString(), node.GetProperty("id").GetString());
        Assert.Equal(e.Protocol, node.GetProperty("protocol").GetString());
        Assert.Equal("THIRD_PARTY", node.GetProperty("proofSystem").GetString());
        Assert.True(e.Status == node.GetProperty("status").GetString(), $"{what}: status {node.GetProperty("status")}, expected {e.Status}");
        Assert.Equal(sent.SourceChainId, node.GetProperty("sourceChainId").GetInt64());
        Assert.Equal(sent.DestinationChainId, node.GetProperty("destinationChainId").GetInt64());
        Assert.Equal(sent.Sender.ToString(), node.GetProperty("sender").GetString());
        Assert.Equal(sent.Target.ToString(), node.GetProperty("target").GetString());
        if (sent.Kind == MessagingKind.AppMessage)
        {
            Assert.Equal(JsonValueKind.Null, node.GetProperty("asset").ValueKind);
            Assert.Equal(JsonValueKind.Null, node.GetProperty("amount").ValueKind);
        }
        else
        {
            Assert.True(sent.Asset.ToString() == node.GetProperty("asset").GetString(), $"{what}: asset {node.GetProperty("asset")}");
            Assert.True(sent.Amount.ToString(CultureInfo.InvariantCulture) == node.GetProperty("amount").GetString(), $"{what}: amount {node.GetProperty("amount")}");
        }

        Assert.Equal(sent.Send.TxHash, node.GetProperty("sourceTxHash").GetString());
        Assert.Equal(e.FailedAttempts, node.GetProperty("failedAttempts").GetInt32());
        var sentAt = timestamps[(sent.SourceChainId, sent.Send.BlockNumber)];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(sentAt), Time(node, "sentAt"));
        Assert.Equal(e.Delivery?.TxHash, node.GetProperty("destinationTxHash").GetString());
        Assert.Equal(Emitter(harness, e, sent.SourceChainId), node.GetProperty("sourceContract").GetString());
        Assert.Equal(e.ReachedDestination ? Emitter(harness, e, sent.DestinationChainId) : null, node.GetProperty("destinationContract").GetString());
        if (e.Arrival is { } arrival)
        {
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(timestamps[(arrival.ChainId, arrival.BlockNumber)]), Time(node, "arrivedAt"));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, node.GetProperty("arrivedAt").ValueKind);
        }

        if (e.Delivery is { } delivery)
        {
            var deliveredAt = timestamps[(delivery.ChainId, delivery.BlockNumber)];
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(deliveredAt), Time(node, "deliveredAt"));
            Assert.Equal(deliveredAt - sentAt, node.GetProperty("latencySeconds").GetDouble());
            Assert.True(deliveredAt - sentAt >= 20, $"{what}: latency {deliveredAt - sentAt} s, but delivery came at least 20 s after the send");
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, node.GetProperty("deliveredAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, node.GetProperty("latencySeconds").ValueKind);
        }

        var history = node.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        var expectedHistory = new List<string> { "MESSAGE_SENT" };
        if (e.Arrival is not null)
        {
            expectedHistory.Add("MESSAGE_ARRIVED");
        }

        expectedHistory.AddRange(Enumerable.Repeat("MESSAGE_RELAY_FAILED", e.FailedAttempts));
        if (e.Delivery is not null)
        {
            expectedHistory.Add("MESSAGE_RELAYED");
        }

        Assert.True(expectedHistory.SequenceEqual(history), $"{what}: history {string.Join(" ", history)}");
    }

    // The contract that emits the protocol's events on a chain: the Mailbox, the MessageTransmitter(V2), the endpoint.
    private static string Emitter(PipelineHarness harness, Expected e, long chainId)
    {
        var kind = e.Sent.Protocol switch
        {
            MessagingProtocol.Hyperlane => HyperlaneDeployments.MailboxKind,
            MessagingProtocol.CctpV1 => CctpDeployments.MessageTransmitterKind,
            MessagingProtocol.CctpV2 => CctpV2Module.MessageTransmitterKind,
            _ => LayerZeroV2Deployments.EndpointKind,
        };
        return Address.Parse(harness.Devnet.Deployment.Contracts.Single(c => c.ChainId == chainId && c.Kind == kind).Address).ToString();
    }

    // ---- sends with their keys computed independently ----

    private static async Task<SentCrossChainMessage> SendHyperlaneAsync(MessagingDevnet m, long from, long to, int tag, CancellationToken ct)
    {
        var (source, destination) = (m.Chain(from), m.Chain(to));
        var body = MessagingDevnet.AppBody(tag, [(byte)tag, 7]);
        var nonce = await MailboxNonceAsync(m, from);
        var sent = await m.SendHyperlaneAsync(from, to, body, ct);
        Assert.Equal(HyperlaneId(nonce, source.HyperlaneDomain, source.App, destination.HyperlaneDomain, destination.App, body), sent.Key);
        return sent;
    }

    private static async Task<SentCrossChainMessage> SendBurnAsync(MessagingDevnet m, long from, long to, BigInteger amount, CancellationToken ct)
    {
        var nonce = await AvailableNonceAsync(m, from, to);
        var sent = await m.SendCctpBurnAsync(from, to, Recipient, amount, ct);
        Assert.Equal(CctpKeys.V1(m.Chain(from).CctpDomain, nonce), sent.Key);
        return sent;
    }

    private static async Task<SentCrossChainMessage> SendBurnV2Async(MessagingDevnet m, long from, long to, BigInteger amount, BigInteger maxFee, uint threshold, CancellationToken ct)
    {
        var (source, destination) = (m.Chain(from), m.Chain(to));
        var sent = await m.SendCctpV2BurnAsync(from, to, Recipient, amount, maxFee, threshold, ct);
        var body = MessagingDevnetTests.BurnMessageV2(source.Usdc, Recipient, amount, m.WalletOn(from).Address, maxFee);
        Assert.Equal(CctpKeys.V2(source.CctpDomain, destination.CctpDomain, TopicWords.FromAddress(CctpDeployments.TokenMessengerV2), body), sent.Key);
        return sent;
    }

    private static async Task<SentCrossChainMessage> SendLayerZeroAsync(MessagingDevnet m, long from, long to, int tag, bool toIdle, CancellationToken ct)
    {
        var (source, destination) = (m.Chain(from), m.Chain(to));
        var receiver = toIdle ? destination.IdleApp : destination.App;
        var nonce = await OutboundNonceAsync(m, from, source.App, destination.LayerZeroEid, receiver);
        var sent = await m.SendLayerZeroAsync(from, to, MessagingDevnet.AppBody(tag, [(byte)tag]), toIdle, ct);
        Assert.Equal(LayerZeroPacket.ComputeGuid(nonce + 1, source.LayerZeroEid, Word(source.App), destination.LayerZeroEid, Word(receiver)), sent.Key);
        return sent;
    }

    private static async Task<DevnetTx> DeliveredAsync(MessagingDevnet m, SentCrossChainMessage message, CancellationToken ct)
    {
        var attempt = await m.DeliverAsync(message, ct);
        Assert.True(attempt.Outcome == DeliveryOutcome.Delivered, $"{message.Protocol} {message.Kind}: {attempt.Outcome} {attempt.Reason}");
        return attempt.Tx!;
    }

    // Message.formatMessage (version 3) and Message.id.
    private static Hash32 HyperlaneId(uint nonce, uint origin, string sender, uint destination, string recipient, byte[] body) =>
        Keccak256.Hash(HyperlaneMessage.Format(3, nonce, origin, Word(sender), destination, Word(recipient), body));

    // TokenMessage.format(recipient, amount): recipient ++ amount.
    private static byte[] TokenMessage(string recipient, BigInteger amount) => [.. Word(recipient).ToArray(), .. Hash32.FromBigInteger(amount).ToArray()];

    private static Hash32 Word(string address) => TopicWords.FromAddress(Address.Parse(address));

    private static Task<uint> MailboxNonceAsync(MessagingDevnet m, long chainId) =>
        MessagingContracts.QueryAsync<MailboxNonceFunction, uint>(m.WalletOn(chainId), m.Chain(chainId).Mailbox, new MailboxNonceFunction());

    private static Task<ulong> AvailableNonceAsync(MessagingDevnet m, long from, long to) =>
        MessagingContracts.QueryAsync<CctpAvailableNoncesFunction, ulong>(m.WalletOn(from), m.Chain(from).TransmitterV1,
            new CctpAvailableNoncesFunction { Domain = m.Chain(to).CctpDomain });

    private static Task<ulong> OutboundNonceAsync(MessagingDevnet m, long chainId, string sender, uint dstEid, string receiver) =>
        MessagingContracts.QueryAsync<LzOutboundNonceFunction, ulong>(m.WalletOn(chainId), m.Chain(chainId).Endpoint,
            new LzOutboundNonceFunction { Sender = sender, DstEid = dstEid, Receiver = Word(receiver).ToArray() });

    // ---- chain time and ClickHouse ----

    // Time passes on every chain alike (the next block of each is that much later), so latencies are real seconds.
    private static async Task AdvanceTimeAsync(PipelineHarness harness, int seconds, CancellationToken ct)
    {
        using var http = new HttpClient();
        foreach (var chain in harness.Devnet.Deployment.Chains)
        {
            var rpc = new JsonRpcClient(http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance);
            await rpc.CallAsync("evm_increaseTime", $"[{seconds}]", ct);
        }
    }

    private static async Task<string> ClickHouseStatesAsync(PipelineHarness harness, string inClause, CancellationToken ct)
    {
        var rows = new List<string>();
        using var reader = await harness.ClickHouse.ExecuteReaderAsync(
            $"SELECT protocol, status, count() FROM messages FINAL WHERE protocol IN ({inClause}) GROUP BY protocol, status ORDER BY protocol, status", null, null, ct);
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)}:{reader.GetString(1)}:{Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)}");
        }

        return string.Join(",", rows);
    }

    // Block timestamps read straight from the chains, independently of the pipeline.
    private static async Task<Dictionary<(long, long), long>> BlockTimestampsAsync(PipelineHarness harness, List<Expected> expected, CancellationToken ct)
    {
        var wanted = expected.Select(e => e.Sent.Send).Concat(expected.Select(e => e.Arrival)).Concat(expected.Select(e => e.Delivery))
            .OfType<DevnetTx>().Select(t => (t.ChainId, t.BlockNumber)).Distinct();
        var result = new Dictionary<(long, long), long>();
        using var http = new HttpClient();
        foreach (var group in wanted.GroupBy(w => w.ChainId))
        {
            var chain = harness.Devnet.Deployment.Chain(group.Key);
            var rpc = new JsonRpcClient(http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance);
            foreach (var header in await rpc.GetHeadersAsync([.. group.Select(g => (ulong)g.BlockNumber)], ct))
            {
                result[(group.Key, (long)header.Number)] = header.Timestamp;
            }
        }

        return result;
    }

    private static DateTimeOffset Time(JsonElement node, string field) => DateTimeOffset.Parse(node.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);
}
