using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Kafka;
using Google.Protobuf;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Tests.Kafka;

/// <summary>rollup.settlement.v1's records (schemas/kafka/rollup_settlement.proto) against the domain type.</summary>
public sealed class SettlementCodecTests
{
    private static readonly LogPosition Position =
        new(900, 120, Hash32.FromUInt64(0xb1), Hash32.FromUInt64(0x71), 3, 1_700_000_000, Address.Parse("0x00000000000000000000000000000000005e771e"));

    [Fact]
    public void A_settlement_step_survives_the_kafka_encoding_with_every_field()
    {
        var original = new SettlementEvent
        {
            Position = Position,
            RollupChainId = 904,
            Family = SettlementFamily.ScrollChain,
            Stage = SettlementStage.Committed,
            Settles = true,
            L2FromBlock = 11,
            L2ToBlock = 20,
            L2BlockTime = 1_699_999_990,
            L2BlockHash = Hash32.FromUInt64(0x12),
            BatchFrom = 4,
            BatchTo = 5,
            Commitment = Hash32.FromUInt64(0xc0),
            DisputeGame = Address.Parse("0x00000000000000000000000000000000000000aa"),
            ChallengeEndsAt = 1_700_000_012,
            ObservedAtUnixNanos = 1_700_000_000_123_456_789,
        };

        var decoded = SettlementEventCodec.TryDecode(SettlementEventCodec.Encode(original), out var error);

        Assert.Null(error);
        Assert.Equal(original, decoded);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 3, 0x88 }, SettlementEventCodec.Key(904));
    }

    [Fact]
    public void Absent_numbers_stay_absent_and_zero_is_a_number()
    {
        var original = new SettlementEvent { Position = Position, RollupChainId = 10, Family = SettlementFamily.OpStackFaultProofs, Stage = SettlementStage.Proposed, L2ToBlock = 0 };

        var decoded = SettlementEventCodec.TryDecode(SettlementEventCodec.Encode(original), out _);

        Assert.Equal(0UL, decoded!.L2ToBlock);
        Assert.Null(decoded.L2FromBlock);
        Assert.Null(decoded.BatchTo);
        Assert.Null(decoded.ChallengeEndsAt);
    }

    [Fact]
    public void A_retraction_carries_its_position_and_rollup_only()
    {
        var decoded = SettlementEventCodec.TryDecode(SettlementEventCodec.Encode(SettlementEvent.Retraction(Position, 903, 5)), out var error);

        Assert.Null(error);
        Assert.True(decoded!.Retracted);
        Assert.Equal((Position, 903UL, SettlementStage.Unspecified), (decoded.Position, decoded.RollupChainId, decoded.Stage));
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff })]
    [InlineData(new byte[0])]
    public void A_record_that_is_not_a_settlement_step_yields_a_reason(byte[] value)
    {
        Assert.Null(SettlementEventCodec.TryDecode(value, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_step_without_a_family_or_rollup_is_refused()
    {
        var noFamily = new V1.RollupSettlementEvent
        {
            Position = new V1.LogPosition { BlockHash = ByteString.CopyFrom(new byte[32]), TxHash = ByteString.CopyFrom(new byte[32]) },
            RollupChainId = 1,
            Stage = V1.SettlementStage.Proposed,
        };
        Assert.Null(SettlementEventCodec.TryDecode(noFamily.ToByteArray(), out var error));
        Assert.Contains("family", error, StringComparison.Ordinal);

        noFamily.Family = V1.SettlementFamily.ScrollChain;
        noFamily.RollupChainId = 0;
        Assert.Null(SettlementEventCodec.TryDecode(noFamily.ToByteArray(), out error));
        Assert.Contains("rollup", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_enums_match_the_proto_enums_by_number_and_name()
    {
        foreach (var family in Enum.GetValues<SettlementFamily>())
        {
            var proto = (V1.SettlementFamily)(int)family;
            Assert.True(Enum.IsDefined(proto), $"{family} has no proto value");
            Assert.Equal(family.ToString(), proto.ToString());
        }

        foreach (var stage in Enum.GetValues<SettlementStage>())
        {
            var proto = (V1.SettlementStage)(int)stage;
            Assert.True(Enum.IsDefined(proto), $"{stage} has no proto value");
            Assert.Equal(stage.ToString(), proto.ToString());
        }

        Assert.Equal(Enum.GetValues<SettlementFamily>().Length, Enum.GetValues<V1.SettlementFamily>().Length);
        Assert.Equal(Enum.GetValues<SettlementStage>().Length, Enum.GetValues<V1.SettlementStage>().Length);
    }
}
