using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// One protocol family's part of the devnet: it deploys its contracts on the chains it needs (with the real events'
/// signatures) and says how the ingestors must be configured for them. <see cref="DevnetBridges.All"/> lists them; a new
/// protocol on the devnet is one class and one line there.
/// </summary>
public interface IDevnetBridge
{
    string Name { get; }

    Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct);
}

/// <summary>What a bridge deploys onto: the L1, every rollup (with its stack), the compiled contracts.</summary>
public sealed record DevnetBuild(DevnetChain L1, IReadOnlyList<DevnetChain> Rollups, DevnetContracts Contracts, ILogger Logger)
{
    public IEnumerable<DevnetChain> RollupsOf(ChainRole role) => Rollups.Where(r => r.Role == role);

    /// <summary>The rollups' challenge window in seconds (a test of the real 7 days warps time); null: each bridge's compressed default.</summary>
    public long? ChallengeWindowSeconds { get; init; }

    /// <summary>The L1 and every rollup.</summary>
    public IEnumerable<DevnetChain> AllChains => Rollups.Prepend(L1);
}

/// <summary>A bridge's share of <see cref="DevnetDeployment"/>.</summary>
public sealed record DevnetBridgeDeployment(
    IReadOnlyList<DevnetContract> Contracts,
    IReadOnlyList<DevnetTarget>? Targets = null,
    IReadOnlyList<DevnetDomain>? Domains = null,
    IReadOnlyList<DevnetTiming>? Timings = null,
    IReadOnlyList<DevnetContract>? Helpers = null);
