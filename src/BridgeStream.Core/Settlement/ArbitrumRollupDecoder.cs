using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// Arbitrum's RollupCore (OffchainLabs/nitro-contracts src/rollup), both generations:
/// BoLD (v3, Arbitrum One since Feb 2025) <c>AssertionCreated(bytes32 indexed assertionHash, bytes32 indexed
/// parentAssertionHash, AssertionInputs assertion, bytes32 afterInboxBatchAcc, uint256 inboxMaxCount, bytes32 wasmModuleRoot,
/// uint256 requiredStake, address challengeManager, uint64 confirmPeriodBlocks)</c> and <c>AssertionConfirmed(bytes32 indexed
/// assertionHash, bytes32 blockHash, bytes32 sendRoot)</c>; legacy (Nitro before BoLD) <c>NodeCreated(uint64 indexed nodeNum,
/// bytes32 indexed parentNodeHash, bytes32 indexed nodeHash, bytes32 executionHash, Assertion assertion, bytes32
/// afterInboxBatchAcc, bytes32 wasmModuleRoot, uint256 inboxMaxCount)</c>, <c>NodeConfirmed(uint64 indexed nodeNum, bytes32
/// blockHash, bytes32 sendRoot)</c> and <c>NodeRejected(uint64 indexed nodeNum)</c>.
/// Assertions name the L2 state by its block hash (the after state's globalState.bytes32Vals[0]), not its number: the
/// ingestor asks the rollup's own RPC (eth_getBlockByHash, one call per assertion and confirmation). A BoLD assertion's
/// hash is recomputed from the event (RollupLib.assertionHash = keccak256(parentAssertionHash ++ keccak256(abi.encode(afterState))
/// ++ afterInboxBatchAcc)) and must match its topic. The after state's inbox position is kept as the batch.
/// </summary>
public sealed class ArbitrumRollupDecoder : ISettlementDecoder
{
    public const string Kind = "ArbitrumRollup";

    // AssertionInputs = (BeforeStateData(prevPrevAssertionHash, sequencerBatchAcc, ConfigData(5)), AssertionState before,
    // AssertionState after); AssertionState = (GlobalState(bytes32[2], uint64[2]), MachineStatus, endHistoryRoot). All static.
    public static readonly Hash32 AssertionCreated = EventSignature.Topic(
        "AssertionCreated(bytes32,bytes32,((bytes32,bytes32,(bytes32,uint256,address,uint64,uint64)),((bytes32[2],uint64[2]),uint8,bytes32),((bytes32[2],uint64[2]),uint8,bytes32)),bytes32,uint256,bytes32,uint256,address,uint64)");

    public static readonly Hash32 AssertionConfirmed = EventSignature.Topic("AssertionConfirmed(bytes32,bytes32,bytes32)");

    // Assertion = (ExecutionState before, ExecutionState after, uint64 numBlocks); ExecutionState = (GlobalState, MachineStatus).
    public static readonly Hash32 NodeCreated = EventSignature.Topic(
        "NodeCreated(uint64,bytes32,bytes32,bytes32,(((bytes32[2],uint64[2]),uint8),((bytes32[2],uint64[2]),uint8),uint64),bytes32,bytes32,uint256)");

    public static readonly Hash32 NodeConfirmed = EventSignature.Topic("NodeConfirmed(uint64,bytes32,bytes32)");
    public static readonly Hash32 NodeRejected = EventSignature.Topic("NodeRejected(uint64)");

    // Word positions in AssertionCreated's data.
    private const int AfterStateWord = 13;
    private const int AssertionStateWords = 6;
    private const int AfterInboxBatchAccWord = 19;
    private const int AssertionCreatedWords = 25;

    // Word positions in NodeCreated's data: executionHash, before (5 words), after (5 words), numBlocks, then 3 more.
    private const int NodeAfterStateWord = 6;
    private const int NodeCreatedWords = 15;

    public SettlementFamily Family => SettlementFamily.ArbitrumRollup;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [Kind];

    public IReadOnlyList<Hash32> Topics { get; } = [AssertionCreated, AssertionConfirmed, NodeCreated, NodeConfirmed, NodeRejected];

