using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>
/// Runs the devnet traffic for as long as the host runs (`up`): the OP messenger simulator and every protocol family's
/// own traffic (<see cref="DevnetBridges.Traffic"/>), side by side. One that fails stops alone.
/// </summary>
public sealed class TrafficSimulatorService(DevnetDeployment deployment, SimulatorOptions options, ILogger<TrafficSimulatorService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var simulator = new TrafficSimulator(deployment, logger, options.Seed);
        var runs = DevnetBridges.Traffic
            .Select(traffic => GuardAsync(traffic.Name, () => traffic.RunAsync(deployment, options, logger, stoppingToken), stoppingToken))
            .Prepend(GuardAsync("OP Stack messengers", async () =>
            {
                var stats = await simulator.RunAsync(options, stoppingToken).ConfigureAwait(false);
                logger.LogInformation("Traffic simulator stopped: {Stats}", stats);
            }, stoppingToken));
        return Task.WhenAll(runs);
    }

    private async Task GuardAsync(string name, Func<Task> run, CancellationToken stoppingToken)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            // Demo traffic: its failure must not take the pipeline down.
            logger.LogError(ex, "{Traffic} traffic failed; the pipeline keeps running without it", name);
        }
    }
}
