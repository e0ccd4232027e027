using System.Text.Json;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Events;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// routeSync (the route-synchrony SQL over the analytics tables of 0006 and the chain registry's block times of 0008) on
/// ClickHouse with a small data set written as the correlator writes it, against figures computed by hand.
/// </summary>
public sealed class RouteSyncTests(EmbeddedClickHouseFixture clickHouse)
{
    private const double Tolerance = 1e-9;

    private const string Query = """
        query($range: TimeRange, $filter: RouteFilter) {
          routeSync(range: $range, filter: $filter) {
            sourceChainId destinationChainId protocol proofSystem synchronous delivered destinationBlockTimeSeconds
            sameBlock nextBlock later sameBlockShare nextBlockShare withinNextBlockShare
            distanceSeconds { p50 p95 p99 max } distanceBlocks { p50 p95 p99 max }
          }
        }
        """;

    private static readonly Dictionary<string, string?> Registry = new()
    {
        ["Analytics:MainnetDefaults"] = "false",
        ["Analytics:Chains:0:ChainId"] = "901", ["Analytics:Chains:0:Name"] = "op-a", ["Analytics:Chains:0:Layer"] = "L2", ["Analytics:Chains:0:BlockTimeSeconds"] = "2",
        ["Analytics:Chains:1:ChainId"] = "902", ["Analytics:Chains:1:Name"] = "op-b", ["Analytics:Chains:1:Layer"] = "L2", ["Analytics:Chains:1:BlockTimeSeconds"] = "2",
        ["Analytics:Chains:2:ChainId"] = "903", ["Analytics:Chains:2:Name"] = "no-block-time", ["Analytics:Chains:2:Layer"] = "L2",
    };

