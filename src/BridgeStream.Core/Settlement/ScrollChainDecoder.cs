using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// Scroll's ScrollChain (scroll-tech/scroll contracts/src/L1/rollup/IScrollChain.sol): <c>CommitBatch(uint256 indexed
/// batchIndex, bytes32 indexed batchHash)</c> (<see cref="SettlementStage.Committed"/>: the batch's data is on L1),
/// <c>FinalizeBatch(uint256 indexed batchIndex, bytes32 indexed batchHash, bytes32 stateRoot, bytes32 withdrawRoot)</c>
/// (<see cref="SettlementStage.Proven"/> and settled: the proof was verified and the batch, with every earlier one of its
/// bundle, is final) and <c>RevertBatch</c> in both deployed forms, (uint256 indexed batchIndex, bytes32 indexed batchHash)
/// and, since Euclid, (uint256 indexed startBatchIndex, uint256 indexed finishBatchIndex).
/// The events carry batch indexes only. A commit's L2 blocks are in its transaction's calldata for codecs v0 to v6
/// (commitBatch / commitBatchWithBlobProof: every chunk lists its blocks' contexts, <see cref="ScrollCommitCalldata"/>):
/// one eth_getTransactionByHash per commit. Since Euclid (codec v7, commitBatches) the blocks are only in the blob, so
/// those commits keep the batch without an L2 range. A finalization's L2 range is its committed batch's (joined by index
/// in ClickHouse).
/// </summary>
public sealed class ScrollChainDecoder : ISettlementDecoder
{
    public const string Kind = "ScrollChain";

    public static readonly Hash32 CommitBatch = EventSignature.Topic("CommitBatch(uint256,bytes32)");
    public static readonly Hash32 FinalizeBatch = EventSignature.Topic("FinalizeBatch(uint256,bytes32,bytes32,bytes32)");
    public static readonly Hash32 RevertBatch = EventSignature.Topic("RevertBatch(uint256,bytes32)");
    public static readonly Hash32 RevertBatchRange = EventSignature.Topic("RevertBatch(uint256,uint256)");

    public SettlementFamily Family => SettlementFamily.ScrollChain;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } = [Kind];

    public IReadOnlyList<Hash32> Topics { get; } = [CommitBatch, FinalizeBatch, RevertBatch, RevertBatchRange];

    /// <summary>Scroll's ScrollChain proxy on Ethereum (Scroll's published contract addresses).</summary>
    public IReadOnlyList<SettlementDeployment> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0xa13BAF47339d63B743e7Da8741db5456DAc1E556"), Kind, 534352),
    ];

    public SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error)
    {
        error = null;
        if (log.Topic0 == CommitBatch || log.Topic0 == FinalizeBatch)
        {
            var finalize = log.Topic0 == FinalizeBatch;
            if (!SettlementLogs.Shape(log, 3, finalize ? 2 : 0, out error) || !SettlementLogs.Number(log.Topics[1], "batchIndex", out var batch, ref error))
            {
                return null;
            }

            var e = SettlementLogs.Event(log, rollupChainId, Family, finalize ? SettlementStage.Proven : SettlementStage.Committed, observedAtUnixNanos) with
            {
                BatchTo = batch,
                Commitment = log.Topics[2],
            };
            return finalize ? e with { Settles = true } : e with { BatchFrom = batch, Lookup = SettlementLookup.CommitCalldata };
        }

        if (log.Topic0 == RevertBatch || log.Topic0 == RevertBatchRange)
        {
            if (!SettlementLogs.Shape(log, 3, 0, out error) || !SettlementLogs.Number(log.Topics[1], "batchIndex", out var first, ref error))
            {
                return null;
            }

            var last = first;
            if (log.Topic0 == RevertBatchRange && !SettlementLogs.Number(log.Topics[2], "finishBatchIndex", out last, ref error))
            {
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Reverted, observedAtUnixNanos) with
            {
                BatchFrom = first,
                BatchTo = last,
                Commitment = log.Topic0 == RevertBatch ? log.Topics[2] : default,
            };
        }

        return null;
    }
}
