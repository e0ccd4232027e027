using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using Google.Protobuf;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Kafka;

/// <summary>Maps settlement events to the Kafka contract (schemas/kafka/rollup_settlement.proto) and back, validating on the way in.</summary>
public static class SettlementEventCodec
{
    public static byte[] Key(ulong rollupChainId)
    {
        var key = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, rollupChainId);
        return key;
    }

    public static byte[] Encode(SettlementEvent e)
    {
        var p = e.Position;
        var message = new V1.RollupSettlementEvent
        {
            Position = new V1.LogPosition
            {
                ChainId = p.ChainId,
                BlockNumber = p.BlockNumber,
                BlockHash = BridgeEventCodec.Bytes(p.BlockHash),
                TxHash = BridgeEventCodec.Bytes(p.TransactionHash),
                LogIndex = p.LogIndex,
                BlockTimestamp = p.BlockTimestamp,
                Emitter = BridgeEventCodec.Bytes(p.Emitter),
            },
            RollupChainId = e.RollupChainId,
            Family = (V1.SettlementFamily)e.Family,
            Stage = (V1.SettlementStage)e.Stage,
            Settles = e.Settles,
            Retracted = e.Retracted,
            ObservedAtUnixNanos = e.ObservedAtUnixNanos,
        };
        if (e.L2FromBlock is { } from)
        {
            message.L2FromBlock = from;
        }

        if (e.L2ToBlock is { } to)
        {
            message.L2ToBlock = to;
        }

        if (e.L2BlockTime is { } time)
        {
            message.L2BlockTime = time;
        }

        if (e.BatchFrom is { } batchFrom)
        {
            message.BatchFrom = batchFrom;
        }

        if (e.BatchTo is { } batchTo)
        {
            message.BatchTo = batchTo;
        }

        if (e.ChallengeEndsAt is { } ends)
        {
            message.ChallengeEndsAt = ends;
        }

        if (!e.L2BlockHash.IsZero)
        {
            message.L2BlockHash = BridgeEventCodec.Bytes(e.L2BlockHash);
        }

        if (!e.Commitment.IsZero)
        {
            message.Commitment = BridgeEventCodec.Bytes(e.Commitment);
        }

        if (e.DisputeGame != default)
        {
            message.DisputeGame = BridgeEventCodec.Bytes(e.DisputeGame);
        }

        return message.ToByteArray();
    }

    /// <summary>Decodes a record value; a record that is not a valid settlement event yields the reason instead.</summary>
    public static SettlementEvent? TryDecode(ReadOnlySpan<byte> value, out string? error)
    {
        V1.RollupSettlementEvent m;
        try
        {
            m = V1.RollupSettlementEvent.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = $"not a RollupSettlementEvent: {ex.Message}";
            return null;
        }

        error = Validate(m);
        if (error is not null)
        {
            return null;
        }

        var p = m.Position;
        return new SettlementEvent
        {
            Position = new LogPosition(
                p.ChainId, p.BlockNumber, new Hash32(p.BlockHash.Span), new Hash32(p.TxHash.Span), p.LogIndex, p.BlockTimestamp,
                p.Emitter.Length == 20 ? new Address(p.Emitter.Span) : default),
            RollupChainId = m.RollupChainId,
            Family = (SettlementFamily)m.Family,
            Stage = (SettlementStage)m.Stage,
            Settles = m.Settles,
            L2FromBlock = m.HasL2FromBlock ? m.L2FromBlock : null,
            L2ToBlock = m.HasL2ToBlock ? m.L2ToBlock : null,
            L2BlockTime = m.HasL2BlockTime ? m.L2BlockTime : null,
            L2BlockHash = m.L2BlockHash.Length == 32 ? new Hash32(m.L2BlockHash.Span) : default,
            BatchFrom = m.HasBatchFrom ? m.BatchFrom : null,
            BatchTo = m.HasBatchTo ? m.BatchTo : null,
            Commitment = m.Commitment.Length == 32 ? new Hash32(m.Commitment.Span) : default,
            DisputeGame = m.DisputeGame.Length == 20 ? new Address(m.DisputeGame.Span) : default,
            ChallengeEndsAt = m.HasChallengeEndsAt ? m.ChallengeEndsAt : null,
            Retracted = m.Retracted,
            ObservedAtUnixNanos = m.ObservedAtUnixNanos,
        };
    }

    private static string? Validate(V1.RollupSettlementEvent m)
    {
        if (m.Position is null || m.Position.BlockHash.Length != 32 || m.Position.TxHash.Length != 32)
        {
            return "a settlement event needs a position with a 32-byte block hash and tx hash";
        }

        if (m.RollupChainId == 0)
        {
            return "a settlement event needs its rollup's chain id";
        }

        if (m.Retracted)
        {
            return null;
        }

        if (m.Family is V1.SettlementFamily.Unspecified || !Enum.IsDefined(m.Family) || m.Stage is V1.SettlementStage.Unspecified || !Enum.IsDefined(m.Stage))
        {
            return $"unknown settlement family {m.Family} or stage {m.Stage}";
        }

        return m.L2BlockHash.Length is 0 or 32 && m.Commitment.Length is 0 or 32 && m.DisputeGame.Length is 0 or 20
            ? null
            : "l2_block_hash and commitment must be 32 bytes, dispute_game 20 bytes";
    }
}
