using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// OP Stack L2OutputOracle (contracts-bedrock src/L1/L2OutputOracle.sol), the settlement of OP chains before fault proofs:
/// <c>OutputProposed(bytes32 indexed outputRoot, uint256 indexed l2OutputIndex, uint256 indexed l2BlockNumber, uint256 l1Timestamp)</c>
/// proposes the state up to l2BlockNumber (<see cref="SettlementStage.Proposed"/>, the output index as batch);
/// <c>OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex)</c> is the challenger
/// deleting outputs [new, prev) (<see cref="SettlementStage.Reverted"/>). No event marks the end of an output's
/// finalization period: the ingestor reads <c>finalizationPeriodSeconds()</c> from the oracle once and sets
/// <see cref="SettlementEvent.ChallengeEndsAt"/>; the views derive the confirmation from it (withdrawals proven against
/// the output can be finalized then).
/// </summary>
public sealed class OpStackOutputOracleDecoder : ISettlementDecoder
{
    public const string Kind = "OpStackL2OutputOracle";

    public static readonly Hash32 OutputProposed = EventSignature.Topic("OutputProposed(bytes32,uint256,uint256,uint256)");
    public static readonly Hash32 OutputsDeleted = EventSignature.Topic("OutputsDeleted(uint256,uint256)");

    public SettlementFamily Family => SettlementFamily.OpStackOutputOracle;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [Kind];

    public IReadOnlyList<Hash32> Topics { get; } = [OutputProposed, OutputsDeleted];

    /// <summary>OP Mainnet's oracle (viem's optimism chain definition, contracts.l2OutputOracle), retired by fault proofs in 2024.</summary>
    public IReadOnlyList<SettlementDeployment> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0xdfe97868233d1aa22e815a266982f2cf17685a27"), Kind, 10),
    ];

    public SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error)
    {
        error = null;
        if (log.Topic0 == OutputProposed)
        {
            if (!SettlementLogs.Shape(log, 4, 1, out error)
                || !SettlementLogs.Number(log.Topics[2], "l2OutputIndex", out var index, ref error)
                || !SettlementLogs.Number(log.Topics[3], "l2BlockNumber", out var l2Block, ref error))
            {
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Proposed, observedAtUnixNanos) with
            {
                L2ToBlock = l2Block,
                BatchFrom = index,
                BatchTo = index,
                Commitment = log.Topics[1],
                Lookup = SettlementLookup.FinalizationPeriod,
            };
        }

        if (log.Topic0 == OutputsDeleted)
        {
            if (!SettlementLogs.Shape(log, 3, 0, out error)
                || !SettlementLogs.Number(log.Topics[1], "prevNextOutputIndex", out var previousNext, ref error)
                || !SettlementLogs.Number(log.Topics[2], "newNextOutputIndex", out var newNext, ref error))
            {
                return null;
            }

            if (newNext >= previousNext)
            {
                error = "OutputsDeleted deletes nothing (newNextOutputIndex >= prevNextOutputIndex)";
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Reverted, observedAtUnixNanos) with
            {
                BatchFrom = newNext,
                BatchTo = previousNext - 1,
            };
        }

        return null;
    }
}

/// <summary>
/// OP Stack fault proofs (contracts-bedrock src/dispute): the DisputeGameFactory's
/// <c>DisputeGameCreated(address indexed disputeProxy, GameType indexed gameType, Claim indexed rootClaim)</c> (GameType is
/// uint32 since op-contracts v1.4; the uint8 form of the first factories is decoded too) proposes an output root
/// (<see cref="SettlementStage.Proposed"/>); the AnchorStateRegistry's <c>AnchorUpdated(IFaultDisputeGame indexed game)</c>
/// (v3, op-contracts 3.x) records that a game resolved for the defender AND waited out the finality delay ("airgap"):
/// its state is settled (<see cref="SettlementStage.Confirmed"/>, <see cref="SettlementEvent.Settles"/>). Neither event
/// carries the L2 block number: it is the game's <c>l2BlockNumber()</c> (its immutable clone argument, present on every
/// FaultDisputeGame and PermissionedDisputeGame version), read with one eth_call per game. A game's own
/// <c>Resolved(GameStatus indexed status)</c> is emitted by the game's address, which no configuration lists: the
/// anchor update stands for it (it comes at or after the airgap's end, when someone closes the game).
/// </summary>
public sealed class OpStackFaultProofDecoder : ISettlementDecoder
{
    public const string FactoryKind = "OpStackDisputeGameFactory";
    public const string AnchorRegistryKind = "OpStackAnchorStateRegistry";

    public static readonly Hash32 DisputeGameCreated = EventSignature.Topic("DisputeGameCreated(address,uint32,bytes32)");
    public static readonly Hash32 DisputeGameCreatedV0 = EventSignature.Topic("DisputeGameCreated(address,uint8,bytes32)");
    public static readonly Hash32 AnchorUpdated = EventSignature.Topic("AnchorUpdated(address)");

    public SettlementFamily Family => SettlementFamily.OpStackFaultProofs;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [FactoryKind, AnchorRegistryKind];

    public IReadOnlyList<Hash32> Topics { get; } = [DisputeGameCreated, DisputeGameCreatedV0, AnchorUpdated];

    /// <summary>The factories of OP Mainnet (viem's optimism chain) and Base (Base's published contract list).</summary>
    public IReadOnlyList<SettlementDeployment> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0xe5965Ab5962eDc7477C8520243A95517CD252fA9"), FactoryKind, 10),
        new(1, Address.Parse("0x43edB88C4B80fDD2AdFF2412A7BebF9dF42cB40e"), FactoryKind, 8453),
    ];

    public SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error)
    {
        error = null;
        if (log.Topic0 == DisputeGameCreated || log.Topic0 == DisputeGameCreatedV0)
        {
            if (!SettlementLogs.Shape(log, 4, 0, out error))
            {
                return null;
            }

            if (!TopicWords.TryAddress(log.Topics[1], out var game))
            {
                error = "disputeProxy is not an address";
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Proposed, observedAtUnixNanos) with
            {
                DisputeGame = game,
                Commitment = log.Topics[3],
                Lookup = SettlementLookup.GameL2Block,
            };
        }

        if (log.Topic0 == AnchorUpdated)
        {
            if (!SettlementLogs.Shape(log, 2, 0, out error))
            {
                return null;
            }

            if (!TopicWords.TryAddress(log.Topics[1], out var game))
            {
                error = "game is not an address";
                return null;
            }

            return SettlementLogs.Event(log, rollupChainId, Family, SettlementStage.Confirmed, observedAtUnixNanos) with
            {
                Settles = true,
                DisputeGame = game,
                Lookup = SettlementLookup.GameL2Block,
            };
        }

        return null;
    }
}
