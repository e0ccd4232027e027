using System.Globalization;
using System.Text.Json;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Events;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.ClickHouse;

/// <summary>
/// Migration 0007's views and the settlement GraphQL fields on a small known data set, against values computed by hand
/// (in the comments). Rows go in through the processor's own row layout (ClickHouseStore.InsertSettlementsAsync).
///
/// Rollup 901 (OP L2OutputOracle, L1 = 900), proposals (L1 block, time, L2 block, L2 time, output index, challenge end):
///   P1 (100, 10:01:00, 20, 10:00:40, 1, 10:11:00); P2 (110, 10:02:00, 40, 10:01:20, 2, 10:12:00) deleted at block 115
///   (OutputsDeleted 2..2); P2' (118, 10:02:50, 40, 10:01:20, 2, 10:12:50); P3 (120, 10:03:00, 60, 10:02:00, 3, 2099: not yet).
/// Rollup 904 (Scroll): commits C5 (101, 10:01:10, blocks 1-30, 10:00:50), C6 (112, 10:02:20, 31-50, 10:01:30),
///   C7 (113, 10:02:30, 51-70) reverted at 114, C7' (116, 10:02:40, 51-65, 10:01:45); FinalizeBatch 6 at (125, 10:04:00).
///   A commit C8 at 126 is retracted (an L1 reorg) and must vanish.
/// L1 finality (chain_heads of 900): finalized 105 seen at 10:05:00, 130 at 10:20:00.
/// </summary>
public sealed class SettlementViewTests(EmbeddedClickHouseFixture clickHouse)
{
    private const ulong L1 = 900;
    private static readonly DateTime Day = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Message_source_settlement_and_rollup_lag_are_the_hand_computed_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "settlement_views");
        using var client = new ClickHouseClient(connectionString);
        await SeedAsync(client, ct);

        // m1 (901, block 10, sent 10:00:00): proposed by P1 10:01:00; settled when P1's period ended, 10:11:00; P1's L1
        //   block 100 was final at 10:05:00, so final at 10:11:00 too: 660 s and 660 s.
        // m2 (901, block 25, sent 10:00:30): P2 was deleted, so P2' proposes it at 10:02:50 and settles it at 10:12:50
        //   (740 s); block 118 final at 10:20:00: 1170 s.
        // m3 (901, block 41): proposed by P3 at 10:03:00, not settled (P3's period ends in 2099).
        // m4 (904, block 40, sent 10:01:00): data posted and committed by C6 10:02:20, proven and settled by FinalizeBatch 6
        //   at 10:04:00 (180 s); block 125 final at 10:20:00: 1140 s.
        // m5 (sent on the L1): no source settlement.
        var rows = await MessageSettlementAsync(client, ct);
        Assert.Equal(["m1", "m2", "m3", "m4"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((null, At(10, 1, 0), At(10, 11, 0), At(10, 11, 0), 660.0, 660.0), rows["m1"]);
        Assert.Equal((null, At(10, 2, 50), At(10, 12, 50), At(10, 20, 0), 740.0, 1170.0), rows["m2"]);
        Assert.Equal((null, At(10, 3, 0), null, null, null, null), rows["m3"]);
        Assert.Equal((At(10, 2, 20), At(10, 2, 20), At(10, 4, 0), At(10, 20, 0), 180.0, 1140.0), rows["m4"]);

        // Per rollup over time, settled: P1's confirmation at 10:11:00 covers block 20 (10:00:40): 620 s, final 620 s;
        // P2' at 10:12:50 covers 40 (10:01:20): 690 s, final 10:20:00 -> 1120 s; Scroll's at 10:04:00 covers 50 (10:01:30): 150 s.
        var lag = await LagAsync(client, "SETTLED", ct);
        Assert.Equal([(901UL, At(10, 11, 0), 20UL, 620.0, 620.0), (901UL, At(10, 12, 50), 40UL, 690.0, 1120.0), (904UL, At(10, 4, 0), 50UL, 150.0, 1110.0)], lag);
        // Proposed: 20 s, 90 s (P2 dropped), 60 s; Scroll commits 20 s, 50 s, 55 s (C7 reverted, C8 retracted).
        var proposed = await LagAsync(client, "PROPOSED", ct);
        Assert.Equal([20.0, 90.0, 60.0, 20.0, 50.0, 55.0], proposed.Select(p => p.Lag));

        // The same through GraphQL.
        await using var api = await ApiHost.StartAsync(connectionString);
        var data = await api.DataAsync("""
            { m2: message(id: "m2") { sourceSettlement { rollupChainId family proofSystem proposedAt settledAt settledFinalAt lagSeconds finalLagSeconds } }
              m5: message(id: "m5") { sourceSettlement { settledAt } }
              steps: rollupSettlement(chainId: 901) { stage derived l1BlockNumber at l2ToBlock lagSeconds finalAt }
              status: rollupSettlementStatus { rollupChainId family proofSystem proposedL2Block settledL2Block settledAt settledL2BlockTime }
              series: settlementLagSeries(chainId: 901, bucketSeconds: 3600, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { bucket steps l2Block minLagSeconds maxLagSeconds avgLagSeconds }
              byProof: settlementByProofSystem(sentAfter: "2026-01-01T00:00:00Z", sentBefore: "2026-01-02T00:00:00Z") { proofSystem messages settled settlementLagP50Seconds } }
            """);
        var m2 = data.GetProperty("m2").GetProperty("sourceSettlement");
        Assert.Equal((901L, "OP_STACK_OUTPUT_ORACLE", "OPTIMISTIC"), (m2.GetProperty("rollupChainId").GetInt64(), m2.GetProperty("family").GetString(), m2.GetProperty("proofSystem").GetString()));
        Assert.Equal((At(10, 2, 50), At(10, 12, 50), At(10, 20, 0)), (Time(m2, "proposedAt"), Time(m2, "settledAt"), Time(m2, "settledFinalAt")));
        Assert.Equal((740.0, 1170.0), (m2.GetProperty("lagSeconds").GetDouble(), m2.GetProperty("finalLagSeconds").GetDouble()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("m5").GetProperty("sourceSettlement").ValueKind);

        // Newest first: P3, the derived confirmations, P2', P1 (P2 and its confirmation are gone with the deletion).
        var steps = data.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("stage").GetString(), s.GetProperty("derived").GetBoolean(), Time(s, "at"))).ToList();
        Assert.Equal(
            [("CONFIRMED", true, At(10, 12, 50)), ("CONFIRMED", true, At(10, 11, 0)), ("PROPOSED", false, At(10, 3, 0)), ("PROPOSED", false, At(10, 2, 50)), ("PROPOSED", false, At(10, 1, 0))],
            steps);

        var status = data.GetProperty("status").EnumerateArray().ToDictionary(s => s.GetProperty("rollupChainId").GetInt64());
        Assert.Equal((60L, 40L, At(10, 12, 50), At(10, 1, 20)), (status[901].GetProperty("proposedL2Block").GetInt64(), status[901].GetProperty("settledL2Block").GetInt64(), Time(status[901], "settledAt"), Time(status[901], "settledL2BlockTime")));
        Assert.Equal(("SCROLL_CHAIN", "ZK", 65L, 50L), (status[904].GetProperty("family").GetString(), status[904].GetProperty("proofSystem").GetString(), status[904].GetProperty("proposedL2Block").GetInt64(), status[904].GetProperty("settledL2Block").GetInt64()));

        // One hour bucket (10:00) holding both of 901's settled steps: 620 and 690 s.
        var point = Assert.Single(data.GetProperty("series").EnumerateArray());
        Assert.Equal((At(10, 0, 0), 2L, 40L, 620.0, 690.0, 655.0), (Time(point, "bucket"), point.GetProperty("steps").GetInt64(), point.GetProperty("l2Block").GetInt64(), point.GetProperty("minLagSeconds").GetDouble(), point.GetProperty("maxLagSeconds").GetDouble(), point.GetProperty("avgLagSeconds").GetDouble()));

        // By proof system: OPTIMISTIC m1, m2, m3 (two settled: 660, 740; median 700) and m5; ZK m4 (180).
        var byProof = data.GetProperty("byProof").EnumerateArray().ToDictionary(p => p.GetProperty("proofSystem").GetString()!);
        Assert.Equal((4L, 2L), (byProof["OPTIMISTIC"].GetProperty("messages").GetInt64(), byProof["OPTIMISTIC"].GetProperty("settled").GetInt64()));
        Assert.Equal(700.0, byProof["OPTIMISTIC"].GetProperty("settlementLagP50Seconds").GetDouble());
        Assert.Equal((1L, 1L, 180.0), (byProof["ZK"].GetProperty("messages").GetInt64(), byProof["ZK"].GetProperty("settled").GetInt64(), byProof["ZK"].GetProperty("settlementLagP50Seconds").GetDouble()));
    }

    [Fact]
    public async Task The_alerting_reads_each_rollups_newest_settlement_and_first_step()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "settlement_alerts"));
        await SeedAsync(client, ct);
        var l1Through = Ms(At(10, 30, 0));

        var rollups = await new BridgeStream.Alerting.AlertStore(client).ReadSettlementAsync([new(L1, 0, 150, 0, 130, 0, 150, l1Through)], ct);

        // 901: the period of P2' ended at 10:12:50 (block 40; P3's ends in 2099); first step P1 at 10:01:00. 904: FinalizeBatch 6
        // at 10:04:00 settles batch 6, which the view resolves to its commit's blocks 31-50; first step C5 at 10:01:10.
        Assert.Equal(
            new RollupSettlementSnapshot[] { new(901, L1, Ms(At(10, 12, 50)), 40, Ms(At(10, 1, 0)), l1Through), new(904, L1, Ms(At(10, 4, 0)), 50, Ms(At(10, 1, 10)), l1Through) },
            rollups);
        Assert.Null((await new BridgeStream.Alerting.AlertStore(client).ReadSettlementAsync([], ct))[0].L1IngestedThroughMs);
    }

    private static long Ms(DateTime time) => new DateTimeOffset(time).ToUnixTimeMilliseconds();

    private static async Task SeedAsync(ClickHouseClient client, CancellationToken ct)
    {
        var store = new ClickHouseStore(client);
        SettlementEvent Op(ulong l1Block, DateTime at, SettlementStage stage, ulong? l2, DateTime? l2Time, ulong index, DateTime? endsAt, ulong? indexTo = null) =>
            Step(901, SettlementFamily.OpStackOutputOracle, l1Block, at, stage) with
            {
                L2ToBlock = l2, L2BlockTime = Seconds(l2Time), BatchFrom = index, BatchTo = indexTo ?? index, ChallengeEndsAt = Seconds(endsAt),
            };
        SettlementEvent Scroll(ulong l1Block, DateTime at, SettlementStage stage, ulong batch, ulong? from = null, ulong? to = null, DateTime? l2Time = null) =>
            Step(904, SettlementFamily.ScrollChain, l1Block, at, stage) with
            {
                L2FromBlock = from, L2ToBlock = to, L2BlockTime = Seconds(l2Time), BatchFrom = stage == SettlementStage.Proven ? null : batch, BatchTo = batch,
                Settles = stage == SettlementStage.Proven,
            };

        var steps = new List<SettlementEvent>
        {
            Op(100, At(10, 1, 0), SettlementStage.Proposed, 20, At(10, 0, 40), 1, At(10, 11, 0)),
            Op(110, At(10, 2, 0), SettlementStage.Proposed, 40, At(10, 1, 20), 2, At(10, 12, 0)),
            Op(115, At(10, 2, 30), SettlementStage.Reverted, null, null, 2, null),
            Op(118, At(10, 2, 50), SettlementStage.Proposed, 40, At(10, 1, 20), 2, At(10, 12, 50)),
            Op(120, At(10, 3, 0), SettlementStage.Proposed, 60, At(10, 2, 0), 3, new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            Scroll(101, At(10, 1, 10), SettlementStage.Committed, 5, 1, 30, At(10, 0, 50)),
            Scroll(112, At(10, 2, 20), SettlementStage.Committed, 6, 31, 50, At(10, 1, 30)),
            Scroll(113, At(10, 2, 30), SettlementStage.Committed, 7, 51, 70, At(10, 1, 50)),
            Scroll(114, At(10, 2, 35), SettlementStage.Reverted, 7),
            Scroll(116, At(10, 2, 40), SettlementStage.Committed, 7, 51, 65, At(10, 1, 45)),
            Scroll(125, At(10, 4, 0), SettlementStage.Proven, 6),
        };
        var orphaned = Scroll(126, At(10, 4, 10), SettlementStage.Committed, 8, 66, 90, At(10, 2, 0));
        var rows = steps.Append(orphaned).Select((s, i) => ClickHouseRows.Settlement(s, (ulong)i + 1)).ToList();
        rows.Add(ClickHouseRows.Settlement(SettlementEvent.Retraction(orphaned.Position, 904, 0), (ulong)rows.Count + 1)); // the reorg's retraction outranks it
        await store.InsertSettlementsAsync(rows, ct);

        await client.ExecuteNonQueryAsync("""
            INSERT INTO chain_heads VALUES
              (900, '2026-01-01 10:05:00.000', 130, '0xa', '2026-01-01 10:05:00', 110, '2026-01-01 10:02:00', 105, '2026-01-01 10:01:50'),
              (900, '2026-01-01 10:20:00.000', 150, '0xb', '2026-01-01 10:20:00', 140, '2026-01-01 10:19:00', 130, '2026-01-01 10:18:00')
            """, null, null, ct);
        await client.ExecuteNonQueryAsync("""
            INSERT INTO messages (message_id, protocol, proof_system, status, source_chain_id, destination_chain_id, sent_at, source_block_number,
                                  version, is_deleted, kafka_partition, first_observed_at, updated_at) VALUES
              ('m1', 'OP_STACK_WITHDRAWAL', 'OPTIMISTIC', 'SENT', 901, 900, '2026-01-01 10:00:00', 10, 1, 0, 0, now64(6), now64(3)),
              ('m2', 'OP_STACK_WITHDRAWAL', 'OPTIMISTIC', 'SENT', 901, 900, '2026-01-01 10:00:30', 25, 1, 0, 0, now64(6), now64(3)),
              ('m3', 'OP_STACK_WITHDRAWAL', 'OPTIMISTIC', 'SENT', 901, 900, '2026-01-01 10:01:30', 41, 1, 0, 0, now64(6), now64(3)),
              ('m4', 'SCROLL_MESSENGER', 'ZK', 'SENT', 904, 900, '2026-01-01 10:01:00', 40, 1, 0, 0, now64(6), now64(3)),
              ('m5', 'OP_STACK_MESSENGER', 'OPTIMISTIC', 'SENT', 900, 901, '2026-01-01 10:01:00', 40, 1, 0, 0, now64(6), now64(3))
            """, null, null, ct);
    }

    private static SettlementEvent Step(ulong rollup, SettlementFamily family, ulong l1Block, DateTime at, SettlementStage stage) => new()
    {
        Position = new LogPosition(L1, l1Block, Hash32.FromUInt64(l1Block), Hash32.FromUInt64(1000 + l1Block), 0, Seconds(at)!.Value, default),
        RollupChainId = rollup,
        Family = family,
        Stage = stage,
    };

    private static async Task<Dictionary<string, (DateTime? DataPosted, DateTime? Proposed, DateTime? Settled, DateTime? Final, double? Lag, double? FinalLag)>> MessageSettlementAsync(
        ClickHouseClient client, CancellationToken ct)
    {
        var rows = new Dictionary<string, (DateTime?, DateTime?, DateTime?, DateTime?, double?, double?)>();
        using var reader = await client.ExecuteReaderAsync(
            "SELECT message_id, source_data_posted_at, source_proposed_at, source_settled_at, source_settled_final_at, settlement_lag_seconds, final_settlement_lag_seconds FROM message_settlement",
            null, null, ct);
        while (await reader.ReadAsync(ct))
        {
            rows[reader.GetString(0)] = (Optional(reader, 1), Optional(reader, 2), Optional(reader, 3), Optional(reader, 4), Number(reader, 5), Number(reader, 6));
        }

        return rows;
    }

    private static async Task<List<(ulong Rollup, DateTime At, ulong L2Block, double Lag, double? FinalLag)>> LagAsync(ClickHouseClient client, string milestone, CancellationToken ct)
    {
        var rows = new List<(ulong, DateTime, ulong, double, double?)>();
        using var reader = await client.ExecuteReaderAsync(
            $"SELECT rollup_chain_id, at, l2_block, lag_seconds, final_lag_seconds FROM rollup_settlement_lag WHERE milestone = '{milestone}' ORDER BY rollup_chain_id, at", null, null, ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((Convert.ToUInt64(reader.GetValue(0), CultureInfo.InvariantCulture), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                Convert.ToUInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Number(reader, 3)!.Value, Number(reader, 4)));
        }

        return rows;
    }

    private static DateTime At(int hour, int minute, int second) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(second);

    private static long? Seconds(DateTime? time) => time is { } t ? new DateTimeOffset(t).ToUnixTimeSeconds() : null;

    private static DateTime? Optional(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc);

    private static double? Number(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    private static DateTime Time(JsonElement element, string field) =>
        DateTime.Parse(element.GetProperty(field).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
