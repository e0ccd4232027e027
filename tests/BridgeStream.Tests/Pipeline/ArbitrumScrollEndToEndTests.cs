using System.Globalization;
using System.Text.Json;
using BridgeStream.Core.Primitives;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Arbitrum;
using BridgeStream.Devnet.Bridges.Scroll;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Arbitrum retryables, ETH deposits and withdrawals and Scroll messages in both directions, sent on the devnet by the
/// stand-in contracts with the real events, go through the real ingestors, mock Kafka, a `bridgestream process` child and
/// ClickHouse, and come out of GraphQL with their lifecycle: SENT -> ARRIVED -> DELIVERED, FAILED -> DELIVERED, ARRIVED ->
/// EXPIRED after the compressed ticket lifetime, SENT -> READY_TO_FINALIZE after the compressed challenge window ->
/// DELIVERED, all under the keys the decoders derive (ticket ids, ETH deposit tx hashes, outbox keys, Scroll hashes). The
/// waits are real (wall clock), as the API's time-derived statuses are.
/// </summary>
public sealed class ArbitrumScrollEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const long L1 = 900;
    private const long Arbitrum = 903;
    private const long Scroll = 904;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private const string Fields =
        "id protocol proofSystem status sourceChainId destinationChainId sender target value sourceTxHash destinationTxHash " +
        "sentAt arrivedAt deliveredAt finalizableAt expiresAt failedAttempts";

    [Fact]
    public async Task Arbitrum_and_scroll_messages_reach_graphql_with_their_lifecycle_states()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(
            clickHouse, "arbscroll", ct, rollups: [(0, 901), new DevnetRollup(0, Arbitrum, ChainRole.Arbitrum), new DevnetRollup(0, Scroll, ChainRole.Scroll)]);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        var wallets = new AccountWallets(harness.Devnet.Deployment, DevnetAccounts.ArbitrumAndScroll, NullLogger.Instance);
        var arbitrum = new ArbitrumSimulator(wallets, NullLogger.Instance);
        var scroll = new ScrollSimulator(wallets);
        var probe = new Probe(harness, ct);

        // The scenarios run side by side (each waits on its own chain events and compressed deadlines).
        var messages = await Task.WhenAll(
            AutoRedeemedRetryableAsync(arbitrum, probe, ct),
            FailedThenRedeemedRetryableAsync(arbitrum, probe, ct),
            NeverRedeemedRetryableAsync(arbitrum, probe, ct),
            EthDepositAsync(arbitrum, probe, ct),
            WithdrawalAsync(arbitrum, probe, ct),
            ScrollDepositAsync(scroll, probe, ct),
            FailedThenReplayedScrollDepositAsync(scroll, probe, ct),
            ScrollWithdrawalAsync(scroll, probe, ct));

        // Per protocol, exactly these messages (the OP Stack rollup next to them carries none).
        var byProtocol = await harness.GraphQLAsync(
            "{ retryable: messages(first: 50, filter: { protocol: ARBITRUM_RETRYABLE }) { totalCount edges { node { id status } } } " +
            "outbox: messages(first: 50, filter: { protocol: ARBITRUM_OUTBOX }) { totalCount edges { node { id status } } } " +
            "scroll: messages(first: 50, filter: { protocol: SCROLL_MESSENGER }) { totalCount edges { node { id status } } } " +
            "expired: messages(first: 50, filter: { status: EXPIRED }) { totalCount edges { node { id } } } }", ct);
        AssertProtocol(byProtocol.GetProperty("retryable"), messages.Where(m => m.Protocol == "ARBITRUM_RETRYABLE"));
        AssertProtocol(byProtocol.GetProperty("outbox"), messages.Where(m => m.Protocol == "ARBITRUM_OUTBOX"));
        AssertProtocol(byProtocol.GetProperty("scroll"), messages.Where(m => m.Protocol == "SCROLL_MESSENGER"));
        var expired = byProtocol.GetProperty("expired");
        Assert.Equal(1, expired.GetProperty("totalCount").GetInt32());
        Assert.Equal(messages.Single(m => m.Status == "EXPIRED").Id, expired.GetProperty("edges")[0].GetProperty("node").GetProperty("id").GetString());

        // ClickHouse holds the stored states (time-derived ones are computed when read).
        foreach (var message in messages)
        {
            var stored = message.Status switch { "EXPIRED" => "ARRIVED", _ => message.Status };
            Assert.Equal(stored, await probe.StoredStatusAsync(message.Id));
        }

        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM dead_letters", ct));
    }

    private static async Task<Final> AutoRedeemedRetryableAsync(ArbitrumSimulator arbitrum, Probe probe, CancellationToken ct)
    {
        var sent = await arbitrum.SendRetryableAsync(Arbitrum, arbitrum.ReceiverRetryable(0, [1], 1_000), ct);
        var m = await probe.WaitForAsync(sent.TicketId, "SENT");
        Assert.Equal(("ARBITRUM_RETRYABLE", "OPTIMISTIC", L1, Arbitrum), (m.Str("protocol"), m.Str("proofSystem"), m.Long("sourceChainId"), m.Long("destinationChainId")));
        Assert.Equal((sent.L1TxHash, arbitrum.Operator.ToLowerInvariant(), DevnetReceiver.Address, "1000"), (m.Str("sourceTxHash"), m.Str("sender"), m.Str("target"), m.Str("value")));
        Assert.Equal(await probe.BlockTimeAsync(L1, sent.L1BlockNumber), m.Time("sentAt"));

        var ticket = await arbitrum.CreateTicketAsync(sent, ct);
        m = await probe.WaitForAsync(sent.TicketId, "ARRIVED");
        var createdAt = await probe.BlockTimeAsync(Arbitrum, ticket.L2BlockNumber);
        Assert.Equal(createdAt, m.Time("arrivedAt"));
        Assert.Equal(createdAt + TimeSpan.FromSeconds(ArbitrumRollupBridge.RetryableLifetimeSeconds), m.Time("expiresAt"));

        var redeem = await arbitrum.RedeemAsync(sent, auto: true, ct);
        Assert.True(redeem.Succeeded);
        m = await probe.WaitForAsync(sent.TicketId, "DELIVERED");
        Assert.Equal((redeem.ScheduledTxHash, 0), (m.Str("destinationTxHash"), m.Int("failedAttempts")));
        return new Final(sent.TicketId, "ARBITRUM_RETRYABLE", "DELIVERED");
    }

    private static async Task<Final> FailedThenRedeemedRetryableAsync(ArbitrumSimulator arbitrum, Probe probe, CancellationToken ct)
    {
        var notBefore = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 15; // the receiver refuses it until then (inside the 30 s lifetime)
        var sent = await arbitrum.SendRetryableAsync(Arbitrum, arbitrum.ReceiverRetryable(notBefore, [2], 0), ct);
        await arbitrum.CreateTicketAsync(sent, ct);
        var auto = await arbitrum.RedeemAsync(sent, auto: true, ct);
        Assert.False(auto.Succeeded);
        var m = await probe.WaitForAsync(sent.TicketId, "FAILED");
        Assert.Equal(1, m.Int("failedAttempts"));

        await Task.Delay(DateTimeOffset.FromUnixTimeSeconds(notBefore + 1) - DateTimeOffset.UtcNow, ct);
        var manual = await arbitrum.RedeemAsync(sent, auto: false, ct);
        Assert.True(manual.Succeeded);
        Assert.Equal(1UL, manual.SequenceNumber);
        m = await probe.WaitForAsync(sent.TicketId, "DELIVERED");
        Assert.Equal((manual.ScheduledTxHash, 1), (m.Str("destinationTxHash"), m.Int("failedAttempts")));
        return new Final(sent.TicketId, "ARBITRUM_RETRYABLE", "DELIVERED");
    }

    private static async Task<Final> NeverRedeemedRetryableAsync(ArbitrumSimulator arbitrum, Probe probe, CancellationToken ct)
    {
        var sent = await arbitrum.SendRetryableAsync(Arbitrum, arbitrum.ReceiverRetryable(0, [3], 0, autoRedeem: false), ct);
        await arbitrum.CreateTicketAsync(sent, ct);
        var m = await probe.WaitForAsync(sent.TicketId, "ARRIVED");
        var expiresAt = m.Time("expiresAt");
        Assert.Equal(m.Time("arrivedAt") + TimeSpan.FromSeconds(ArbitrumRollupBridge.RetryableLifetimeSeconds), expiresAt);

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), ct);
        m = await probe.WaitForAsync(sent.TicketId, "EXPIRED");
        Assert.Equal(JsonValueKind.Null, m.Get("deliveredAt").ValueKind);
        return new Final(sent.TicketId, "ARBITRUM_RETRYABLE", "EXPIRED");
    }

    private static async Task<Final> EthDepositAsync(ArbitrumSimulator arbitrum, Probe probe, CancellationToken ct)
    {
        var deposit = await arbitrum.SendEthDepositAsync(Arbitrum, 31_337, ct);
        var m = await probe.WaitForAsync(deposit.L2TxHash, "SENT");
        Assert.Equal((deposit.L1TxHash, "31337", arbitrum.Operator.ToLowerInvariant()), (m.Str("sourceTxHash"), m.Str("value"), m.Str("target")));
        // No L2 side on the devnet (an ArbitrumDepositTx is a Nitro transaction type anvil cannot run): it stays SENT.
        return new Final(deposit.L2TxHash, "ARBITRUM_RETRYABLE", "SENT");
    }

    private static async Task<Final> WithdrawalAsync(ArbitrumSimulator arbitrum, Probe probe, CancellationToken ct)
    {
        var withdrawal = await arbitrum.WithdrawAsync(Arbitrum, arbitrum.Operator, 2_000, [], ct);
        await arbitrum.RecordSendAsync(withdrawal, ct);
        Assert.False((await arbitrum.TryExecuteAsync(withdrawal, ct)).Executed); // the outbox refuses inside the window
        var m = await probe.WaitForAsync(withdrawal.Key, "SENT");
        Assert.Equal(("ARBITRUM_OUTBOX", Arbitrum, L1), (m.Str("protocol"), m.Long("sourceChainId"), m.Long("destinationChainId")));
        var sentAt = await probe.BlockTimeAsync(Arbitrum, withdrawal.L2BlockNumber);
        Assert.Equal(sentAt, m.Time("sentAt"));
        var finalizableAt = m.Time("finalizableAt");
        Assert.Equal(sentAt + TimeSpan.FromSeconds(ArbitrumRollupBridge.ChallengeWindowSeconds), finalizableAt);

        await Task.Delay(finalizableAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), ct);
        await probe.WaitForAsync(withdrawal.Key, "READY_TO_FINALIZE");
        var execution = await arbitrum.ExecuteWhenReadyAsync(withdrawal, ct);
        Assert.True(execution.Executed);
        m = await probe.WaitForAsync(withdrawal.Key, "DELIVERED");
        Assert.Equal(execution.L1TxHash, m.Str("destinationTxHash"));
        return new Final(withdrawal.Key, "ARBITRUM_OUTBOX", "DELIVERED");
    }

    private static async Task<Final> ScrollDepositAsync(ScrollSimulator scroll, Probe probe, CancellationToken ct)
    {
        var deposit = await scroll.SendDepositAsync(Scroll, DevnetReceiver.Address, 5_000, DevnetReceiver.Message(0, [4]), 200_000, ct);
        var m = await probe.WaitForAsync(deposit.Hash, "SENT");
        Assert.Equal(("SCROLL_MESSENGER", "ZK", L1, Scroll), (m.Str("protocol"), m.Str("proofSystem"), m.Long("sourceChainId"), m.Long("destinationChainId")));
        var relay = await scroll.RelayDepositAsync(deposit, ct);
        Assert.True(relay.Succeeded);
        m = await probe.WaitForAsync(deposit.Hash, "DELIVERED");
        Assert.Equal(relay.TxHash, m.Str("destinationTxHash"));
        return new Final(deposit.Hash, "SCROLL_MESSENGER", "DELIVERED");
    }

    private static async Task<Final> FailedThenReplayedScrollDepositAsync(ScrollSimulator scroll, Probe probe, CancellationToken ct)
    {
        var notBefore = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 15;
        var deposit = await scroll.SendDepositAsync(Scroll, DevnetReceiver.Address, 0, DevnetReceiver.Message(notBefore, [5]), 200_000, ct);
        Assert.False((await scroll.RelayDepositAsync(deposit, ct)).Succeeded);
        var m = await probe.WaitForAsync(deposit.Hash, "FAILED");
        Assert.Equal(1, m.Int("failedAttempts"));

        await Task.Delay(DateTimeOffset.FromUnixTimeSeconds(notBefore + 1) - DateTimeOffset.UtcNow, ct);
        var replay = await scroll.ReplayDepositAsync(deposit, ct);
        Assert.True(replay.Succeeded);
        m = await probe.WaitForAsync(deposit.Hash, "DELIVERED");
        Assert.Equal((replay.TxHash, 1), (m.Str("destinationTxHash"), m.Int("failedAttempts")));
        return new Final(deposit.Hash, "SCROLL_MESSENGER", "DELIVERED");
    }

    private static async Task<Final> ScrollWithdrawalAsync(ScrollSimulator scroll, Probe probe, CancellationToken ct)
    {
        var withdrawal = await scroll.SendWithdrawalAsync(Scroll, scroll.Operator, 6_000, [], 0, ct);
        var m = await probe.WaitForAsync(withdrawal.Hash, "SENT");
        Assert.Equal((Scroll, L1, "6000"), (m.Long("sourceChainId"), m.Long("destinationChainId"), m.Str("value")));
        var relay = await scroll.RelayWithdrawalAsync(withdrawal, ct);
        Assert.True(relay.Succeeded);
        m = await probe.WaitForAsync(withdrawal.Hash, "DELIVERED");
        Assert.Equal(relay.TxHash, m.Str("destinationTxHash"));
        return new Final(withdrawal.Hash, "SCROLL_MESSENGER", "DELIVERED");
    }

    private static void AssertProtocol(JsonElement connection, IEnumerable<Final> expected)
    {
        var want = expected.ToDictionary(m => m.Id, m => m.Status);
        Assert.Equal(want.Count, connection.GetProperty("totalCount").GetInt32());
        var got = connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
            .ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("status").GetString()!);
        Assert.Equal(want.OrderBy(p => p.Key, StringComparer.Ordinal), got.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>A message's id, protocol and final (effective) status.</summary>
    private sealed record Final(string Id, string Protocol, string Status)
    {
        public Final(Hash32 id, string protocol, string status)
            : this(id.ToString(), protocol, status)
        {
        }
    }

    private sealed class Probe(PipelineHarness harness, CancellationToken ct)
    {
        /// <summary>Waits until GraphQL's message(id) shows <paramref name="status"/>, and returns the message.</summary>
        public async Task<Node> WaitForAsync(Hash32 id, string status)
        {
            var last = default(JsonElement);
            await harness.WaitUntilAsync(
                async () =>
                {
                    last = (await harness.GraphQLAsync($$"""{ message(id: "{{id}}") { {{Fields}} } }""", ct)).GetProperty("message");
                    return last.ValueKind == JsonValueKind.Object && last.GetProperty("status").GetString() == status;
                },
                StepTimeout, $"message {id} to be {status}", ct);
            return new Node(last);
        }

        public async Task<string?> StoredStatusAsync(string id) =>
            (string?)await harness.ClickHouse.ExecuteScalarAsync($"SELECT status FROM messages FINAL WHERE message_id = '{id}'", null, null, ct);

        public async Task<DateTimeOffset> BlockTimeAsync(long chainId, long blockNumber)
        {
            using var http = new HttpClient();
            var chain = harness.Devnet.Deployment.Chain(chainId);
            var rpc = new global::BridgeStream.Rpc.JsonRpcClient(http, [chain.RpcUrl], (ulong)chainId, NullLogger.Instance);
            var header = (await rpc.GetHeadersAsync([(ulong)blockNumber], ct)).Single();
            return DateTimeOffset.FromUnixTimeSeconds(header.Timestamp);
        }
    }

    private sealed record Node(JsonElement Element)
    {
        public JsonElement Get(string field) => Element.GetProperty(field);

        public string? Str(string field) => Element.GetProperty(field).GetString();

        public long Long(string field) => Element.GetProperty(field).GetInt64();

        public int Int(string field) => Element.GetProperty(field).GetInt32();

        public DateTimeOffset Time(string field) => DateTimeOffset.Parse(Element.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);
    }
}
