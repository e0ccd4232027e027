using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>The Linea and zkSync traffic of `up`, run briefly with short delays: every flow runs as planned (each flow
/// checks its own outcome on chain and throws otherwise).</summary>
public sealed class ZkRollupTrafficTests(ZkRollupDevnetFixture devnet) : IClassFixture<ZkRollupDevnetFixture>
{
    [Fact]
    public async Task A_short_run_completes_its_flows_without_failures()
    {
        var traffic = new ZkRollupTraffic { FlowInterval = TimeSpan.FromMilliseconds(50), DelayScale = 0.05 };
        var stats = await traffic.RunWithStatsAsync(devnet.Deployment, new SimulatorOptions { Seed = 7, MaxDeposits = 40 }, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Null(stats.Failure);
        Assert.Equal(0, stats.Errors);
        Assert.Equal(40, stats.Completed.Values.Sum());
        Assert.Contains(stats.Completed.Keys, k => k.StartsWith("Linea", StringComparison.Ordinal));
        Assert.Contains(stats.Completed.Keys, k => k.StartsWith("zkSync", StringComparison.Ordinal));
    }
}
