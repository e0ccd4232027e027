using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Devnet.Bridges;

namespace BridgeStream.Devnet.Messaging;

/// <summary>
/// The devnet chains' ids in the messaging protocols' id spaces. The devnet chain ids (900, 901, ...) are in no mainnet
/// table, so the devnet declares them (DevnetBridgeDeployment.Domains, written into Chains:N:Domains:&lt;space&gt;):
/// <list type="bullet">
/// <item>hyperlane: the chain id, as most Hyperlane EVM chains do (the Mailbox stamps it as origin/destination).</item>
/// <item>cctp: 100 + the chain's position in the devnet (L1 = 100, the first rollup 101, ...): small sequential numbers
/// like Circle's (Ethereum 0, Avalanche 1, OP 2, ...), away from the mainnet ones so neither table shadows the other.</item>
/// <item>layerzero: 50000 + the chain id (the devnet L1 900 is eid 50900): outside mainnet's 30xxx and testnet's 40xxx.</item>
/// </list>
/// </summary>
public static class MessagingDomains
{
    public const uint CctpBase = 100;
    public const uint LayerZeroBase = 50_000;

    public static uint Hyperlane(DevnetChain chain) => checked((uint)chain.ChainId);

    public static uint LayerZero(DevnetChain chain) => checked(LayerZeroBase + (uint)chain.ChainId);

    public static uint Cctp(DevnetBuild build, DevnetChain chain)
    {
        var index = build.AllChains.Select(c => c.ChainId).ToList().IndexOf(chain.ChainId);
        return index < 0 ? throw new ArgumentException($"Chain {chain.ChainId} is not part of this devnet.", nameof(chain)) : CctpBase + (uint)index;
    }

    /// <summary>Every devnet chain's id in <paramref name="space"/>.</summary>
    public static IReadOnlyList<DevnetDomain> Declare(DevnetBuild build, string space) =>
    [
        .. build.AllChains.Select(chain => new DevnetDomain(chain.ChainId, space, space switch
        {
            HyperlaneDomains.Space => Hyperlane(chain),
            CctpDomains.Space => Cctp(build, chain),
            LayerZeroEids.Space => LayerZero(chain),
            _ => throw new ArgumentOutOfRangeException(nameof(space), space, "Not a messaging id space."),
        })),
    ];

    /// <summary>A chain's declared id in <paramref name="space"/>, as the deployment records it.</summary>
    public static uint Of(DevnetDeployment deployment, long chainId, string space) =>
        deployment.Domains.FirstOrDefault(d => d.ChainId == chainId && d.Space == space)?.Domain
        ?? throw new InvalidOperationException($"The devnet declares no {space} id for chain {chainId}; is the {space} bridge deployed?");
}
