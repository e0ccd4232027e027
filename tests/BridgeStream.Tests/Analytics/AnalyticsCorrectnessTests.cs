using System.Globalization;
using System.Text.Json;
using BridgeStream.Tests.Api;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// Every analytics figure served by GraphQL (and so computed by ClickHouse from the pre-aggregated tables) against the
/// same figure computed independently from the message records (<see cref="Oracle"/>) and against hand-checked numbers.
/// </summary>
public sealed class AnalyticsCorrectnessTests(AnalyticsDataSet data) : IClassFixture<AnalyticsDataSet>
{
    private const double Tolerance = 1e-9;

    // Lower edges of the histogram bins of 100 s, 600 s, 3600 s and 4200 s: 64 * (65/64)^k for k = 28, 144, 259, 269.
    private const double Bin100 = 98.79038738700568;
    private const double Bin600 = 596.7426476793412;
    private const double Bin3600 = 3549.16412207626;
    private const double Bin4200 = 4144.383244874215;

    private const string RoutesQuery = """
        query($range: TimeRange, $window: Window, $filter: RouteFilter, $groupBy: [RouteDimension!]) {
          routes(range: $range, window: $window, filter: $filter, groupBy: $groupBy) {
            sourceChainId destinationChainId protocol proofSystem from to sent delivered failedAttempts successRate
            latency { stage count p50 p95 p99 max }
            stages { stage count p50 p95 p99 max }
          }
        }
        """;

    private ApiHost Api => data.Api;

    private object Range(int fromSeconds, int toSeconds) => new { from = Iso(data.At(fromSeconds)), to = Iso(data.At(toSeconds)) };

    [Fact]
    public async Task Route_counts_success_rate_and_latency_percentiles_over_a_range()
    {
        var route = Assert.Single((await RoutesAsync(Range(-3600, 7200), new { sourceChainId = 900, destinationChainId = 901 })).EnumerateArray());

        // Hand-checked: m1..m8 sent (m9's send was reorged away); delivered m1 m2 m3 m4 m5 m7 (m8's delivery was reorged
        // away, m7's moved to a later block); failed attempts m2 once, m6 three times.
        Assert.Equal("OP_STACK_MESSENGER", route.GetProperty("protocol").GetString());
        Assert.Equal("OPTIMISTIC", route.GetProperty("proofSystem").GetString());
        Assert.Equal(8, route.GetProperty("sent").GetInt64());
        Assert.Equal(6, route.GetProperty("delivered").GetInt64());
        Assert.Equal(4, route.GetProperty("failedAttempts").GetInt64());
        Assert.Equal(0.6, route.GetProperty("successRate").GetDouble(), Tolerance);
        // Latencies 10, 12, 20, 30, 40, 100: nearest rank 3 of 6 is 20 (exact, below 64 s); ranks 6 of 6 are 100 s, whose bin
        // starts at 98.79 s.
        var latency = route.GetProperty("latency");
        Assert.Equal(6, latency.GetProperty("count").GetInt64());
        Assert.Equal(20, latency.GetProperty("p50").GetDouble(), Tolerance);
        Assert.Equal(Bin100, latency.GetProperty("p95").GetDouble(), Tolerance);
        Assert.Equal(Bin100, latency.GetProperty("p99").GetDouble(), Tolerance);
        Assert.Equal(Bin100, latency.GetProperty("max").GetDouble(), Tolerance);

        // The same from the records.
        var records = data.Messenger.Select(m => m.Record).ToList();
        var (from, to) = (data.At(-3600), data.At(7200));
        var latencies = Oracle.DeliveryLatencies(records, from, to).ToList();
        Assert.Equal(Oracle.Sent(records, from, to), route.GetProperty("sent").GetInt64());
        Assert.Equal(Oracle.Delivered(records, from, to), route.GetProperty("delivered").GetInt64());
        Assert.Equal(Oracle.Failed(records, from, to), route.GetProperty("failedAttempts").GetInt64());
        foreach (var (q, field) in new[] { (0.5, "p50"), (0.95, "p95"), (0.99, "p99"), (1.0, "max") })
        {
            var exact = Oracle.NearestRank(latencies, q);
            var served = latency.GetProperty(field).GetDouble();
            Assert.Equal(Oracle.Estimate(exact), served, Tolerance);
            Assert.InRange(served, exact * 64 / 65, exact);
        }
    }

