namespace BridgeStream.Api.Settlement;

/// <summary>When a message's source block reached each settlement milestone on L1 (ClickHouse message_settlement).</summary>
public sealed record SourceSettlement(
    string MessageId, long RollupChainId, string Family, string? ProofSystem, DateTime? DataPostedAt, DateTime? ProposedAt,
    DateTime? ProvenAt, DateTime? SettledAt, DateTime? SettledFinalAt, double? LagSeconds, double? FinalLagSeconds);

/// <summary>One row of rollup_settlement_steps.</summary>
public sealed record RollupSettlementStep(
    long RollupChainId, string Family, string? ProofSystem, string Stage, bool Settles, bool Derived, long L1ChainId,
    long L1BlockNumber, string L1TxHash, long LogIndex, DateTime At, long? L2FromBlock, long? L2ToBlock, DateTime? L2BlockTime,
    long? BatchFrom, long? BatchTo, string? Commitment, string? DisputeGame, DateTime? ChallengeEndsAt, DateTime? FinalAt)
{
    /// <summary>Seconds from the newest covered L2 block to this step.</summary>
    public double? LagSeconds => L2BlockTime is { } l2 ? (At - l2).TotalSeconds : null;
}

/// <summary>A rollup's settlement now: what is proposed and settled, and how old the settled state is.</summary>
public sealed record RollupSettlementStatus(
    long RollupChainId, string Family, string? ProofSystem, DateTime? LastStepAt, long? ProposedL2Block, DateTime? ProposedAt,
    long? SettledL2Block, DateTime? SettledAt, DateTime? SettledL2BlockTime, DateTime Now)
{
    public double? SecondsSinceLastStep => LastStepAt is { } at ? Math.Max(0, (Now - at).TotalSeconds) : null;

    /// <summary>How old the newest settled L2 state is now: the current settlement lag.</summary>
    public double? SettlementAgeSeconds => SettledL2BlockTime is { } l2 ? Math.Max(0, (Now - l2).TotalSeconds) : null;
}

/// <summary>A rollup's settlement lag in one time bucket (rollup_settlement_lag).</summary>
public sealed record SettlementLagPoint(DateTime Bucket, long Steps, long L2Block, double MinLagSeconds, double AvgLagSeconds, double MaxLagSeconds);

/// <summary>Messages of one proof system: delivery latency and source settlement lag.</summary>
public sealed record ProofSystemSettlement(
    string? ProofSystem, long Messages, long Delivered, double? LatencyP50Seconds, double? LatencyP95Seconds, long Settled,
    double? SettlementLagP50Seconds, double? SettlementLagP95Seconds);
