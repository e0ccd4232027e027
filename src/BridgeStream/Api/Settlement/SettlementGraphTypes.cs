using BridgeStream.Api.Scalars;
using GraphQL.Types;

namespace BridgeStream.Api.Settlement;

/// <summary>Stored stage names (rollup_settlement.stage), as BridgeStream.Core SettlementStage in UPPER_SNAKE_CASE.</summary>
public sealed class SettlementStageGraphType : EnumerationGraphType
{
    public SettlementStageGraphType()
    {
        Name = "SettlementStage";
        Description = "What a rollup's settlement step on L1 says about the L2 blocks it covers.";
        Add("DATA_POSTED", "DATA_POSTED", "The L2's data is on L1 (Linea data submission).");
        Add("PROPOSED", "PROPOSED", "An optimistic state claim: an OP output proposal or dispute game, an Arbitrum assertion.");
        Add("COMMITTED", "COMMITTED", "A ZK batch committed with its data (zkSync BlockCommit, Scroll CommitBatch).");
        Add("PROVEN", "PROVEN", "A validity proof verified on L1 (zkSync verification, Scroll and Linea finalization).");
        Add("CONFIRMED", "CONFIRMED",
            "An optimistic claim past its challenge: Arbitrum assertion confirmed, OP anchor state updated, OP output past its finalization period.");
        Add("EXECUTED", "EXECUTED", "A proven zkSync batch executed: its withdrawals can be finalized.");
        Add("REVERTED", "REVERTED", "Claims or batches taken back (deleted outputs, rejected nodes, reverted batches).");
    }
}

public sealed class SettlementMilestoneGraphType : EnumerationGraphType
{
    public SettlementMilestoneGraphType()
    {
        Name = "SettlementMilestone";
        Description = "How far a rollup's L2 blocks have come on L1; each settlement stage counts towards one or more milestones.";
        Add("DATA_POSTED", "DATA_POSTED", "Their data is on L1 (data postings and ZK commits).");
        Add("PROPOSED", "PROPOSED", "Their state is claimed on L1 (optimistic proposals and ZK commits).");
        Add("PROVEN", "PROVEN", "A validity proof covers them (ZK rollups).");
        Add("SETTLED", "SETTLED", "Withdrawals from them can be finalized on L1.");
    }
}

public sealed class SettlementFamilyGraphType : EnumerationGraphType
{
    public SettlementFamilyGraphType()
    {
        Name = "SettlementFamily";
        Description = "A rollup's settlement contracts on L1.";
        Add("OP_STACK_OUTPUT_ORACLE", "OP_STACK_OUTPUT_ORACLE", "OP Stack L2OutputOracle (chains before fault proofs).");
        Add("OP_STACK_FAULT_PROOFS", "OP_STACK_FAULT_PROOFS", "OP Stack DisputeGameFactory and AnchorStateRegistry.");
        Add("ARBITRUM_ROLLUP", "ARBITRUM_ROLLUP", "Arbitrum RollupCore: BoLD assertions and legacy nodes.");
        Add("ZK_SYNC_ERA", "ZK_SYNC_ERA", "zkSync Era diamond proxy (Executor facet).");
        Add("SCROLL_CHAIN", "SCROLL_CHAIN", "Scroll ScrollChain.");
        Add("LINEA_ROLLUP", "LINEA_ROLLUP", "Linea LineaRollup.");
    }
}

