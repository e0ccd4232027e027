using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols;

/// <summary>
/// One bridge protocol, self-contained: its decoder (events and correlation key), the contract kinds configuration may
/// name, its known mainnet deployments and domain ids, and its lifecycle's deadlines. <see cref="ProtocolCatalog"/> lists
/// the modules; adding a protocol is a new module and one line there, nothing else.
/// </summary>
public interface IProtocolModule
{
    Protocol Protocol { get; }

    ProofSystem ProofSystem { get; }

    /// <summary>Contract kinds (configuration's Chains:N:Contracts:M:Kind) whose logs this protocol's decoder may claim.</summary>
    IReadOnlyList<string> ContractKinds { get; }

    /// <summary>Known mainnet deployments, with the chain each talks to; a configured entry for the same address wins.</summary>
    IReadOnlyList<BridgeContract> MainnetDeployments { get; }

    /// <summary>Mainnet domain ids of the protocol's own chain naming, if it has one.</summary>
    IReadOnlyList<DomainEntry> MainnetDomains => [];

    IProtocolDecoder CreateDecoder();

    /// <summary>The message's challenge-window end and expiry, from its steps; none by default.</summary>
    MessageDeadlines Deadlines(MessageRecord message, TimingTable timing) => MessageDeadlines.None;
}