    [Fact]
    public async Task Same_block_next_block_and_distances_per_route_match_hand_computed_figures()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "routesync");
        using var client = new ClickHouseClient(connectionString);
        var store = new ClickHouseStore(client);
        var t0 = DateTime.UnixEpoch.AddSeconds(MessageScenario.Unix(DateTime.UtcNow) / 3600 * 3600 - 7200);
        var id = 0;
        async Task<MessageScenario> DeliverAsync(Protocol protocol, ulong from, ulong to, int sentAt, int distance)
        {
            var m = new MessageScenario(store, ++id, protocol, from, to);
            await m.SendAsync(t0.AddSeconds(sentAt));
            await m.RelayAsync(t0.AddSeconds(sentAt + distance));
            return m;
        }

        // 901 -> 902 OP interop: distances 0, 0, 0, 1, 2, 2, 7, and one relayed at 0 whose block was reorged away and relayed
        // again 5 s after the send: 0 0 0 1 2 2 5 7. Not counted: a message never relayed, a relay whose send is unknown.
        foreach (var (at, distance) in new[] { (0, 0), (10, 0), (20, 0), (30, 1), (40, 2), (50, 2), (60, 7) })
        {
            await DeliverAsync(Protocol.OpSuperchainInterop, 901, 902, at, distance);
        }

        var reorged = new MessageScenario(store, ++id, Protocol.OpSuperchainInterop, 901, 902);
        await reorged.SendAsync(t0.AddSeconds(100));
        await reorged.RetractAsync(await reorged.RelayAsync(t0.AddSeconds(100)));
        await reorged.RelayAsync(t0.AddSeconds(105));
        await new MessageScenario(store, ++id, Protocol.OpSuperchainInterop, 901, 902).SendAsync(t0.AddSeconds(110));
        await new MessageScenario(store, ++id, Protocol.OpSuperchainInterop, 901, 902).RelayAsync(t0.AddSeconds(120));
        // 902 -> 901 OP interop: relayed 1 s before the send's timestamp (the clocks of two chains): the same block.
        await DeliverAsync(Protocol.OpSuperchainInterop, 902, 901, 200, -1);
        // 901 -> 902 Hyperlane, the async route between the same chains: 4, 12, 30 s.
        foreach (var (at, distance) in new[] { (0, 4), (30, 12), (60, 30) })
        {
            await DeliverAsync(Protocol.Hyperlane, 901, 902, at, distance);
        }

        // 901 -> 903 Hyperlane: 903 has no block time in the registry.
        await DeliverAsync(Protocol.Hyperlane, 901, 903, 0, 3);

        await using var api = await ApiHost.StartAsync(connectionString, Registry);
        var range = new { from = Iso(t0.AddHours(-1)), to = Iso(t0.AddHours(1)) };
        var routes = (await api.DataAsync(Query, new { range })).GetProperty("routeSync").EnumerateArray().ToList();
        Assert.Equal(
            ["901->902 OP_SUPERCHAIN_INTEROP", "901->902 HYPERLANE", "901->903 HYPERLANE", "902->901 OP_SUPERCHAIN_INTEROP"],
            routes.Select(r => $"{r.GetProperty("sourceChainId").GetInt64()}->{r.GetProperty("destinationChainId").GetInt64()} {r.GetProperty("protocol").GetString()}"));

        // Interop 901 -> 902, block time 2 s: same block 0 0 0 (3), next block 1 2 2 (3), later 5 7 (2) of 8. Nearest rank
        // over 0 0 0 1 2 2 5 7: p50 = rank 4 = 1 s, p95 = p99 = max = rank 8 = 7 s; in blocks / 2.
        var interop = routes[0];
        Assert.True(interop.GetProperty("synchronous").GetBoolean());
        Assert.Equal("SYNCHRONOUS", interop.GetProperty("proofSystem").GetString());
        AssertCounts(interop, delivered: 8, blockTime: 2, same: 3, next: 3, later: 2);
        AssertShares(interop, 3.0 / 8, 3.0 / 8, 6.0 / 8);
        AssertDistance(interop.GetProperty("distanceSeconds"), 1, 7, 7, 7);
        AssertDistance(interop.GetProperty("distanceBlocks"), 0.5, 3.5, 3.5, 3.5);

        // Hyperlane 901 -> 902: nothing within a block; p50 = rank 2 of 4 12 30 = 12 s = 6 blocks, max 30 s = 15 blocks.
        var hyperlane = routes[1];
        Assert.False(hyperlane.GetProperty("synchronous").GetBoolean());
        Assert.Equal("THIRD_PARTY", hyperlane.GetProperty("proofSystem").GetString());
        AssertCounts(hyperlane, delivered: 3, blockTime: 2, same: 0, next: 0, later: 3);
        AssertShares(hyperlane, 0, 0, 0);
        AssertDistance(hyperlane.GetProperty("distanceSeconds"), 12, 30, 30, 30);
        AssertDistance(hyperlane.GetProperty("distanceBlocks"), 6, 15, 15, 15);

        // No block time for 903: the block figures are null, the seconds are there.
        var unknown = routes[2];
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("destinationBlockTimeSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("nextBlock").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("nextBlockShare").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("distanceBlocks").ValueKind);
        Assert.Equal(0, unknown.GetProperty("sameBlockShare").GetDouble(), Tolerance);
        AssertDistance(unknown.GetProperty("distanceSeconds"), 3, 3, 3, 3);

        // 902 -> 901: a negative distance counts as the same block (the histogram clamps it to 0 s).
        AssertCounts(routes[3], delivered: 1, blockTime: 2, same: 1, next: 0, later: 0);
        AssertDistance(routes[3].GetProperty("distanceSeconds"), 0, 0, 0, 0);

        // A filter narrows the routes; a range without the sends has nothing.
        var filtered = (await api.DataAsync(Query, new { range, filter = new { destinationChainId = 902, protocol = "OP_SUPERCHAIN_INTEROP" } }))
            .GetProperty("routeSync").EnumerateArray().ToList();
        AssertCounts(Assert.Single(filtered), delivered: 8, blockTime: 2, same: 3, next: 3, later: 2);
        var later = new { from = Iso(t0.AddHours(1)), to = Iso(t0.AddHours(2)) };
        Assert.Empty((await api.DataAsync(Query, new { range = later })).GetProperty("routeSync").EnumerateArray());
    }

    private static void AssertCounts(JsonElement route, long delivered, double blockTime, long same, long next, long later)
    {
        Assert.Equal(delivered, route.GetProperty("delivered").GetInt64());
        Assert.Equal(blockTime, route.GetProperty("destinationBlockTimeSeconds").GetDouble(), Tolerance);
        Assert.Equal(same, route.GetProperty("sameBlock").GetInt64());
        Assert.Equal(next, route.GetProperty("nextBlock").GetInt64());
        Assert.Equal(later, route.GetProperty("later").GetInt64());
    }

    private static void AssertShares(JsonElement route, double same, double next, double within)
    {
        Assert.Equal(same, route.GetProperty("sameBlockShare").GetDouble(), Tolerance);
        Assert.Equal(next, route.GetProperty("nextBlockShare").GetDouble(), Tolerance);
        Assert.Equal(within, route.GetProperty("withinNextBlockShare").GetDouble(), Tolerance);
    }

    private static void AssertDistance(JsonElement distance, double p50, double p95, double p99, double max)
    {
        Assert.Equal(p50, distance.GetProperty("p50").GetDouble(), Tolerance);
        Assert.Equal(p95, distance.GetProperty("p95").GetDouble(), Tolerance);
        Assert.Equal(p99, distance.GetProperty("p99").GetDouble(), Tolerance);
        Assert.Equal(max, distance.GetProperty("max").GetDouble(), Tolerance);
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
