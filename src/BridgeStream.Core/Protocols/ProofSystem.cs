namespace BridgeStream.Core.Protocols;

/// <summary>What a route's delivery ultimately trusts; analytics group latency and value at risk by it.</summary>
public enum ProofSystem
{
    Unspecified = 0,

    /// <summary>An optimistic rollup's native bridge: L2->L1 waits out a challenge window (OP Stack, Arbitrum).</summary>
    Optimistic = 1,

    /// <summary>A ZK rollup's native bridge: L2->L1 waits for a validity proof on L1 (Scroll, Linea, zkSync).</summary>
    Zk = 2,

    /// <summary>A messaging protocol outside the rollups' own bridges: validators, attesters or DVNs (Hyperlane, CCTP, LayerZero).</summary>
    ThirdParty = 3,

    /// <summary>
    /// Messaging between rollups that share an interop set (OP Superchain interop): the destination executes the message
    /// against the source chain's log as soon as its sequencer accepts it, with no L1 round trip and no proof on the way.
    /// </summary>
    Synchronous = 4,
}
