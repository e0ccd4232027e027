using System.Text.Json;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Analytics;
using BridgeStream.Rpc;
using BridgeStream.Tests.Analytics;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// The analytics of real events: devnet traffic (and a reorg) through the ingestors, Kafka, a `bridgestream process`
/// child and ClickHouse, read through GraphQL, against the same figures computed from the nodes' canonical chains
/// (<see cref="CanonicalTruth"/>, no Kafka or ClickHouse involved).
/// </summary>
public sealed class AnalyticsPipelineTests(EmbeddedClickHouseFixture clickHouse)
{
    private const string Messenger = "protocol = 'OP_STACK_MESSENGER'";

    // The devnet warps the rollups' clocks ahead (TrafficPlan), so the range reaches an hour into the future.
    private static readonly DateTime From = DateTime.UtcNow.AddHours(-1);
    private static readonly DateTime To = DateTime.UtcNow.AddHours(1);

    private static readonly string Routes = $$"""
        { routes(range: { from: "{{Iso(From)}}", to: "{{Iso(To)}}" }) { sourceChainId destinationChainId protocol sent delivered failedAttempts latency { count p50 p95 p99 max } }
          valueInFlight(asset: "ETH") { groups { sourceChainId destinationChainId protocol messages amount } } }
        """;

    [Fact]
    public async Task Route_figures_and_value_in_flight_of_devnet_traffic_match_the_canonical_chains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "analytics_e2e", ct);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();

        var expected = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 8, ct);
        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE {Messenger}", ct) == expected.Count
                && await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE {Messenger} AND status = 'DELIVERED'", ct) == expected.Count(e => e.Status == "DELIVERED")
                && await harness.ScalarAsync($"SELECT sum(failed_attempts) FROM messages FINAL WHERE {Messenger}", ct) == expected.Sum(e => e.FailedAttempts)
                // Each messenger deposit rides on a portal deposit, delivered once the devnet op-node included it.
                && await harness.ScalarAsync("SELECT count() FROM messages FINAL WHERE protocol = 'OP_STACK_PORTAL' AND status = 'DELIVERED'", ct) == expected.Count(e => e.Status != "SENT"),
            TimeSpan.FromSeconds(60), "every message in ClickHouse", ct);

        await AssertMatchesTruthAsync(harness, ct);
    }

    [Fact]
    public async Task A_reorg_that_orphans_a_delivery_takes_it_out_of_the_route_figures()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "analytics_reorg", ct);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        var l2 = harness.Devnet.Deployment.OpStackChainIds.First();
        var sent = await harness.Simulator.SendDepositsAsync(l2, 3, ct);
        foreach (var deposit in sent)
        {
            await harness.Simulator.RelayAsync(deposit, makeFail: false, ct);
        }

        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE {Messenger} AND status = 'DELIVERED'", ct) == 3, TimeSpan.FromSeconds(30), "3 delivered", ct);
        var before = Route(await harness.GraphQLAsync(Routes, ct), harness.Devnet.Deployment.L1ChainId, l2, "OP_STACK_MESSENGER");
        Assert.Equal(3, before.GetProperty("delivered").GetInt64());

        using var http = new HttpClient();
        var rollup = harness.Devnet.Deployment.Chain(l2);
        await new JsonRpcClient(http, [rollup.RpcUrl], (ulong)l2, NullLogger.Instance).CallAsync("anvil_reorg", "[1, []]", ct);
        await harness.Simulator.ResetNoncesAsync();
        var more = await harness.Simulator.SendDepositsAsync(l2, 1, ct); // new heads for the ingestor; this one stays SENT
        await ReorgTests.WaitCanonicalAsync(harness, ct);

        var after = Route(await harness.GraphQLAsync(Routes, ct), harness.Devnet.Deployment.L1ChainId, l2, "OP_STACK_MESSENGER");
        Assert.Equal(4, after.GetProperty("sent").GetInt64());
        Assert.Equal(2, after.GetProperty("delivered").GetInt64());
        Assert.Equal(2, after.GetProperty("latency").GetProperty("count").GetInt64());
        Assert.NotNull(more);
        await AssertMatchesTruthAsync(harness, ct);
    }

    private static async Task AssertMatchesTruthAsync(PipelineHarness harness, CancellationToken ct)
    {
        var truth = (await CanonicalTruth.ComputeAsync(harness, ct)).Values.ToList();
        var data = await harness.GraphQLAsync(Routes, ct);
        var routes = data.GetProperty("routes").EnumerateArray().ToList();
        var (from, to) = (AnalyticsTilesFloor(From), AnalyticsTilesFloor(To));
        var byRoute = truth.Where(r => !r.IsEmpty).GroupBy(r => ((long)r.SourceChainId, (long)r.DestinationChainId, ClickHouseRows.ProtocolName(r.Protocol))).ToList();
        Assert.Equal(byRoute.Count, routes.Count);
        foreach (var group in byRoute)
        {
            var records = group.ToList();
            var route = Route(data, group.Key.Item1, group.Key.Item2, group.Key.Item3);
            Assert.Equal(Oracle.Sent(records, from, to), route.GetProperty("sent").GetInt64());
            Assert.Equal(Oracle.Delivered(records, from, to), route.GetProperty("delivered").GetInt64());
            Assert.Equal(Oracle.Failed(records, from, to), route.GetProperty("failedAttempts").GetInt64());
            var latencies = Oracle.DeliveryLatencies(records, from, to).ToList();
            var latency = route.GetProperty("latency");
            Assert.Equal(latencies.Count, latency.GetProperty("count").GetInt64());
            foreach (var (q, field) in new[] { (0.5, "p50"), (0.95, "p95"), (0.99, "p99"), (1.0, "max") })
            {
                Assert.Equal(Oracle.Estimate(Oracle.NearestRank(latencies, q)), latency.GetProperty(field).GetDouble(), 1e-9);
            }
        }

        // ETH in flight per route: the native value of every send without a delivery, in ether (a portal deposit that
        // carries a messenger message adds nothing: the messenger message counts the value).
        var open = truth.Where(r => r.Send is not null && r.Delivery is null)
            .SelectMany(r => AnalyticsFacts.Transfers(r).Select(t => (Route: ((long)r.SourceChainId, (long)r.DestinationChainId, ClickHouseRows.ProtocolName(r.Protocol)), Ether: (double)t.Amount.ToBigInteger() / 1e18)))
            .GroupBy(t => t.Route)
            .ToDictionary(g => g.Key, g => (Messages: g.Count(), Ether: g.Sum(t => t.Ether)));
        var groups = data.GetProperty("valueInFlight").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => (g.GetProperty("sourceChainId").GetInt64(), g.GetProperty("destinationChainId").GetInt64(), g.GetProperty("protocol").GetString()!));
        Assert.Equal(open.Keys.Order(), groups.Keys.Order());
        foreach (var (route, figures) in open)
        {
            Assert.Equal(figures.Messages, groups[route].GetProperty("messages").GetInt64());
            Assert.Equal(figures.Ether, groups[route].GetProperty("amount").GetDouble(), Math.Max(1e-9, figures.Ether * 1e-12));
        }
    }

    private static DateTime AnalyticsTilesFloor(DateTime time) => global::BridgeStream.Api.Analytics.AnalyticsTiles.Floor(time, global::BridgeStream.Api.Analytics.AnalyticsLevel.Minute);

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement Route(JsonElement data, long source, long destination, string protocol) =>
        data.GetProperty("routes").EnumerateArray().Single(r =>
            r.GetProperty("sourceChainId").GetInt64() == source && r.GetProperty("destinationChainId").GetInt64() == destination
            && r.GetProperty("protocol").GetString() == protocol);
}
