using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.Hyperlane;

/// <summary>
/// Hyperlane Mailbox messages between any two chains (<see cref="HyperlaneMailboxDecoder"/>). Warp routes' token routers
/// (kind HyperlaneTokenRouter) are configured next to the Mailbox so that their SentTransferRemote logs, which carry the
/// transfer's amount, are read too.
/// </summary>
public sealed class HyperlaneModule : IProtocolModule
{
    public const string TokenRouterKind = "HyperlaneTokenRouter";

    public Protocol Protocol => Protocol.Hyperlane;

    public ProofSystem ProofSystem => ProofSystem.ThirdParty;

    public IReadOnlyList<string> ContractKinds { get; } = [HyperlaneDeployments.MailboxKind, TokenRouterKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } =
        [.. HyperlaneDeployments.Mailboxes.Select(m => new BridgeContract(m.Key, m.Value, HyperlaneDeployments.MailboxKind, Protocol.Hyperlane, 0))];

    public IReadOnlyList<DomainEntry> MainnetDomains => HyperlaneDomains.Mainnet;

    public IProtocolDecoder CreateDecoder() => new HyperlaneMailboxDecoder();
}
