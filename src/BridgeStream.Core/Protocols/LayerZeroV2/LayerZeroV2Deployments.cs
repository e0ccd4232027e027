using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// EndpointV2 is deployed at one address on the major EVM mainnets (Ethereum, Arbitrum, OP, Base, Polygon, BSC,
/// Avalanche, ...). Source: docs.layerzero.network/v2/deployments/deployed-contracts. Some chains use another address
/// (zkSync-family chains, for example): configure those through ContractDirectory.
/// </summary>
public static class LayerZeroV2Deployments
{
    public const string EndpointKind = "LayerZeroEndpointV2";

    public static Address EndpointV2 { get; } = Address.Parse("0x1a44076050125825900e736c501f859c50fE728c");
}
