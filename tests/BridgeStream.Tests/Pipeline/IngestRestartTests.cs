using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// `bridgestream ingest` killed with SIGKILL in the middle of a backfill and in the middle of live tailing, then
/// restarted: the checkpoint only moved after Kafka acknowledged, so nothing is missing (no gap) and the replayed last
/// range is absorbed (nothing counted twice). Checked against the canonical chains.
/// </summary>
public sealed class IngestRestartTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task An_ingestor_killed_mid_backfill_and_mid_live_resumes_without_gap_or_duplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "ingest_kill", ct);
        var deployment = harness.Devnet.Deployment;
        for (var i = 0; i < deployment.Chains.Count; i++)
        {
            harness.Settings[$"Chains:{i}:MaxBlockRange"] = "25";
        }

        // History spread over many blocks, so the backfill takes many small ranges.
        using var http = new HttpClient();
        for (var round = 0; round < 4; round++)
        {
            await TrafficPlan.RunAsync(harness.Simulator, deployment, perRollup: 3, ct);
            foreach (var chain in deployment.Chains)
            {
                await new JsonRpcClient(http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance).CallAsync("anvil_mine", "[\"0x190\"]", ct);
            }
        }

        harness.StartProcessor();
        var first = harness.StartIngestProcess();
        var l1 = (ulong)deployment.L1ChainId;
        var l1Head = (long)await new JsonRpcClient(http, [deployment.Chain(deployment.L1ChainId).RpcUrl], l1, NullLogger.Instance).BlockNumberAsync(ct);
        await harness.WaitUntilAsync(async () => await CheckpointAsync(harness, l1, ct) > 100, TimeSpan.FromSeconds(60), "the backfill to be under way", ct);
        var killedAt = await CheckpointAsync(harness, l1, ct);
        first.Kill();
        Assert.True(killedAt < l1Head, $"the backfill had already finished ({killedAt} of {l1Head}): the kill did not land mid-backfill");

        var second = harness.StartIngestProcess();
        await harness.WaitUntilAsync(async () => await CheckpointAsync(harness, l1, ct) >= l1Head, TimeSpan.FromSeconds(90), "the backfill to finish", ct);

        // Live: kill while deposits and relays keep coming.
        var live = TrafficPlan.RunAsync(harness.Simulator, deployment, perRollup: 6, ct);
        await Task.Delay(300, ct);
        second.Kill();
        await live;
        harness.StartIngestProcess();
        await TrafficPlan.RunAsync(harness.Simulator, deployment, perRollup: 2, ct);

        await ReorgTests.WaitCanonicalAsync(harness, ct);
        Assert.Equal(
            await harness.ScalarAsync("SELECT count() FROM bridge_events FINAL", ct),
            await harness.ScalarAsync("SELECT uniqExact(chain_id, block_hash, tx_hash, log_index) FROM bridge_events", ct));
    }

    private static async Task<long> CheckpointAsync(PipelineHarness harness, ulong chainId, CancellationToken ct) =>
        await harness.ScalarAsync($"SELECT coalesce(max(block_number), 0) FROM ingest_checkpoints FINAL WHERE chain_id = {chainId}", ct);
}
