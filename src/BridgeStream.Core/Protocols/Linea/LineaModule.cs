using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.Linea;

/// <summary>
/// Linea's message service, both directions (<see cref="LineaMessageServiceDecoder"/>). A ZK rollup: an L2 -> L1 message
/// becomes claimable on L1 once the L2 block that sent it is finalized there with a validity proof (its Merkle root
/// anchored by finalizeBlocks); an L1 -> L2 message once the coordinator anchors its hash on L2. Neither has a fixed
/// deadline and nothing expires, so there are no deadlines: the time to claimability is the settlement lag of the
/// source block (settlement tracking, not this module).
/// </summary>
public sealed class LineaModule : IProtocolModule
{
    public Protocol Protocol => Protocol.LineaMessageService;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } = [LineaDeployments.L1Kind, LineaDeployments.L2Kind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => LineaDeployments.Mainnet;

    public IProtocolDecoder CreateDecoder() => new LineaMessageServiceDecoder();
}
