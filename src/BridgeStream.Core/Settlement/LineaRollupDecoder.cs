using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// Linea's LineaRollup (Consensys/linea-monorepo contracts/src/rollup/interfaces/ILineaRollup.sol, the deployed V6+):
/// <c>DataSubmittedV3(bytes32 parentShnarf, bytes32 indexed shnarf, bytes32 finalStateRootHash)</c>
/// (<see cref="SettlementStage.DataPosted"/>; it names no blocks, only the shnarf that a later finalization ends on) and
/// <c>DataFinalizedV3(uint256 indexed startBlockNumber, uint256 indexed endBlockNumber, bytes32 indexed shnarf,
/// bytes32 parentStateRootHash, bytes32 finalStateRootHash)</c> (<see cref="SettlementStage.Proven"/> and settled: the proof
/// is verified in the same call, and the L2 range is in the event). No devnet rollup runs Linea: decoder and fixtures only.
/// </summary>
public sealed class LineaRollupDecoder : ISettlementDecoder
{
    public const string Kind = "LineaRollup";

    public static readonly Hash32 DataSubmittedV3 = EventSignature.Topic("DataSubmittedV3(bytes32,bytes32,bytes32)");
    public static readonly Hash32 DataFinalizedV3 = EventSignature.Topic("DataFinalizedV3(uint256,uint256,bytes32,bytes32,bytes32)");

    public SettlementFamily Family => SettlementFamily.LineaRollup;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } = [Kind];

    public IReadOnlyList<Hash32> Topics { get; } = [DataSubmittedV3, DataFinalizedV3];

    /// <summary>Linea's LineaRollup proxy on Ethereum (Linea's published contract addresses).</summary>
    public IReadOnlyList<SettlementDeployment> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0xd19d4B5d358258f05D7B411E21A1460D11B0876F"), Kind, 59144),
    ];

    public SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error)
    {
        error = null;
        if (log.Topic0 == DataSubmittedV3)
        {
            return SettlementLogs.Shape(log, 2, 2, out error)
                ? SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.DataPosted, observedAtUnixNanos) with { Commitment = log.Topics[1] }
                : null;
        }

        if (log.Topic0 == DataFinalizedV3)
        {
            if (!SettlementLogs.Shape(log, 4, 2, out error)
                || !SettlementLogs.Number(log.Topics[1], "startBlockNumber", out var start, ref error)
                || !SettlementLogs.Number(log.Topics[2], "endBlockNumber", out var end, ref error))
            {
                return null;
            }

            if (end < start)
            {
                error = "endBlockNumber is below startBlockNumber";
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Proven, observedAtUnixNanos) with
            {
                Settles = true,
                L2FromBlock = start,
                L2ToBlock = end,
                Commitment = log.Topics[3],
            };
        }

        return null;
    }
}