/// <summary>The GraphQL <c>SourceSettlement</c> type: <c>Message.sourceSettlement</c>.</summary>
public sealed class SourceSettlementGraphType : ObjectGraphType<SourceSettlement>
{
    public SourceSettlementGraphType()
    {
        Name = "SourceSettlement";
        Description = "When the message's source block (on a rollup BridgeStream follows on L1) reached each settlement milestone on L1.";
        Field<NonNullGraphType<LongScalarGraphType>>("rollupChainId").Resolve(c => c.Source.RollupChainId);
        Field<NonNullGraphType<SettlementFamilyGraphType>>("family").Resolve(c => c.Source.Family);
        Field<ProofSystemGraphType>("proofSystem").Description("What the rollup's settlement trusts.").Resolve(c => c.Source.ProofSystem);
        Field<UtcDateTimeGraphType>("dataPostedAt").Resolve(c => c.Source.DataPostedAt);
        Field<UtcDateTimeGraphType>("proposedAt").Description("State proposed (optimistic) or committed (ZK).").Resolve(c => c.Source.ProposedAt);
        Field<UtcDateTimeGraphType>("provenAt").Resolve(c => c.Source.ProvenAt);
        Field<UtcDateTimeGraphType>("settledAt").Description("Withdrawals from the block can be finalized on L1 from then on.").Resolve(c => c.Source.SettledAt);
        Field<UtcDateTimeGraphType>("settledFinalAt").Description("When the settling step's L1 block became final on L1.").Resolve(c => c.Source.SettledFinalAt);
        Field<FloatGraphType>("lagSeconds").Description("Seconds from the send's block to settledAt.").Resolve(c => c.Source.LagSeconds);
        Field<FloatGraphType>("finalLagSeconds").Description("Seconds from the send's block to settledFinalAt.").Resolve(c => c.Source.FinalLagSeconds);
    }
}

public sealed class RollupSettlementStepGraphType : ObjectGraphType<RollupSettlementStep>
{
    public RollupSettlementStepGraphType()
    {
        Name = "RollupSettlementStep";
        Description = "One settlement step of a rollup on L1.";
        Field<NonNullGraphType<LongScalarGraphType>>("rollupChainId").Resolve(c => c.Source.RollupChainId);
        Field<NonNullGraphType<SettlementFamilyGraphType>>("family").Resolve(c => c.Source.Family);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.ProofSystem);
        Field<NonNullGraphType<SettlementStageGraphType>>("stage").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<BooleanGraphType>>("settles")
            .Description("Withdrawals from the covered blocks can be finalized on L1 after this step.").Resolve(c => c.Source.Settles);
        Field<NonNullGraphType<BooleanGraphType>>("derived")
            .Description("A step no event marks: an OP output proposal whose finalization period has ended (wall clock).").Resolve(c => c.Source.Derived);
        Field<NonNullGraphType<LongScalarGraphType>>("l1ChainId").Resolve(c => c.Source.L1ChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("l1BlockNumber").Resolve(c => c.Source.L1BlockNumber);
        Field<NonNullGraphType<HashGraphType>>("l1TxHash").Resolve(c => c.Source.L1TxHash);
        Field<NonNullGraphType<LongScalarGraphType>>("logIndex").Resolve(c => c.Source.LogIndex);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("at")
            .Description("The L1 block's time (a derived step: when the finalization period ended).").Resolve(c => c.Source.At);
        Field<LongScalarGraphType>("l2FromBlock").Resolve(c => c.Source.L2FromBlock);
        Field<LongScalarGraphType>("l2ToBlock").Description("The newest L2 block covered.").Resolve(c => c.Source.L2ToBlock);
        Field<UtcDateTimeGraphType>("l2BlockTime").Description("The time of l2ToBlock on the rollup.").Resolve(c => c.Source.L2BlockTime);
        Field<LongScalarGraphType>("batchFrom").Resolve(c => c.Source.BatchFrom);
        Field<LongScalarGraphType>("batchTo")
            .Description("The batch (zkSync, Scroll), output index (OP), inbox position or node (Arbitrum) covered.").Resolve(c => c.Source.BatchTo);
        Field<HashGraphType>("commitment")
            .Description("Output root, root claim, assertion hash, batch hash or shnarf.").Resolve(c => c.Source.Commitment);
        Field<AddressGraphType>("disputeGame").Resolve(c => c.Source.DisputeGame);
        Field<UtcDateTimeGraphType>("challengeEndsAt").Description("An OP output proposal's finalization period end.").Resolve(c => c.Source.ChallengeEndsAt);
        Field<UtcDateTimeGraphType>("finalAt").Description("When the step's L1 block became final on L1.").Resolve(c => c.Source.FinalAt);
        Field<FloatGraphType>("lagSeconds").Description("Seconds from l2BlockTime to the step.").Resolve(c => c.Source.LagSeconds);
    }
}

