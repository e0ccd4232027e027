using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.ArbitrumOutbox;

/// <summary>
/// Arbitrum L2->L1: ArbSys L2ToL1Tx -> Outbox OutBoxTransactionExecuted. A message becomes executable once the assertion
/// that includes it is confirmed; without indexing assertions that is estimated as sent at + the rollup's challenge window
/// (configured per L2, else <see cref="ArbitrumOutboxContracts.ChallengeWindow"/>, about 6.4 days).
/// </summary>
public sealed class ArbitrumOutboxModule : IProtocolModule
{
    public Protocol Protocol => Protocol.ArbitrumOutbox;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [ArbitrumOutboxContracts.OutboxKind, ArbitrumOutboxContracts.ArbSysKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => ArbitrumOutboxContracts.Mainnet;

    public IProtocolDecoder CreateDecoder() => new ArbitrumOutboxDecoder();

    public MessageDeadlines Deadlines(MessageRecord message, TimingTable timing)
    {
        if (message.Send is not { } send)
        {
            return MessageDeadlines.None;
        }

        var window = timing.ChallengeWindowSeconds(message.SourceChainId) ?? (long)ArbitrumOutboxContracts.ChallengeWindow.TotalSeconds;
        return new MessageDeadlines(send.BlockTimestamp + window, null);
    }
}