    /// <summary>
    /// Arbitrum One: the BoLD rollup (Bridge.rollup() since the BoLD upgrade) and the legacy Nitro rollup it replaced
    /// (Arbitrum's published contract addresses).
    /// </summary>
    public IReadOnlyList<SettlementDeployment> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0x4DCeB440657f21083db8aDd07665f8ddBe1DCfc0"), Kind, 42161),
        new(1, Address.Parse("0x5eF0D09d1E6204141B4d37530808eD19f60FBa35"), Kind, 42161),
    ];

    public SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error)
    {
        error = null;
        if (log.Topic0 == AssertionCreated)
        {
            return DecodeAssertionCreated(log, rollupChainId, observedAtUnixNanos, out error);
        }

        if (log.Topic0 == AssertionConfirmed || log.Topic0 == NodeConfirmed)
        {
            if (!SettlementLogs.Shape(log, 2, 2, out error))
            {
                return null;
            }

            var data = new AbiReader(log.Data.Span);
            data.TryWord(0, out var blockHash);
            var confirmed = SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Confirmed, observedAtUnixNanos) with
            {
                Settles = true,
                L2BlockHash = blockHash,
                Lookup = SettlementLookup.L2BlockByHash,
            };
            if (log.Topic0 == AssertionConfirmed)
            {
                return confirmed with { Commitment = log.Topics[1] };
            }

            return SettlementLogs.Number(log.Topics[1], "nodeNum", out var node, ref error) ? confirmed with { BatchFrom = node, BatchTo = node } : null;
        }

        if (log.Topic0 == NodeCreated)
        {
            if (!SettlementLogs.Shape(log, 4, NodeCreatedWords, out error) || !SettlementLogs.Number(log.Topics[1], "nodeNum", out var node, ref error))
            {
                return null;
            }

            new AbiReader(log.Data.Span).TryWord(NodeAfterStateWord, out var blockHash);
            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Proposed, observedAtUnixNanos) with
            {
                L2BlockHash = blockHash,
                BatchFrom = node,
                BatchTo = node,
                Commitment = log.Topics[3],
                Lookup = SettlementLookup.L2BlockByHash,
            };
        }

        if (log.Topic0 == NodeRejected)
        {
            if (!SettlementLogs.Shape(log, 2, 0, out error) || !SettlementLogs.Number(log.Topics[1], "nodeNum", out var node, ref error))
            {
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Reverted, observedAtUnixNanos) with { BatchFrom = node, BatchTo = node };
        }

        return null;
    }

    private SettlementEvent? DecodeAssertionCreated(RawLog log, ulong rollupChainId, long observedAt, out string? error)
    {
        if (!SettlementLogs.Shape(log, 3, AssertionCreatedWords, out error))
        {
            return null;
        }

        var data = new AbiReader(log.Data.Span);
        data.TryWord(AfterStateWord, out var blockHash);
        data.TryWord(AfterInboxBatchAccWord, out var inboxAcc);
        if (!data.TryUInt64(AfterStateWord + 2, out var inboxPosition))
        {
            error = "the after state's inbox position is not a uint64";
            return null;
        }

        if (AssertionHash(log.Topics[2], log.Data.Span.Slice(AfterStateWord * 32, AssertionStateWords * 32), inboxAcc) != log.Topics[1])
        {
            error = "assertionHash does not match keccak256(parentAssertionHash, keccak256(afterState), afterInboxBatchAcc)";
            return null;
        }

        return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Proposed, observedAt) with
        {
            L2BlockHash = blockHash,
            BatchTo = inboxPosition,
            Commitment = log.Topics[1],
            Lookup = SettlementLookup.L2BlockByHash,
        };
    }

    /// <summary>RollupLib.assertionHash(parentAssertionHash, afterState.hash(), inboxAcc), afterState given ABI-encoded (6 words).</summary>
    public static Hash32 AssertionHash(Hash32 parentAssertionHash, ReadOnlySpan<byte> encodedAfterState, Hash32 inboxAcc)
    {
        Span<byte> packed = stackalloc byte[96];
        parentAssertionHash.CopyTo(packed);
        Keccak256.Hash(encodedAfterState).CopyTo(packed[32..]);
        inboxAcc.CopyTo(packed[64..]);
        return Keccak256.Hash(packed);
    }
}
