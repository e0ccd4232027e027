using System.Text.Json;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Zksync;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Linea;
using BridgeStream.Devnet.Bridges.Zksync;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Linea messages in both directions and zkSync priority requests and withdrawals, sent on the devnet's stand-in rollups
/// (905, 906) by the stand-in contracts with the real events, go through the real ingestors, mock Kafka, a `bridgestream
/// process` child and ClickHouse, and come out of GraphQL with their lifecycle (SENT -> DELIVERED, a failed priority
/// transaction FAILED, unclaimed and unfinalized ones SENT), proof system ZK, under the keys the contracts computed
/// (Linea message hashes, canonical L2 transaction hashes, zkSync withdrawal content keys). ClickHouse then equals the
/// messages computed straight from the chains (<see cref="CanonicalTruth"/>).
/// </summary>
public sealed class ZkRollupEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const long L1 = 900;
    private const long Linea = 905;
    private const long Zksync = 906;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly System.Numerics.BigInteger GasLimit = 300_000;

    private const string Fields = "id protocol proofSystem status sourceChainId destinationChainId sender target value sourceTxHash destinationTxHash failedAttempts";

    [Fact]
    public async Task Linea_and_zksync_messages_reach_graphql_with_their_lifecycle_states()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(
            clickHouse, "zkrollups", ct, rollups: [new DevnetRollup(0, Linea, ChainRole.Linea), new DevnetRollup(0, Zksync, ChainRole.Zksync)]);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        var wallets = new AccountWallets(harness.Devnet.Deployment, DevnetAccounts.ZkRollups, NullLogger.Instance);
        var linea = new LineaSimulator(wallets);
        var zksync = new ZksyncSimulator(wallets);
        var probe = new Probe(harness, ct);

        var messages = await Task.WhenAll(
            LineaDepositAsync(linea, probe, claim: true, ct),
            LineaDepositAsync(linea, probe, claim: false, ct),
            LineaWithdrawalAsync(linea, probe, ct),
            ZksyncDepositAsync(zksync, probe, succeeds: true, ct),
            ZksyncDepositAsync(zksync, probe, succeeds: false, ct),
            ZksyncWithdrawalAsync(zksync, probe, finalize: true, ct),
            ZksyncWithdrawalAsync(zksync, probe, finalize: false, ct));

        var byProtocol = await harness.GraphQLAsync(
            "{ linea: messages(first: 50, filter: { protocol: LINEA_MESSAGE_SERVICE }) { totalCount edges { node { id status proofSystem } } } " +
            "priority: messages(first: 50, filter: { protocol: ZKSYNC_PRIORITY_REQUEST }) { totalCount edges { node { id status proofSystem } } } " +
            "withdrawal: messages(first: 50, filter: { protocol: ZKSYNC_WITHDRAWAL }) { totalCount edges { node { id status proofSystem } } } }", ct);
        AssertProtocol(byProtocol.GetProperty("linea"), messages.Where(m => m.Protocol == "LINEA_MESSAGE_SERVICE"));
        AssertProtocol(byProtocol.GetProperty("priority"), messages.Where(m => m.Protocol == "ZKSYNC_PRIORITY_REQUEST"));
        AssertProtocol(byProtocol.GetProperty("withdrawal"), messages.Where(m => m.Protocol == "ZKSYNC_WITHDRAWAL"));

        foreach (var message in messages)
        {
            Assert.Equal(message.Status, await probe.StoredStatusAsync(message.Id));
        }

        // Every message the chains hold, with its status and transactions, and nothing else (the Hyperlane, CCTP and
        // LayerZero contracts deployed next to them carry no traffic here).
        await harness.WaitUntilAsync(async () => (await CanonicalTruth.CompareAsync(harness, ct)).Equal, StepTimeout, "ClickHouse to equal the chains", ct);
        Assert.Equal(messages.Length, (await CanonicalTruth.ComputeAsync(harness, ct)).Count);
        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM dead_letters", ct));
    }

    private static async Task<Final> LineaDepositAsync(LineaSimulator linea, Probe probe, bool claim, CancellationToken ct)
    {
        var deposit = await linea.SendDepositAsync(Linea, DevnetReceiver.Address, 3, claim ? 4_000 : 4_001, DevnetReceiver.Message(0, [1]), ct);
        var m = await probe.WaitForAsync(deposit.Hash, "SENT");
        Assert.Equal(("LINEA_MESSAGE_SERVICE", "ZK", L1, Linea), (m.Str("protocol"), m.Str("proofSystem"), m.Long("sourceChainId"), m.Long("destinationChainId")));
        Assert.Equal((deposit.TxHash, DevnetReceiver.Address, claim ? "4000" : "4001"), (m.Str("sourceTxHash"), m.Str("target"), m.Str("value")));
        await linea.AnchorAsync(Linea, [deposit], ct);
        if (!claim)
        {
            return new Final(deposit.Hash, "LINEA_MESSAGE_SERVICE", "SENT"); // anchored, never claimed
        }

        var claimed = await linea.ClaimDepositAsync(deposit, ct);
        m = await probe.WaitForAsync(deposit.Hash, "DELIVERED");
        Assert.Equal(claimed.TxHash, m.Str("destinationTxHash"));
        return new Final(deposit.Hash, "LINEA_MESSAGE_SERVICE", "DELIVERED");
    }

    private static async Task<Final> LineaWithdrawalAsync(LineaSimulator linea, Probe probe, CancellationToken ct)
    {
        var withdrawal = await linea.SendWithdrawalAsync(Linea, DevnetReceiver.Address, 0, 6_000, DevnetReceiver.Message(0, [2]), ct);
        var m = await probe.WaitForAsync(withdrawal.Hash, "SENT");
        Assert.Equal((Linea, L1, "6000"), (m.Long("sourceChainId"), m.Long("destinationChainId"), m.Str("value")));
        var claimed = await linea.ClaimWithdrawalAsync(withdrawal, ct);
        m = await probe.WaitForAsync(withdrawal.Hash, "DELIVERED");
        Assert.Equal(claimed.TxHash, m.Str("destinationTxHash"));
        return new Final(withdrawal.Hash, "LINEA_MESSAGE_SERVICE", "DELIVERED");
    }

    private static async Task<Final> ZksyncDepositAsync(ZksyncSimulator zksync, Probe probe, bool succeeds, CancellationToken ct)
    {
        var notBefore = succeeds ? System.Numerics.BigInteger.Zero : DevnetReceiver.Never;
        var deposit = await zksync.SendDepositAsync(Zksync, DevnetReceiver.Address, succeeds ? 5_000 : 5_001, DevnetReceiver.Message(notBefore, [3]), GasLimit, ct);
        var m = await probe.WaitForAsync(deposit.CanonicalTxHash, "SENT");
        Assert.Equal(("ZKSYNC_PRIORITY_REQUEST", "ZK", L1, Zksync), (m.Str("protocol"), m.Str("proofSystem"), m.Long("sourceChainId"), m.Long("destinationChainId")));
        Assert.Equal((deposit.TxHash, zksync.Operator.ToLowerInvariant()), (m.Str("sourceTxHash"), m.Str("sender")));
        var executed = await zksync.ExecuteAsync(deposit, GasLimit, ct);
        Assert.Equal(succeeds, executed.Succeeded);
        var status = succeeds ? "DELIVERED" : "FAILED";
        m = await probe.WaitForAsync(deposit.CanonicalTxHash, status);
        if (succeeds)
        {
            Assert.Equal(executed.TxHash, m.Str("destinationTxHash"));
        }
        else
        {
            Assert.Equal(1, m.Int("failedAttempts"));
        }

        return new Final(deposit.CanonicalTxHash, "ZKSYNC_PRIORITY_REQUEST", status);
    }

    private static async Task<Final> ZksyncWithdrawalAsync(ZksyncSimulator zksync, Probe probe, bool finalize, CancellationToken ct)
    {
        var receiver = finalize ? "0x00000000000000000000000000000000000bee02" : "0x00000000000000000000000000000000000bee03";
        var withdrawal = await zksync.SendWithdrawalAsync(Zksync, receiver, 8_000, ct);
        var key = ZksyncWithdrawalKey.Compute(Zksync, ZksyncAssetId.Eth(L1), Address.Parse(receiver), Hash32.FromUInt64(8_000));
        var m = await probe.WaitForAsync(key, "SENT");
        Assert.Equal(("ZKSYNC_WITHDRAWAL", "ZK", Zksync, L1, receiver), (m.Str("protocol"), m.Str("proofSystem"), m.Long("sourceChainId"), m.Long("destinationChainId"), m.Str("target")));
        if (!finalize)
        {
            return new Final(key, "ZKSYNC_WITHDRAWAL", "SENT");
        }

        var finalized = await zksync.FinalizeAsync(withdrawal, ct);
        m = await probe.WaitForAsync(key, "DELIVERED");
        Assert.Equal(finalized.TxHash, m.Str("destinationTxHash"));
        return new Final(key, "ZKSYNC_WITHDRAWAL", "DELIVERED");
    }

    private static void AssertProtocol(JsonElement connection, IEnumerable<Final> expected)
    {
        var want = expected.ToDictionary(m => m.Id, m => m.Status);
        Assert.Equal(want.Count, connection.GetProperty("totalCount").GetInt32());
        var nodes = connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.All(nodes, n => Assert.Equal("ZK", n.GetProperty("proofSystem").GetString()));
        var got = nodes.ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("status").GetString()!);
        Assert.Equal(want.OrderBy(p => p.Key, StringComparer.Ordinal), got.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>A message's id, protocol and final status.</summary>
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
    }

    private sealed record Node(JsonElement Element)
    {
        public string? Str(string field) => Element.GetProperty(field).GetString();

        public long Long(string field) => Element.GetProperty(field).GetInt64();

        public int Int(string field) => Element.GetProperty(field).GetInt32();
    }
}
