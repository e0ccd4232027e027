using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// OP Stack deposits at the portal level: L1 TransactionDeposited -> the L2 deposit transaction op-node derives from it.
/// The L2 side has no log: the ingestor of an OP Stack L2 finds the deposit transactions in its blocks (see
/// Chains:N:DepositsFromChainId) and publishes each as this protocol's arrival, keyed by its transaction hash.
/// </summary>
public sealed class OpStackPortalModule : IProtocolModule
{
    public Protocol Protocol => Protocol.OpStackPortal;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [OpStackPortalContracts.PortalKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => OpStackPortalContracts.Mainnet;

    public IProtocolDecoder CreateDecoder() => new OpStackPortalDecoder();
}
