using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// Arbitrum L1->L2 retryable tickets and ETH deposits. A created ticket must be redeemed within its lifetime (configured
/// per L2, else <see cref="ArbitrumRetryableContracts.TicketLifetime"/>), counted from its creation on L2; after that it
/// is gone (unless kept alive, which no event shows). ETH deposits have no ticket and no expiry.
/// </summary>
public sealed class ArbitrumRetryableModule : IProtocolModule
{
    public Protocol Protocol => Protocol.ArbitrumRetryable;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } =
        [ArbitrumRetryableContracts.BridgeKind, ArbitrumRetryableContracts.InboxKind, ArbitrumRetryableContracts.ArbRetryableTxKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => ArbitrumRetryableContracts.Mainnet;

    public IProtocolDecoder CreateDecoder() => new ArbitrumRetryableDecoder();

    public MessageDeadlines Deadlines(MessageRecord message, TimingTable timing)
    {
        if (message.Arrival is not { } created)
        {
            return MessageDeadlines.None;
        }

        var lifetime = timing.RetryableLifetimeSeconds(message.DestinationChainId) ?? (long)ArbitrumRetryableContracts.TicketLifetime.TotalSeconds;
        return new MessageDeadlines(null, created.BlockTimestamp + lifetime);
    }
}
