using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// Continuous demo traffic of one protocol family for `up` (sends, deliveries, deliberate failures and losses), run next
/// to the others by <see cref="TrafficSimulatorService"/>. Listed in <see cref="DevnetBridges.Traffic"/>.
/// </summary>
public interface IDevnetTraffic
{
    string Name { get; }

    /// <summary>Runs until cancelled; a failing step is logged, and only a chain that keeps failing ends the run (by throwing).</summary>
    Task RunAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct);
}