    [Fact]
    public async Task A_range_of_minutes_counts_only_the_facts_of_those_minutes()
    {
        // [T0+1 min, T0+3 min): m2 and m3 sent, m2 (20 s) and m3 (30 s) delivered, m2's failed attempt; m1's delivery at
        // 10 s and m4's send at 180 s are outside.
        var route = Assert.Single((await RoutesAsync(Range(60, 180), new { sourceChainId = 900 })).EnumerateArray());

        Assert.Equal(2, route.GetProperty("sent").GetInt64());
        Assert.Equal(2, route.GetProperty("delivered").GetInt64());
        Assert.Equal(1, route.GetProperty("failedAttempts").GetInt64());
        Assert.Equal(20, route.GetProperty("latency").GetProperty("p50").GetDouble());
        Assert.Equal(30, route.GetProperty("latency").GetProperty("p95").GetDouble());
        Assert.Equal(Iso(data.At(60)), route.GetProperty("from").GetString());
        Assert.Equal(Iso(data.At(180)), route.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Sliding_windows_end_now()
    {
        var day = Assert.Single((await RoutesAsync(null, new { sourceChainId = 900 }, window: "LAST_DAY")).EnumerateArray());
        Assert.Equal(8, day.GetProperty("sent").GetInt64());
        Assert.Equal(6, day.GetProperty("delivered").GetInt64());
        var to = DateTime.Parse(day.GetProperty("to").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange((to - DateTime.UtcNow).TotalSeconds, 0, 61);

        // Everything on this route happened more than an hour ago.
        Assert.Empty((await RoutesAsync(null, new { sourceChainId = 900 }, window: "LAST_HOUR")).EnumerateArray());
    }

    [Fact]
    public async Task Withdrawal_steps_have_their_own_latencies()
    {
        var route = Assert.Single((await RoutesAsync(Range(-3600, 7200), new { sourceChainId = 901, destinationChainId = 900 })).EnumerateArray());
        var stages = route.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);

        Assert.Equal("OP_STACK_WITHDRAWAL", route.GetProperty("protocol").GetString());
        Assert.Equal(2, route.GetProperty("sent").GetInt64());
        Assert.Equal(1, route.GetProperty("delivered").GetInt64());
        // w1: initiated -> finalized 4200 s; initiated -> proven 600 s (w1) and 60 s (w2); proven -> finalized 3600 s.
        Assert.Equal(Bin4200, stages["DELIVERY"].GetProperty("p50").GetDouble(), Tolerance);
        Assert.Equal(2, stages["PROOF"].GetProperty("count").GetInt64());
        Assert.Equal(60, stages["PROOF"].GetProperty("p50").GetDouble());
        Assert.Equal(Bin600, stages["PROOF"].GetProperty("max").GetDouble(), Tolerance);
        Assert.Equal(1, stages["FINALIZATION"].GetProperty("count").GetInt64());
        Assert.Equal(Bin3600, stages["FINALIZATION"].GetProperty("p99").GetDouble(), Tolerance);
        Assert.Equal(0, stages["ARRIVAL"].GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, stages["ARRIVAL"].GetProperty("p50").ValueKind);
    }

    [Fact]
    public async Task Grouping_by_proof_system_adds_up_the_routes_of_each()
    {
        var groups = (await RoutesAsync(Range(-3600, 7200), null, groupBy: ["PROOF_SYSTEM"])).EnumerateArray()
            .ToDictionary(g => g.GetProperty("proofSystem").GetString()!);

        // Optimistic: 8 messenger + 2 withdrawals + 5 ETH transfers sent; 6 + 1 + 4 delivered. Third party: 3 CCTP sent, 2 delivered.
        Assert.Equal(15, groups["OPTIMISTIC"].GetProperty("sent").GetInt64());
        Assert.Equal(11, groups["OPTIMISTIC"].GetProperty("delivered").GetInt64());
        Assert.Equal(3, groups["THIRD_PARTY"].GetProperty("sent").GetInt64());
        Assert.Equal(2, groups["THIRD_PARTY"].GetProperty("delivered").GetInt64());
        Assert.Equal(JsonValueKind.Null, groups["THIRD_PARTY"].GetProperty("sourceChainId").ValueKind);
        Assert.Equal(JsonValueKind.Null, groups["THIRD_PARTY"].GetProperty("protocol").ValueKind);

        var all = data.Messenger.Concat(data.Withdrawals).Concat(data.Transfers).Select(m => m.Record).ToList();
        var thirdParty = all.Where(r => r.Protocol == BridgeStream.Core.Events.Protocol.CctpV1).ToList();
        Assert.Equal(Oracle.Sent(all, data.At(-3600), data.At(7200)) - Oracle.Sent(thirdParty, data.At(-3600), data.At(7200)), groups["OPTIMISTIC"].GetProperty("sent").GetInt64());
        Assert.Equal(Oracle.Delivered(thirdParty, data.At(-3600), data.At(7200)), groups["THIRD_PARTY"].GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task Route_series_has_every_bucket_and_reflects_the_reorged_steps()
    {
        var series = Assert.Single((await Api.DataAsync("""
            query($range: TimeRange) {
              routeSeries(bucketSeconds: 60, range: $range, filter: { sourceChainId: 900 }) {
                protocol bucketSeconds points { time sent delivered failedAttempts latency { count p50 p95 max } }
              }
            }
            """, new { range = Range(0, 600) })).GetProperty("routeSeries").EnumerateArray());
        var points = series.GetProperty("points").EnumerateArray().ToList();

        Assert.Equal(10, points.Count);
        long[] sent = [1, 1, 1, 1, 1, 1, 2, 0, 0, 0];      // m9's send (at 500 s) was reorged away
        long[] delivered = [1, 1, 1, 1, 0, 1, 1, 0, 0, 0]; // m7 at 372 s counts, its orphaned 365 s does not; m8's 460 s is gone
        long[] failed = [0, 1, 0, 0, 0, 3, 0, 0, 0, 0];
        double?[] p95 = [10, 20, 30, 40, null, Bin100, 12, null, null, null];
        var records = data.Messenger.Select(m => m.Record).ToList();
        for (var i = 0; i < points.Count; i++)
        {
            var (from, to) = (data.At(60 * i), data.At(60 * (i + 1)));
            Assert.Equal(Iso(from), points[i].GetProperty("time").GetString());
            Assert.Equal(sent[i], points[i].GetProperty("sent").GetInt64());
            Assert.Equal(delivered[i], points[i].GetProperty("delivered").GetInt64());
            Assert.Equal(failed[i], points[i].GetProperty("failedAttempts").GetInt64());
            Assert.Equal(Oracle.Sent(records, from, to), points[i].GetProperty("sent").GetInt64());
            Assert.Equal(Oracle.Delivered(records, from, to), points[i].GetProperty("delivered").GetInt64());
            Assert.Equal(Oracle.Failed(records, from, to), points[i].GetProperty("failedAttempts").GetInt64());
            var served = points[i].GetProperty("latency").GetProperty("p95");
            if (p95[i] is { } expected)
            {
                Assert.Equal(expected, served.GetDouble(), Tolerance);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, served.ValueKind);
            }
        }
    }

    [Fact]
    public async Task Chains_show_the_newest_heads_and_the_lag_over_the_window()
    {
        var chains = (await Api.DataAsync("""
            query($range: TimeRange) {
              chains(range: $range) {
                chainId name layer latestBlock safeBlock finalizedBlock safeLagBlocks finalizedLagBlocks safeLagSeconds finalizedLagSeconds
                lag { observations avgSafeLagSeconds maxSafeLagSeconds avgFinalizedLagSeconds maxFinalizedLagSeconds avgSafeLagBlocks maxSafeLagBlocks avgFinalizedLagBlocks maxFinalizedLagBlocks }
              }
            }
            """, new { range = Range(-3600, 3600) })).GetProperty("chains").EnumerateArray().ToDictionary(c => c.GetProperty("chainId").GetInt64());

        var op = chains[10];
        Assert.Equal("op", op.GetProperty("name").GetString());
        Assert.Equal("L2", op.GetProperty("layer").GetString());
        Assert.Equal(1045, op.GetProperty("latestBlock").GetInt64());
        Assert.Equal(15, op.GetProperty("safeLagBlocks").GetInt64());
        Assert.Equal(85, op.GetProperty("finalizedLagBlocks").GetInt64());
        Assert.Equal(30, op.GetProperty("safeLagSeconds").GetDouble());
        Assert.Equal(170, op.GetProperty("finalizedLagSeconds").GetDouble());
        var lag = op.GetProperty("lag");
        Assert.Equal(3, lag.GetProperty("observations").GetInt64());
        Assert.Equal(80.0 / 3, lag.GetProperty("avgSafeLagSeconds").GetDouble(), Tolerance);       // 20, 30, 30
        Assert.Equal(30, lag.GetProperty("maxSafeLagSeconds").GetDouble());
        Assert.Equal(560.0 / 3, lag.GetProperty("avgFinalizedLagSeconds").GetDouble(), Tolerance); // 200, 190, 170
        Assert.Equal(200, lag.GetProperty("maxFinalizedLagSeconds").GetDouble());
        Assert.Equal(40.0 / 3, lag.GetProperty("avgSafeLagBlocks").GetDouble(), Tolerance);        // 10, 15, 15
        Assert.Equal(280.0 / 3, lag.GetProperty("avgFinalizedLagBlocks").GetDouble(), Tolerance);  // 100, 95, 85
        Assert.Equal(100, lag.GetProperty("maxFinalizedLagBlocks").GetDouble());

        // A chain whose node has no safe/finalized heads: heads yes, lag none.
        var bare = chains[11];
        Assert.Equal(7, bare.GetProperty("latestBlock").GetInt64());
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("finalizedLagSeconds").ValueKind);
        Assert.Equal(0, bare.GetProperty("lag").GetProperty("observations").GetInt64());
    }

    [Fact]
    public async Task Chain_lag_series_averages_each_bucket()
    {
        var series = (await Api.DataAsync("""
            query($range: TimeRange) { chainLagSeries(bucketSeconds: 60, range: $range) { chainId points { from observations avgFinalizedLagSeconds maxFinalizedLagSeconds } } }
            """, new { range = Range(0, 120) })).GetProperty("chainLagSeries");
        var op = Assert.Single(series.EnumerateArray());
        var points = op.GetProperty("points").EnumerateArray().ToList();

        Assert.Equal(10, op.GetProperty("chainId").GetInt64());
        Assert.Equal(2, points.Count);
        Assert.Equal(2, points[0].GetProperty("observations").GetInt64());
        Assert.Equal(195, points[0].GetProperty("avgFinalizedLagSeconds").GetDouble(), Tolerance);
        Assert.Equal(200, points[0].GetProperty("maxFinalizedLagSeconds").GetDouble());
        Assert.Equal(170, points[1].GetProperty("avgFinalizedLagSeconds").GetDouble(), Tolerance);
    }

    private const string FragmentationQuery = """
        query($asset: String!, $range: TimeRange) {
          fragmentation(asset: $asset, range: $range) {
            asset hhi effectiveChains normalizedEntropy chainsWithSupply
            chains { chainId supply share inflow outflow netFlow }
            flows { sourceChainId destinationChainId messages amount deliveredMessages deliveredAmount }
            l2ToL2 { directMessages directAmount viaL1Messages viaL1Amount viaL1Share viaL1AmountShare hopWindowSeconds }
          }
        }
        """;

    [Fact]
    public async Task Eth_fragmentation_supplies_concentration_flows_and_l2_routing()
    {
        var f = (await Api.DataAsync(FragmentationQuery, new { asset = "ETH", range = Range(0, 3600) })).GetProperty("fragmentation");
        var chains = f.GetProperty("chains").EnumerateArray().ToDictionary(c => c.GetProperty("chainId").GetInt64());

        // Hand-checked: OP +10 -4 = 6, Base +30 +3 = 33, Arbitrum 0 (its 60 ETH are in flight), L1 -10 -30 -60 -3 +4 = -99.
        Assert.Equal(6, chains[10].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(33, chains[8453].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(0, chains[42161].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(-99, chains[1].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(6.0 / 39, chains[10].GetProperty("share").GetDouble(), Tolerance);
        Assert.Equal(JsonValueKind.Null, chains[1].GetProperty("share").ValueKind);
        Assert.Equal(10, chains[10].GetProperty("inflow").GetDouble(), Tolerance);
        Assert.Equal(4, chains[10].GetProperty("outflow").GetDouble(), Tolerance);
        Assert.Equal(103, chains[1].GetProperty("outflow").GetDouble(), Tolerance);
        Assert.Equal(4, chains[1].GetProperty("inflow").GetDouble(), Tolerance);
        // Shares 6/39 and 33/39: HHI = (36 + 1089) / 1521, effective chains 1521 / 1125 = 1.352.
        Assert.Equal(1125.0 / 1521, f.GetProperty("hhi").GetDouble(), Tolerance);
        Assert.Equal(1.352, f.GetProperty("effectiveChains").GetDouble(), Tolerance);
        Assert.Equal(2, f.GetProperty("chainsWithSupply").GetInt32());

        var supplies = Oracle.Supplies(data.Transfers.Select(t => t.Record), Registry, "ETH", data.At(3600));
        var (hhi, effective, evenness, holders) = Oracle.Concentration(supplies.Values);
        foreach (var (chain, supply) in supplies)
        {
            Assert.Equal(supply, chains[(long)chain].GetProperty("supply").GetDouble(), Tolerance);
        }

        Assert.Equal(hhi, f.GetProperty("hhi").GetDouble(), Tolerance);
        Assert.Equal(effective, f.GetProperty("effectiveChains").GetDouble(), Tolerance);
        Assert.Equal(evenness, f.GetProperty("normalizedEntropy").GetDouble(), Tolerance);
        Assert.Equal(0.6193819, f.GetProperty("normalizedEntropy").GetDouble(), 1e-6); // -(6/39 ln 6/39 + 33/39 ln 33/39) / ln 2
        Assert.Equal(holders, f.GetProperty("chainsWithSupply").GetInt32());

        var flows = f.GetProperty("flows").EnumerateArray().ToDictionary(x => (x.GetProperty("sourceChainId").GetInt64(), x.GetProperty("destinationChainId").GetInt64()));
        Assert.Equal(4, flows.Count);
        Assert.Equal(2, flows[(1, 8453)].GetProperty("messages").GetInt64());
        Assert.Equal(33, flows[(1, 8453)].GetProperty("amount").GetDouble(), Tolerance);
        Assert.Equal(60, flows[(1, 42161)].GetProperty("amount").GetDouble(), Tolerance);
        Assert.Equal(0, flows[(1, 42161)].GetProperty("deliveredMessages").GetInt64());
        Assert.Equal(4, flows[(10, 1)].GetProperty("deliveredAmount").GetDouble(), Tolerance);

        // No ETH goes L2 -> L2 directly; the holder's withdrawal from OP and deposit to Base 10 minutes later is one move via L1.
        var routing = f.GetProperty("l2ToL2");
        Assert.Equal(0, routing.GetProperty("directMessages").GetInt64());
        Assert.Equal(1, routing.GetProperty("viaL1Messages").GetInt64());
        Assert.Equal(3, routing.GetProperty("viaL1Amount").GetDouble(), Tolerance);
        Assert.Equal(1, routing.GetProperty("viaL1Share").GetDouble());
        Assert.Equal(86400, routing.GetProperty("hopWindowSeconds").GetInt32());
    }

    [Fact]
    public async Task Usdc_fragmentation_spans_its_tokens_on_every_chain()
    {
        var f = (await Api.DataAsync(FragmentationQuery, new { asset = "USDC", range = Range(0, 3600) })).GetProperty("fragmentation");
        var chains = f.GetProperty("chains").EnumerateArray().ToDictionary(c => c.GetProperty("chainId").GetInt64());

        // 1000 USDC L1 -> OP (delivered), 500 OP -> Base (delivered), 250 L1 -> Base (in flight); 6 decimals on every chain.
        Assert.Equal(500, chains[10].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(500, chains[8453].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(-1250, chains[1].GetProperty("supply").GetDouble(), Tolerance);
        Assert.Equal(0.5, f.GetProperty("hhi").GetDouble(), Tolerance);
        Assert.Equal(2, f.GetProperty("effectiveChains").GetDouble(), Tolerance);
        Assert.Equal(1, f.GetProperty("normalizedEntropy").GetDouble(), Tolerance);

        var routing = f.GetProperty("l2ToL2");
        Assert.Equal(1, routing.GetProperty("directMessages").GetInt64());
        Assert.Equal(500, routing.GetProperty("directAmount").GetDouble(), Tolerance);
        Assert.Equal(0, routing.GetProperty("viaL1Messages").GetInt64());
        Assert.Equal(0, routing.GetProperty("viaL1Share").GetDouble());
    }

    [Fact]
    public async Task Fragmentation_series_tracks_the_concentration_bucket_by_bucket()
    {
        var points = (await Api.DataAsync("""
            query($range: TimeRange) { fragmentation(asset: "ETH", range: $range) { series(bucketSeconds: 600) { time hhi chainsWithSupply supplies { chainId amount } } } }
            """, new { range = Range(0, 3000) })).GetProperty("fragmentation").GetProperty("series").EnumerateArray().ToList();

        // End of [0, 600): OP 10, Base 30 -> (100 + 900) / 1600. Then OP's 4 ETH leave (6, 30) -> 936 / 1296 until the
        // holder's 3 ETH reach Base in [2400, 3000) -> 1125 / 1521.
        double[] expected = [1000.0 / 1600, 936.0 / 1296, 936.0 / 1296, 936.0 / 1296, 1125.0 / 1521];
        Assert.Equal(expected.Length, points.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Iso(data.At(600 * i)), points[i].GetProperty("time").GetString());
            Assert.Equal(expected[i], points[i].GetProperty("hhi").GetDouble(), Tolerance);
            var supplies = Oracle.Supplies(data.Transfers.Select(t => t.Record), Registry, "ETH", data.At(600 * (i + 1)));
            Assert.Equal(Oracle.Concentration(supplies.Values).Hhi, points[i].GetProperty("hhi").GetDouble(), Tolerance);
        }
    }

    [Fact]
    public async Task Value_in_flight_now_per_proof_system_and_route_with_the_largest_open_messages()
    {
        var byProof = (await Api.DataAsync("""
            { valueInFlight(groupBy: [PROOF_SYSTEM]) { groups { asset registered proofSystem sourceChainId messages amount } largest(first: 5) { messageId asset amount protocol status sourceChainId destinationChainId } } }
            """)).GetProperty("valueInFlight");
        var groups = byProof.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("asset").GetString()!);

        Assert.Equal(2, groups.Count);
        Assert.Equal("OPTIMISTIC", groups["ETH"].GetProperty("proofSystem").GetString());
        Assert.Equal(60, groups["ETH"].GetProperty("amount").GetDouble(), Tolerance);
        Assert.Equal(1, groups["ETH"].GetProperty("messages").GetInt64());
        Assert.Equal("THIRD_PARTY", groups["USDC"].GetProperty("proofSystem").GetString());
        Assert.Equal(250, groups["USDC"].GetProperty("amount").GetDouble(), Tolerance);
        Assert.True(groups["USDC"].GetProperty("registered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, groups["USDC"].GetProperty("sourceChainId").ValueKind);

        var largest = byProof.GetProperty("largest").EnumerateArray().ToList();
        Assert.Equal(["USDC", "ETH"], largest.Select(l => l.GetProperty("asset").GetString()));
        Assert.Equal(data.Transfers.Single(t => t.Record.Protocol == BridgeStream.Core.Events.Protocol.ArbitrumRetryable).Id, largest[1].GetProperty("messageId").GetString());
        Assert.Equal("SENT", largest[1].GetProperty("status").GetString());

        // Open transfers from the records: sent, not delivered.
        var open = Oracle.Transfers(data.Transfers.Select(t => t.Record)).Where(t => t.Record.Delivery is null).ToList();
        Assert.Equal(2, open.Count);

        var byRoute = (await Api.DataAsync("""{ valueInFlight(asset: "ETH") { groups { sourceChainId destinationChainId protocol amount } } }"""))
            .GetProperty("valueInFlight").GetProperty("groups");
        var route = Assert.Single(byRoute.EnumerateArray());
        Assert.Equal(42161, route.GetProperty("destinationChainId").GetInt64());
        Assert.Equal("ARBITRUM_RETRYABLE", route.GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Value_in_flight_over_time_is_the_running_sum_of_sent_minus_delivered()
    {
        var series = Assert.Single((await Api.DataAsync("""
            query($range: TimeRange) { valueInFlightSeries(bucketSeconds: 600, asset: "ETH", range: $range) { asset proofSystem points { time messages amount } } }
            """, new { range = Range(0, 3000) })).GetProperty("valueInFlightSeries").EnumerateArray());
        var points = series.GetProperty("points").EnumerateArray().ToList();

        // End of [0, 600): 100 sent, 40 delivered; [600, 1200): the 4 ETH withdrawal leaves OP; [1800, 2400): it is finalized;
        // [2400, 3000): the 3 ETH deposit is sent and delivered in the same bucket.
        double[] amounts = [60, 64, 64, 60, 60];
        long[] messages = [1, 2, 2, 1, 1];
        Assert.Equal(amounts.Length, points.Count);
        for (var i = 0; i < amounts.Length; i++)
        {
            Assert.Equal(amounts[i], points[i].GetProperty("amount").GetDouble(), Tolerance);
            Assert.Equal(messages[i], points[i].GetProperty("messages").GetInt64());
            var end = MessageScenario.Unix(data.At(600 * (i + 1)));
            var open = Oracle.Transfers(data.Transfers.Select(t => t.Record))
                .Where(t => t.Record.Send!.BlockTimestamp < end && (t.Record.Delivery is null || t.Record.Delivery.BlockTimestamp >= end))
                .Sum(t => (double)t.Amount / 1e18);
            Assert.Equal(open, points[i].GetProperty("amount").GetDouble(), Tolerance);
        }
    }

    [Fact]
    public async Task Stuck_messages_are_the_open_ones_past_the_threshold_and_past_any_challenge_window()
    {
        var stuck = (await Api.DataAsync("{ stuckMessages(olderThanSeconds: 600) { totalCount messages { id status sentAt } } }")).GetProperty("stuckMessages");

        // Open: e3 (sent at 180 s), m6 (300 s, failed three times), m8 (400 s, its delivery reorged away), c3 (1400 s), and w2,
        // proven at 120 s: its 7-day challenge window has not ended, so it is not stuck. m9's send was reorged away.
        string[] expected = [Id(203), Id(6), Id(8), Id(303)];
        Assert.Equal(4, stuck.GetProperty("totalCount").GetInt64());
        Assert.Equal(expected, stuck.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(["SENT", "FAILED", "SENT", "SENT"], stuck.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("status").GetString()));

        var open = data.Messenger.Concat(data.Withdrawals).Concat(data.Transfers).Select(m => m.Record)
            .Where(r => r.Send is not null && r.Delivery is null && r.Proof is null).OrderBy(r => r.Send!.BlockTimestamp).Select(r => r.MessageId.ToString());
        Assert.Equal(open, expected);
    }

    private static string Id(int n) => BridgeStream.Core.Primitives.Hash32.FromUInt64((ulong)n).ToString();

    [Fact]
    public async Task The_registry_lists_each_canonical_asset_with_its_tokens()
    {
        var assets = (await Api.DataAsync("{ assets { asset tokens { chainId token decimals } } }")).GetProperty("assets").EnumerateArray()
            .ToDictionary(a => a.GetProperty("asset").GetString()!);

        Assert.Equal(4, assets["ETH"].GetProperty("tokens").GetArrayLength());
        Assert.Equal([1L, 10, 8453], assets["USDC"].GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("chainId").GetInt64()));
        Assert.All(assets["USDC"].GetProperty("tokens").EnumerateArray(), t => Assert.Equal(6, t.GetProperty("decimals").GetInt32()));
    }

    [Theory]
    [InlineData("{ routeSeries(bucketSeconds: 90) { bucketSeconds } }", "multiple of 60")]
    [InlineData("{ routeSeries(bucketSeconds: 60, window: LAST_30_DAYS) { bucketSeconds } }", "at most 2016")]
    [InlineData("{ routes(first: 0) { sent } }", "between 1 and 500")]
    [InlineData("{ fragmentation(asset: \"\") { hhi } }", "1 to 100 characters")]
    [InlineData("{ routes(range: { from: \"2026-01-02T00:00:00Z\", to: \"2026-01-01T00:00:00Z\" }) { sent } }", "must be after")]
    public async Task Bad_arguments_are_refused_with_a_reason(string query, string reason)
    {
        var error = await Api.SingleErrorAsync(query);
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Series_count_towards_the_complexity_limit_by_their_buckets()
    {
        // 100 series of a week of 5-minute buckets: 100 x 2017 points, far above the limit.
        var error = await Api.SingleErrorAsync("{ routeSeries(bucketSeconds: 300, window: LAST_WEEK, first: 100) { points { time sent delivered } } }");
        Assert.Contains("complexity", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static (string Asset, int Decimals)? Registry(ulong chain, string token) => (chain, token) switch
    {
        (1 or 10 or 8453 or 42161, "0x0000000000000000000000000000000000000000") => ("ETH", 18),
        (1, AnalyticsDataSet.UsdcL1) or (10, AnalyticsDataSet.UsdcOp) or (8453, AnalyticsDataSet.UsdcBase) => ("USDC", 6),
        _ => null,
    };

    private async Task<JsonElement> RoutesAsync(object? range, object? filter, string? window = null, string[]? groupBy = null)
    {
        var variables = new Dictionary<string, object?> { ["range"] = range, ["filter"] = filter };
        if (window is not null)
        {
            variables["window"] = window;
        }

        if (groupBy is not null)
        {
            variables["groupBy"] = groupBy;
        }

        return (await Api.DataAsync(RoutesQuery, variables)).GetProperty("routes");
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
