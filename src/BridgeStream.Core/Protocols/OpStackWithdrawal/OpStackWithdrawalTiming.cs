namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// How long a proven withdrawal waits before it can be finalized, per L2 chain, for the host to show ETAs.
/// OptimismPortal2.checkWithdrawal requires block.timestamp - provenAt &gt; PROOF_MATURITY_DELAY_SECONDS, the dispute game
/// to have resolved DEFENDER_WINS, and block.timestamp - game.resolvedAt &gt; DISPUTE_GAME_FINALITY_DELAY_SECONDS
/// (both immutables set in the constructor). The game itself can take up to its max clock duration per side.
/// </summary>
/// <param name="ProofMaturityDelaySeconds">OptimismPortal2 PROOF_MATURITY_DELAY_SECONDS.</param>
/// <param name="DisputeGameFinalityDelaySeconds">OptimismPortal2 DISPUTE_GAME_FINALITY_DELAY_SECONDS (the air gap after a game resolves).</param>
/// <param name="FaultGameMaxClockDuration">FaultDisputeGame MAX_CLOCK_DURATION (a game cannot resolve sooner when challenged).</param>
public sealed record WithdrawalDelays(long ProofMaturityDelaySeconds, long DisputeGameFinalityDelaySeconds, long FaultGameMaxClockDuration)
{
    /// <summary>The shortest time from proof to finalization: the maturity delay (a game usually resolves within it).</summary>
    public TimeSpan MinimumProofToFinalize => TimeSpan.FromSeconds(ProofMaturityDelaySeconds);
}

/// <summary>
/// Values: OP Mainnet from ethereum-optimism/optimism@0446411c28cd847b92fc10301a212faac6a65702
/// packages/contracts-bedrock/deploy-config/mainnet.json (proofMaturityDelaySeconds 604800,
/// disputeGameFinalityDelaySeconds 302400, faultGameMaxClockDuration 302400). Base is a standard chain: the
/// superchain-registry@9596f616b9bd07b7823e23aac72ae4621805653d validation/standard/standard-config-params-mainnet.toml
/// pins [optimism_portal_2] proof_maturity_delay_seconds = 604800 and dispute_game_finality_delay_seconds = 302400,
/// and [proofs.permissioned] max_clock_duration = 302400. The deployed immutables can be read on chain with
/// proofMaturityDelaySeconds() / disputeGameFinalityDelaySeconds(); a host that can should prefer that.
/// </summary>
public static class OpStackWithdrawalTiming
{
    public static WithdrawalDelays Standard { get; } = new(604_800, 302_400, 302_400);

    private static readonly Dictionary<ulong, WithdrawalDelays> ByL2Chain = new()
    {
        [10] = Standard,   // OP Mainnet
        [8453] = Standard, // Base
    };

    /// <summary>The delays for withdrawals from <paramref name="l2ChainId"/>; null for a chain we have no cited values for.</summary>
    public static WithdrawalDelays? ForL2Chain(ulong l2ChainId) => ByL2Chain.GetValueOrDefault(l2ChainId);
}
