using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// zkSync Era's diamond proxy, Executor facet (matter-labs/era-contracts l1-contracts/contracts/state-transition/
/// chain-interfaces/IExecutor.sol; the names say "Block" but count batches): <c>BlockCommit(uint256 indexed batchNumber,
/// bytes32 indexed batchHash, bytes32 indexed commitment)</c> (<see cref="SettlementStage.Committed"/>: pubdata posted,
/// state root claimed), <c>BlocksVerification(uint256 indexed previousLastVerifiedBatch, uint256 indexed
/// currentLastVerifiedBatch)</c> (<see cref="SettlementStage.Proven"/> for batches (previous, current]),
/// <c>BlockExecution(uint256 indexed batchNumber, bytes32 indexed batchHash, bytes32 indexed commitment)</c>
/// (<see cref="SettlementStage.Executed"/>, settles: withdrawals can be finalized) and <c>BlocksRevert(uint256
/// totalBatchesCommitted, uint256 totalBatchesVerified, uint256 totalBatchesExecuted)</c>. The events carry batch numbers
/// only; a batch's L2 blocks come from the rollup's own RPC (<c>zks_getL1BatchBlockRange</c>, one call per batch), which
/// the devnet cannot serve (no zkSync rollup on it), so the ingestor leaves the L2 range empty and the rows are kept by batch.
/// </summary>
public sealed class ZkSyncEraDecoder : ISettlementDecoder
{
    public const string Kind = "ZkSyncDiamond";

    public static readonly Hash32 BlockCommit = EventSignature.Topic("BlockCommit(uint256,bytes32,bytes32)");
    public static readonly Hash32 BlocksVerification = EventSignature.Topic("BlocksVerification(uint256,uint256)");
    public static readonly Hash32 BlockExecution = EventSignature.Topic("BlockExecution(uint256,bytes32,bytes32)");
    public static readonly Hash32 BlocksRevert = EventSignature.Topic("BlocksRevert(uint256,uint256,uint256)");

    public SettlementFamily Family => SettlementFamily.ZkSyncEra;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } = [Kind];

    public IReadOnlyList<Hash32> Topics { get; } = [BlockCommit, BlocksVerification, BlockExecution, BlocksRevert];

    /// <summary>zkSync Era's diamond proxy (zks_getMainContract, zkSync docs).</summary>
    public IReadOnlyList<SettlementDeployment> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0x32400084C286CF3E17e7B677ea9583e60a000324"), Kind, 324),
    ];

    public SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error)
    {
        error = null;
        if (log.Topic0 == BlockCommit || log.Topic0 == BlockExecution)
        {
            if (!SettlementLogs.Shape(log, 4, 0, out error) || !SettlementLogs.Number(log.Topics[1], "batchNumber", out var batch, ref error))
            {
                return null;
            }

            var executed = log.Topic0 == BlockExecution;
            return SettlementLogs.Event(log, rollupChainId, Family, executed ? SettlementStage.Executed : SettlementStage.Committed, observedAtUnixNanos) with
            {
                Settles = executed,
                BatchFrom = batch,
                BatchTo = batch,
                Commitment = log.Topics[2],
            };
        }

        if (log.Topic0 == BlocksVerification)
        {
            if (!SettlementLogs.Shape(log, 3, 0, out error)
                || !SettlementLogs.Number(log.Topics[1], "previousLastVerifiedBatch", out var previous, ref error)
                || !SettlementLogs.Number(log.Topics[2], "currentLastVerifiedBatch", out var current, ref error))
            {
                return null;
            }

            if (current <= previous)
            {
                error = "BlocksVerification verifies nothing (current <= previous)";
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Proven, observedAtUnixNanos) with
            {
                BatchFrom = previous + 1,
                BatchTo = current,
            };
        }

        if (log.Topic0 == BlocksRevert)
        {
            if (!SettlementLogs.Shape(log, 1, 3, out error))
            {
                return null;
            }

            new AbiReader(log.Data.Span).TryWord(0, out var committed);
            return SettlementLogs.Number(committed, "totalBatchesCommitted", out var total, ref error)
                ? SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Reverted, observedAtUnixNanos) with { BatchFrom = total + 1 }
                : null;
        }

        return null;
    }
}