public sealed class RollupSettlementStatusGraphType : ObjectGraphType<RollupSettlementStatus>
{
    public RollupSettlementStatusGraphType()
    {
        Name = "RollupSettlementStatus";
        Description = "A rollup's settlement on L1 as of now (wall clock).";
        Field<NonNullGraphType<LongScalarGraphType>>("rollupChainId").Resolve(c => c.Source.RollupChainId);
        Field<NonNullGraphType<SettlementFamilyGraphType>>("family").Resolve(c => c.Source.Family);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.ProofSystem);
        Field<UtcDateTimeGraphType>("lastStepAt").Description("The newest step seen on L1.").Resolve(c => c.Source.LastStepAt);
        Field<FloatGraphType>("secondsSinceLastStep").Resolve(c => c.Source.SecondsSinceLastStep);
        Field<LongScalarGraphType>("proposedL2Block").Description("The highest L2 block proposed or committed.").Resolve(c => c.Source.ProposedL2Block);
        Field<UtcDateTimeGraphType>("proposedAt").Resolve(c => c.Source.ProposedAt);
        Field<LongScalarGraphType>("settledL2Block").Description("The highest settled L2 block.").Resolve(c => c.Source.SettledL2Block);
        Field<UtcDateTimeGraphType>("settledAt").Resolve(c => c.Source.SettledAt);
        Field<UtcDateTimeGraphType>("settledL2BlockTime").Resolve(c => c.Source.SettledL2BlockTime);
        Field<FloatGraphType>("settlementAgeSeconds")
            .Description("How old the newest settled L2 state is now: the current settlement lag.").Resolve(c => c.Source.SettlementAgeSeconds);
    }
}

public sealed class SettlementLagPointGraphType : ObjectGraphType<SettlementLagPoint>
{
    public SettlementLagPointGraphType()
    {
        Name = "SettlementLagPoint";
        Description = "A rollup's steps of one milestone in one time bucket: how far behind the L2 they were.";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("bucket").Resolve(c => c.Source.Bucket);
        Field<NonNullGraphType<LongScalarGraphType>>("steps").Resolve(c => c.Source.Steps);
        Field<NonNullGraphType<LongScalarGraphType>>("l2Block").Description("The highest L2 block reached in the bucket.").Resolve(c => c.Source.L2Block);
        Field<NonNullGraphType<FloatGraphType>>("minLagSeconds").Resolve(c => c.Source.MinLagSeconds);
        Field<NonNullGraphType<FloatGraphType>>("avgLagSeconds").Resolve(c => c.Source.AvgLagSeconds);
        Field<NonNullGraphType<FloatGraphType>>("maxLagSeconds").Resolve(c => c.Source.MaxLagSeconds);
    }
}

public sealed class ProofSystemSettlementGraphType : ObjectGraphType<ProofSystemSettlement>
{
    public ProofSystemSettlementGraphType()
    {
        Name = "ProofSystemSettlement";
        Description = "Messages sent in a window, by what their route trusts: delivery latency and their source's settlement lag on L1.";
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.ProofSystem);
        Field<NonNullGraphType<LongScalarGraphType>>("messages").Resolve(c => c.Source.Messages);
        Field<NonNullGraphType<LongScalarGraphType>>("delivered").Resolve(c => c.Source.Delivered);
        Field<FloatGraphType>("latencyP50Seconds").Resolve(c => c.Source.LatencyP50Seconds);
        Field<FloatGraphType>("latencyP95Seconds").Resolve(c => c.Source.LatencyP95Seconds);
        Field<NonNullGraphType<LongScalarGraphType>>("settled").Description("Messages whose source block is settled on L1.").Resolve(c => c.Source.Settled);
        Field<FloatGraphType>("settlementLagP50Seconds").Description("Send -> source block settled, median.").Resolve(c => c.Source.SettlementLagP50Seconds);
        Field<FloatGraphType>("settlementLagP95Seconds").Resolve(c => c.Source.SettlementLagP95Seconds);
    }
}
