using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>Runs the devnet traffic simulator for as long as the host runs (`up`).</summary>
public sealed class TrafficSimulatorService(DevnetDeployment deployment, SimulatorOptions options, ILogger<TrafficSimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var simulator = new TrafficSimulator(deployment, logger, options.Seed);
        try
        {
            var stats = await simulator.RunAsync(options, stoppingToken).ConfigureAwait(false);
            logger.LogInformation("Traffic simulator stopped: {Stats}", stats);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            // The simulator is demo traffic: its failure must not take the pipeline down.
            logger.LogError(ex, "Traffic simulator failed; the pipeline keeps running without new traffic");
        }
    }
}
