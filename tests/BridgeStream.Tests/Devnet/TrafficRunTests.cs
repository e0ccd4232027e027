using BridgeStream.Devnet;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

public sealed class TrafficRunTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    [Fact]
    public async Task A_bounded_run_relays_every_kept_deposit_and_replays_every_failure()
    {
        var simulator = new TrafficSimulator(devnet.Deployment, NullLogger.Instance, seed: 3);
        var options = new SimulatorOptions
        {
            DepositsPerSecond = 0,
            SenderCount = 2,
            MinRelayDelay = TimeSpan.Zero,
            MaxRelayDelay = TimeSpan.FromMilliseconds(50),
            ReplayDelay = TimeSpan.Zero,
            FailFraction = 0.4,
            LostFraction = 0.1,
            MaxDeposits = 30,
            Seed = 5,
        };

        var stats = await simulator.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(0, stats.Errors);
        Assert.Equal(30, stats.Deposits);
        Assert.True(stats.Failed > 0, "no relay failed");
        Assert.Equal(stats.Failed, stats.Replayed);
        Assert.Equal(stats.Deposits, stats.Relayed + stats.Failed + stats.Lost);
    }

    [Fact]
    public async Task Invalid_options_are_rejected()
    {
        var simulator = new TrafficSimulator(devnet.Deployment, NullLogger.Instance);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => simulator.RunAsync(new SimulatorOptions { FailFraction = 0.9, LostFraction = 0.5 }, TestContext.Current.CancellationToken));
    }
}
