using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>Deploys every bridge of <see cref="DevnetBridges.All"/> onto the devnet chains and collects what they deployed.</summary>
public sealed class DevnetDeployer
{
    private readonly DevnetContracts _contracts;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IDevnetBridge> _bridges;

    public DevnetDeployer(DevnetContracts contracts, ILogger logger, IReadOnlyList<IDevnetBridge>? bridges = null)
    {
        _contracts = contracts;
        _logger = logger;
        _bridges = bridges ?? DevnetBridges.All;
    }

    /// <summary>The rollups' challenge window, in seconds; null keeps each bridge's compressed devnet default.</summary>
    public long? ChallengeWindowSeconds { get; init; }

    public async Task<DevnetDeployment> DeployAsync(DevnetChain l1, IReadOnlyList<DevnetChain> l2s, CancellationToken cancellationToken = default)
    {
        ValidateChains(l1, l2s);
        var build = new DevnetBuild(l1, l2s, _contracts, _logger) { ChallengeWindowSeconds = ChallengeWindowSeconds };
        var parts = new List<DevnetBridgeDeployment>();
        foreach (var bridge in _bridges)
        {
            parts.Add(await bridge.DeployAsync(build, cancellationToken));
            _logger.LogInformation("Deployed {Bridge}", bridge.Name);
        }

        return new DevnetDeployment(l1.ChainId, [l1, .. l2s], [.. parts.SelectMany(p => p.Contracts)], [.. parts.SelectMany(p => p.Targets ?? [])])
        {
            Domains = [.. parts.SelectMany(p => p.Domains ?? [])],
            Timings = [.. parts.SelectMany(p => p.Timings ?? [])],
            Helpers = [.. parts.SelectMany(p => p.Helpers ?? [])],
        };
    }

    private static void ValidateChains(DevnetChain l1, IReadOnlyList<DevnetChain> l2s)
    {
        if (l2s.Count == 0)
        {
            throw new ArgumentException("A devnet needs at least one L2.", nameof(l2s));
        }

        var ids = l2s.Select(c => c.ChainId).Append(l1.ChainId).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            throw new ArgumentException($"Chain ids must be distinct: {string.Join(", ", ids)}.", nameof(l2s));
        }
    }
}
