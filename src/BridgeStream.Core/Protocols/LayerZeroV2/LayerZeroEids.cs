namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// LayerZero V2 endpoint id (eid) &lt;-> EVM chain id, mainnets only (30xxx). Sources: @layerzerolabs/lz-definitions
/// enum MainnetV2EndpointId (ETHEREUM 30101, BSC 30102, AVALANCHE 30106, POLYGON 30109, ARBITRUM 30110, OPTIMISM 30111,
/// CELO 30125) and docs.layerzero.network/v2/deployments/deployed-contracts (chain id / endpoint id table: Base 8453 ->
/// 30184, Arbitrum Nova 42170 -> 30175, Blast 81457 -> 30243, Abstract 2741 -> 30324, ApeChain 33139 -> 30312).
/// </summary>
public static class LayerZeroEids
{
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

    private static readonly Dictionary<ulong, uint> Eids = ChainIds.ToDictionary(p => p.Value, p => p.Key);

    public static ulong ToChainId(uint eid) => ChainIds.GetValueOrDefault(eid);

    public static bool TryGetEid(ulong chainId, out uint eid) => Eids.TryGetValue(chainId, out eid);
}
