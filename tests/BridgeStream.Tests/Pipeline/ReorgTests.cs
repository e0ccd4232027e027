using BridgeStream.Devnet;
using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Reorgs on the devnet (anvil_reorg, evm_snapshot/evm_revert) under the running pipeline: afterwards ClickHouse holds
/// exactly the messages of the canonical chains (computed independently from the nodes), and no orphaned event
/// remains in the final views.
/// </summary>
public sealed class ReorgTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task A_reorg_that_orphans_a_receive_puts_the_message_back_to_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await StartAsync("reorg_receive", confirmationDepth: 0, ct);
        var l2 = harness.Devnet.Deployment.OpStackChainIds.First();
        var sent = await harness.Simulator.SendDepositsAsync(l2, 2, ct);
        await harness.Simulator.RelayAsync(sent[0], makeFail: false, ct);
        await harness.Simulator.RelayAsync(sent[1], makeFail: false, ct);
        await WaitDeliveredAsync(harness, sent[1].ExpectedMsgHash, ct);

        await Rpc(harness, l2).CallAsync("anvil_reorg", "[1, []]", ct);
        await MoreTrafficAsync(harness, ct);

        await WaitCanonicalAsync(harness, ct);
        Assert.Equal("SENT", await StatusAsync(harness, sent[1].ExpectedMsgHash, ct));
        Assert.Equal("DELIVERED", await StatusAsync(harness, sent[0].ExpectedMsgHash, ct));
        await AssertNoOrphanedEventsAsync(harness, ct);
    }

    [Fact]
    public async Task A_reorg_that_orphans_a_send_removes_the_message()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await StartAsync("reorg_send", confirmationDepth: 0, ct);
        var l2 = harness.Devnet.Deployment.OpStackChainIds.First();
        var kept = await harness.Simulator.SendDepositsAsync(l2, 1, ct);
        var orphaned = await harness.Simulator.SendDepositsAsync(l2, 2, ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync("SELECT count() FROM messages FINAL WHERE protocol = 'OP_STACK_MESSENGER'", ct) == 3, TimeSpan.FromSeconds(30), "three sends", ct);

        await Rpc(harness, harness.Devnet.Deployment.L1ChainId).CallAsync("anvil_reorg", "[2, []]", ct);
        await MoreTrafficAsync(harness, ct);

        await WaitCanonicalAsync(harness, ct);
        Assert.Equal("SENT", await StatusAsync(harness, kept[0].ExpectedMsgHash, ct));
        Assert.Null(await StatusAsync(harness, orphaned[0].ExpectedMsgHash, ct));
        Assert.Null(await StatusAsync(harness, orphaned[1].ExpectedMsgHash, ct));
        await AssertNoOrphanedEventsAsync(harness, ct);
    }

    [Fact]
    public async Task Reorgs_deeper_than_the_confirmation_depth_during_live_traffic_leave_exactly_the_canonical_state()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await StartAsync("reorg_deep", confirmationDepth: 2, ct);
        var deployment = harness.Devnet.Deployment;
        var l2 = deployment.OpStackChainIds.First();
        await TrafficPlan.RunAsync(harness.Simulator, deployment, perRollup: 10, ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync("SELECT count() FROM messages FINAL", ct) >= 10, TimeSpan.FromSeconds(60), "traffic", ct);

        // Both deeper than the confirmation depth (2), while the ingestors tail the heads.
        await Rpc(harness, deployment.L1ChainId).CallAsync("anvil_reorg", "[5, []]", ct);
        await Rpc(harness, l2).CallAsync("anvil_reorg", "[4, []]", ct);

        // A rollback (the chain gets shorter first) and then new blocks on top.
        var snapshot = await Rpc(harness, l2).CallAsync("evm_snapshot", "[]", ct);
        await MoreTrafficAsync(harness, ct);
        using var snapshotId = System.Text.Json.JsonDocument.Parse(snapshot);
        await Rpc(harness, l2).CallAsync("evm_revert", $"[{snapshotId.RootElement.GetProperty("result").GetRawText()}]", ct);
        await MoreTrafficAsync(harness, ct);
        await MoreTrafficAsync(harness, ct);

        // Bury the last blocks under the confirmation depth so that everything on the chains is ingestible.
        foreach (var chain in deployment.Chains)
        {
            await Rpc(harness, chain.ChainId).CallAsync("anvil_mine", "[\"0x3\"]", ct);
        }

        await WaitCanonicalAsync(harness, ct);
        await AssertNoOrphanedEventsAsync(harness, ct);
        Assert.True(await harness.ScalarAsync("SELECT count() FROM bridge_events WHERE is_deleted = 1", ct) > 0, "the reorgs retracted nothing");
    }

    private async Task<PipelineHarness> StartAsync(string name, int confirmationDepth, CancellationToken ct)
    {
        var harness = await PipelineHarness.StartAsync(clickHouse, name, ct, confirmationDepth);
        await harness.StartIngestAsync(ct);
        harness.StartProcessor();
        return harness;
    }

    private static JsonRpcClient Rpc(PipelineHarness harness, long chainId) =>
        new(new HttpClient(), [harness.Devnet.Deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);

    // New deposits and relays after the reorg: the ingestors see new heads, and the simulator's nonces resync.
    private static async Task MoreTrafficAsync(PipelineHarness harness, CancellationToken ct)
    {
        await harness.Simulator.ResetNoncesAsync();
        foreach (var l2 in harness.Devnet.Deployment.OpStackChainIds)
        {
            var sent = await harness.Simulator.SendDepositsAsync(l2, 1, ct);
            await harness.Simulator.RelayAsync(sent[0], makeFail: false, ct);
        }
    }

    private static async Task WaitDeliveredAsync(PipelineHarness harness, string id, CancellationToken ct) =>
        await harness.WaitUntilAsync(async () => await StatusAsync(harness, id, ct) == "DELIVERED", TimeSpan.FromSeconds(30), $"{id} delivered", ct);

    internal static async Task WaitCanonicalAsync(PipelineHarness harness, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var (equal, difference) = await CanonicalTruth.CompareAsync(harness, ct);
            if (equal)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"ClickHouse does not equal the canonical chains: {difference}\nIngest log:\n{harness.Logs.Text}");
            }

            await Task.Delay(200, ct);
        }
    }

    private static async Task<string?> StatusAsync(PipelineHarness harness, string id, CancellationToken ct) =>
        (string?)await harness.ClickHouse.ExecuteScalarAsync($"SELECT any(status) FROM messages FINAL WHERE message_id = '{id}' HAVING count() > 0", null, null, ct);

    private static async Task AssertNoOrphanedEventsAsync(PipelineHarness harness, CancellationToken ct)
    {
        var rows = new List<(ulong Chain, ulong Block, string Hash)>();
        using (var reader = await harness.ClickHouse.ExecuteReaderAsync("SELECT DISTINCT chain_id, block_number, block_hash FROM bridge_events FINAL", null, null, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((Convert.ToUInt64(reader.GetValue(0)), Convert.ToUInt64(reader.GetValue(1)), reader.GetString(2)));
            }
        }

        foreach (var group in rows.GroupBy(r => r.Chain))
        {
            var headers = await Rpc(harness, (long)group.Key).GetHeadersAsync(group.Select(r => r.Block).Distinct().ToList(), ct);
            var canonical = headers.ToDictionary(h => h.Number, h => h.Hash.ToString());
            foreach (var row in group)
            {
                Assert.True(canonical.TryGetValue(row.Block, out var hash) && hash == row.Hash, $"orphaned event still in bridge_events: chain {row.Chain} block {row.Block} {row.Hash}");
            }
        }
    }
}
