using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// OP Stack withdrawals: MessagePassed (L2) -> WithdrawalProven -> WithdrawalFinalized (L1). A proven withdrawal can be
/// finalized once its proof has matured: proven at + the L2's proof maturity delay (configured per chain, else
/// <see cref="OpStackWithdrawalTiming"/>, else the standard 7 days).
/// </summary>
public sealed class OpStackWithdrawalModule : IProtocolModule
{
    public Protocol Protocol => Protocol.OpStackWithdrawal;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [OpStackWithdrawalContracts.MessagePasserKind, OpStackWithdrawalContracts.PortalKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => OpStackWithdrawalContracts.Mainnet;

    public IProtocolDecoder CreateDecoder() => new OpStackWithdrawalDecoder();

    public MessageDeadlines Deadlines(MessageRecord message, TimingTable timing)
    {
        if (message.Proof is not { } proof)
        {
            return MessageDeadlines.None;
        }

        var l2 = message.SourceChainId;
        var delay = timing.ChallengeWindowSeconds(l2)
            ?? OpStackWithdrawalTiming.ForL2Chain(l2)?.ProofMaturityDelaySeconds
            ?? OpStackWithdrawalTiming.Standard.ProofMaturityDelaySeconds;
        return new MessageDeadlines(proof.BlockTimestamp + delay, null);
    }
}
