using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>What a settlement event says about the L2 blocks it covers. Numbers are stable (they travel in Kafka).</summary>
public enum SettlementStage
{
    Unspecified = 0,

    /// <summary>The L2's data is on L1 (Linea DataSubmittedV3). A ZK commit also posts data; see <see cref="Committed"/>.</summary>
    DataPosted = 1,

    /// <summary>An optimistic state claim: an OP output proposal or dispute game, an Arbitrum assertion.</summary>
    Proposed = 2,

    /// <summary>A ZK batch committed with its data (zkSync BlockCommit, Scroll CommitBatch): data posted and state claimed.</summary>
    Committed = 3,

    /// <summary>A validity proof was verified on L1 (zkSync BlocksVerification, Scroll FinalizeBatch, Linea DataFinalizedV3).</summary>
    Proven = 4,

    /// <summary>An optimistic claim survived its challenge window (Arbitrum AssertionConfirmed, an OP anchor-state update).</summary>
    Confirmed = 5,

    /// <summary>A proven zkSync batch was executed: its withdrawals can be finalized.</summary>
    Executed = 6,

    /// <summary>Claims or batches were taken back (OP OutputsDeleted, Arbitrum NodeRejected, zkSync BlocksRevert, Scroll RevertBatch).</summary>
    Reverted = 7,
}

/// <summary>A rollup's settlement contracts on L1, one decoder each. Numbers are stable (they travel in Kafka).</summary>
public enum SettlementFamily
{
    Unspecified = 0,

    /// <summary>OP Stack L2OutputOracle (chains before fault proofs).</summary>
    OpStackOutputOracle = 1,

    /// <summary>OP Stack fault proofs: DisputeGameFactory games and the AnchorStateRegistry.</summary>
    OpStackFaultProofs = 2,

    /// <summary>Arbitrum RollupCore: BoLD assertions and legacy (pre-BoLD) nodes.</summary>
    ArbitrumRollup = 3,

    /// <summary>zkSync Era (ZK stack) diamond proxy, Executor facet.</summary>
    ZkSyncEra = 4,

    /// <summary>Scroll ScrollChain.</summary>
    ScrollChain = 5,

    /// <summary>Linea LineaRollup.</summary>
    LineaRollup = 6,
}

/// <summary>
/// What must be read from a node before the event is complete, and where. Decoders are pure: they name the look-up,
/// the ingestor does it (<c>SettlementResolver</c>) and fills in the L2 range and times.
/// </summary>
public enum SettlementLookup
{
    None = 0,

    /// <summary>eth_call <c>l2BlockNumber()</c> on the dispute game (<see cref="SettlementEvent.DisputeGame"/>) on L1.</summary>
    GameL2Block = 1,

    /// <summary>eth_getBlockByHash on the rollup's own RPC for <see cref="SettlementEvent.L2BlockHash"/> (Arbitrum).</summary>
    L2BlockByHash = 2,

    /// <summary>eth_getTransactionByHash on L1 and the block contexts of its commitBatch calldata (Scroll, codecs v0-v6).</summary>
    CommitCalldata = 3,

    /// <summary>eth_call <c>finalizationPeriodSeconds()</c> on the L2OutputOracle (cached per contract): the challenge window.</summary>
    FinalizationPeriod = 4,
}

/// <summary>
/// One settlement step of a rollup, as its L1 contracts record it: which L2 blocks (or batches) it covers, what it says
/// about them (<see cref="Stage"/>), and where on L1 it happened. <see cref="Settles"/> marks the step after which
/// withdrawals from the covered blocks can be finalized on L1 (OP: the anchor state / the output past its finalization
/// period, Arbitrum: assertion confirmed, zkSync: executed, Scroll and Linea: proven). Covered ranges are inclusive.
/// A reorg on L1 retracts the event (<see cref="Retracted"/>: only the position and rollup are meaningful then).
/// </summary>
public sealed record SettlementEvent
{
    public required LogPosition Position { get; init; }

    public required ulong RollupChainId { get; init; }

    public required SettlementFamily Family { get; init; }

    public required SettlementStage Stage { get; init; }

    public bool Settles { get; init; }

    /// <summary>First L2 block covered, when the event (or a look-up) says it.</summary>
    public ulong? L2FromBlock { get; init; }

    /// <summary>Last L2 block covered, when the event (or a look-up) says it.</summary>
    public ulong? L2ToBlock { get; init; }

    /// <summary>Unix seconds of <see cref="L2ToBlock"/> on the rollup, when known.</summary>
    public long? L2BlockTime { get; init; }

    /// <summary>The L2 block hash the event names instead of a number (Arbitrum assertions), else zero.</summary>
    public Hash32 L2BlockHash { get; init; }

    /// <summary>First and last batch covered (zkSync, Scroll), when the rollup counts in batches.</summary>
    public ulong? BatchFrom { get; init; }

    public ulong? BatchTo { get; init; }

    /// <summary>What is claimed or proven: output root, game root claim, assertion hash, batch hash, shnarf.</summary>
    public Hash32 Commitment { get; init; }

    /// <summary>The OP Stack dispute game the event is about, else zero.</summary>
    public Address DisputeGame { get; init; }

    /// <summary>Unix seconds when an OP output proposal's finalization period ends (time-based, no event marks it).</summary>
    public long? ChallengeEndsAt { get; init; }

    /// <summary>What the ingestor must read to complete the event; never travels in Kafka.</summary>
    public SettlementLookup Lookup { get; init; }

    public bool Retracted { get; init; }

    public long ObservedAtUnixNanos { get; init; }

    public ProofSystem ProofSystem => SettlementCatalog.ProofSystemOf(Family);

    /// <summary>The Kafka key (and correlation key in the reorg window): the rollup's chain id, so each rollup's events stay in order.</summary>
    public Hash32 Key => Hash32.FromUInt64(RollupChainId);

    /// <summary>The retraction of an event published from an orphaned L1 block.</summary>
    public static SettlementEvent Retraction(LogPosition position, ulong rollupChainId, long observedAtUnixNanos) => new()
    {
        Position = position,
        RollupChainId = rollupChainId,
        Family = SettlementFamily.Unspecified,
        Stage = SettlementStage.Unspecified,
        Retracted = true,
        ObservedAtUnixNanos = observedAtUnixNanos,
    };
}
