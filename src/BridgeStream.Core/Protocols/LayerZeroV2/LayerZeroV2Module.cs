using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// LayerZero v2 EndpointV2 packets by guid (<see cref="LayerZeroV2Decoder"/>). OFT contracts (kind LayerZeroOft) are
/// configured next to the endpoint so that their OFTSent logs, which carry the amount, are read too.
/// </summary>
public sealed class LayerZeroV2Module : IProtocolModule
{
    public const string OftKind = "LayerZeroOft";

    public Protocol Protocol => Protocol.LayerZeroV2;

    public ProofSystem ProofSystem => ProofSystem.ThirdParty;

    public IReadOnlyList<string> ContractKinds { get; } = [LayerZeroV2Deployments.EndpointKind, OftKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } =
        [.. LayerZeroEids.MainnetChainIds.Select(chain => new BridgeContract(chain, LayerZeroV2Deployments.EndpointV2, LayerZeroV2Deployments.EndpointKind, Protocol.LayerZeroV2, 0))];

    public IReadOnlyList<DomainEntry> MainnetDomains => LayerZeroEids.Mainnet;

    public IProtocolDecoder CreateDecoder() => new LayerZeroV2Decoder();
}
