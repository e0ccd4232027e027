using BridgeStream.Devnet;
using BridgeStream.Devnet.Settlement;
using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Settlement steps from L1 blocks that a reorg orphans are retracted like bridge events: the ingestor publishes a
/// retraction for every step it had published from them (tracked per block in ingest_blocks), and the orphaned rows leave
/// rollup_settlement's FINAL view.
/// </summary>
public sealed class SettlementReorgTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task A_reorg_of_the_l1_retracts_the_settlement_steps_of_the_orphaned_blocks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(
            clickHouse, "settlement_reorg", ct, rollups: [new DevnetRollup(0, 901, ChainRole.OpStack), new DevnetRollup(0, 904, ChainRole.Scroll)]);
        await harness.StartIngestAsync(ct);
        harness.StartProcessor();
        var l1 = Rpc(harness, harness.Devnet.Deployment.L1ChainId);
        var before = await l1.BlockNumberAsync(ct);

        using (var posting = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var poster = new RollupSettlementTraffic { Interval = TimeSpan.FromMilliseconds(500) }.RunAsync(harness.Devnet.Deployment, new SimulatorOptions(), NullLogger.Instance, posting.Token);
            await harness.WaitUntilAsync(
                async () =>
                {
                    await Rpc(harness, 901).CallAsync("evm_mine", "[]", ct);
                    await Rpc(harness, 904).CallAsync("evm_mine", "[]", ct);
                    return await harness.ScalarAsync("SELECT count() FROM rollup_settlement FINAL", ct) >= 4;
                },
                TimeSpan.FromSeconds(60), "settlement steps of both rollups", ct);
            await posting.CancelAsync();
            await poster;
        }

        var posted = await l1.BlockNumberAsync(ct);
        await harness.WaitUntilAsync(async () => await harness.ScalarAsync($"SELECT max(l1_block_number) FROM rollup_settlement FINAL", ct) == (long)posted, TimeSpan.FromSeconds(30), "the last step ingested", ct);

        // Every block the poster made is replaced by an empty one, then the chain grows past them.
        await l1.CallAsync("anvil_reorg", $"[{posted - before}, []]", ct);
        await l1.CallAsync("anvil_mine", "[\"0x2\"]", ct);

        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync($"SELECT count() FROM rollup_settlement FINAL WHERE l1_block_number > {before}", ct) == 0,
            TimeSpan.FromSeconds(60), "the orphaned settlement steps to be retracted", ct);
        Assert.True(await harness.ScalarAsync($"SELECT count() FROM rollup_settlement WHERE is_deleted = 1", ct) >= 4);
        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM rollup_settlement_steps", ct));
        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM dead_letters", ct));
    }

    private static JsonRpcClient Rpc(PipelineHarness harness, long chainId) =>
        new(new HttpClient(), [harness.Devnet.Deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);
}
