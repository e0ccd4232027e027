namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// LayerZero V2 endpoint id (eid) &lt;-> EVM chain id, mainnets only (30xxx). Sources: @layerzerolabs/lz-definitions
/// enum MainnetV2EndpointId (ETHEREUM 30101, BSC 30102, AVALANCHE 30106, POLYGON 30109, ARBITRUM 30110, OPTIMISM 30111,
/// CELO 30125) and docs.layerzero.network/v2/deployments/deployed-contracts (chain id / endpoint id table: Base 8453 ->
/// 30184, Arbitrum Nova 42170 -> 30175, Blast 81457 -> 30243, Abstract 2741 -> 30324, ApeChain 33139 -> 30312).
/// </summary>
public static class LayerZeroEids
{
    /// <summary>The id space name in <see cref="Decoding.DomainDirectory"/> and in configuration (Chains:N:Domains:layerzero).</summary>
    public const string Space = "layerzero";

    private static readonly Dictionary<uint, ulong> ChainIds = new()
    {
        [30101] = 1,
        [30102] = 56,
        [30106] = 43114,
        [30109] = 137,
        [30110] = 42161,
        [30111] = 10,
        [30125] = 42220,
        [30175] = 42170,
        [30184] = 8453,
        [30243] = 81457,
        [30312] = 33139,
        [30324] = 2741,
    };

    /// <summary>The mainnet table as directory entries.</summary>
    public static IReadOnlyList<Decoding.DomainEntry> Mainnet { get; } = [.. ChainIds.Select(kv => new Decoding.DomainEntry(Space, kv.Key, kv.Value))];

    /// <summary>The EVM chain ids the table knows (EndpointV2 has the same address on each).</summary>
    public static IEnumerable<ulong> MainnetChainIds => ChainIds.Values;
}
