using System.Globalization;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges.Interop;
using BridgeStream.Devnet.Messaging;
using BridgeStream.Tests.Devnet;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Hex.HexTypes;
using Nethereum.Web3;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// OP interop on the devnet (OP Stack rollups 901 and 902) through the real ingestors, the mock Kafka cluster, a
/// `bridgestream process` child process and ClickHouse, out of GraphQL: each interop message goes SENT -> DELIVERED with
/// proof system SYNCHRONOUS, and routeSync's figures equal those computed here from the chains' own block timestamps (the
/// send's and the relay's receipts). The distances are set with evm_setNextBlockTimestamp (the harness automines, so
/// blocks have no time of their own), on a registry block time of 2 s (the OP Stack's), and compared with a Hyperlane
/// route between the same chains.
/// </summary>
public sealed class OpInteropEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const long RollupA = 901;
    private const long RollupB = 902;
    private const int BlockTime = 2;

    [Fact]
    public async Task Interop_messages_are_delivered_synchronously_and_route_sync_matches_the_chains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "interop", ct,
            rollups: [new DevnetRollup(0, RollupA, ChainRole.OpStack), new DevnetRollup(0, RollupB, ChainRole.OpStack)]);
        var chains = harness.Devnet.Deployment.Chains;
        for (var i = 0; i < chains.Count; i++)
        {
            harness.Settings[$"Analytics:Chains:{i}:BlockTimeSeconds"] = BlockTime.ToString(CultureInfo.InvariantCulture);
        }

        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        var interop = OpInteropDevnet.TryPrepare(harness.Devnet.Deployment, NullLogger.Instance)!;
        var web3 = chains.ToDictionary(c => c.ChainId, c => new Web3(c.RpcUrl));

        // Planned distances (seconds, relay block time - send block time): same block, next block, later.
        var plan = new (long From, long To, int Distance)[] { (RollupA, RollupB, 0), (RollupA, RollupB, 0), (RollupA, RollupB, 2), (RollupA, RollupB, 1), (RollupA, RollupB, 6), (RollupB, RollupA, 0), (RollupB, RollupA, 4) };
        var observed = new List<(InteropMessage Message, InteropRelay Relay)>();
        foreach (var (from, to, distance) in plan)
        {
            var at = await NextSlotAsync(web3);
            await SetNextTimestampAsync(web3[from], at);
            var message = await interop.SendAsync(from, to, OpInteropDevnet.TargetCall(observed.Count, [(byte)observed.Count]), ct);
            await SetNextTimestampAsync(web3[to], at + distance);
            observed.Add((message, await interop.RelayAsync(message, ct)));
        }

        var unrelayed = await interop.SendAsync(RollupA, RollupB, OpInteropDevnet.TargetCall(99, [9]), ct);

        // The async route between the same chains: Hyperlane 901 -> 902, delivered 9 s after its send.
        var messaging = await MessagingDevnet.PrepareAsync(harness.Devnet.Deployment, NullLogger.Instance, ct);
        var hyperlaneAt = await NextSlotAsync(web3);
        await SetNextTimestampAsync(web3[RollupA], hyperlaneAt);
        var hyperlane = await messaging.SendHyperlaneAsync(RollupA, RollupB, MessagingDevnet.AppBody(7, [7]), ct);
        await SetNextTimestampAsync(web3[RollupB], hyperlaneAt + 9);
        var delivery = await messaging.DeliverAsync(hyperlane, ct);
        Assert.Equal(DeliveryOutcome.Delivered, delivery.Outcome);
        var hyperlaneDistance = await TimestampAsync(web3[RollupB], delivery.Tx!.BlockNumber) - await TimestampAsync(web3[RollupA], hyperlane.Send.BlockNumber);

        var ids = observed.Select(o => $"'{o.Message.Hash}'").Append($"'{unrelayed.Hash}'");
        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE message_id IN ({string.Join(",", ids)}) AND status = 'DELIVERED'", ct) == observed.Count
                && await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE message_id = '{unrelayed.Hash}' AND status = 'SENT'", ct) == 1
                && await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE message_id = '{hyperlane.Key}' AND status = 'DELIVERED'", ct) == 1,
            TimeSpan.FromSeconds(90), "the interop messages DELIVERED (one SENT) and the Hyperlane one DELIVERED in ClickHouse", ct);
        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM dead_letters", ct));

        foreach (var (message, relay) in observed)
        {
            var node = (await harness.GraphQLAsync(
                $$"""{ message(id: "{{message.Hash}}") { protocol proofSystem status sourceChainId destinationChainId sourceTxHash destinationTxHash latencySeconds } }""", ct))
                .GetProperty("message");
            Assert.Equal("OP_SUPERCHAIN_INTEROP", node.GetProperty("protocol").GetString());
            Assert.Equal("SYNCHRONOUS", node.GetProperty("proofSystem").GetString());
            Assert.Equal("DELIVERED", node.GetProperty("status").GetString());
            Assert.Equal(message.SourceChainId, node.GetProperty("sourceChainId").GetInt64());
            Assert.Equal(message.DestinationChainId, node.GetProperty("destinationChainId").GetInt64());
            Assert.Equal(message.Send.TxHash, node.GetProperty("sourceTxHash").GetString());
            Assert.Equal(relay.Tx.TxHash, node.GetProperty("destinationTxHash").GetString());
            Assert.Equal(relay.Timestamp - message.SendTimestamp, node.GetProperty("latencySeconds").GetDouble());
        }

        // routeSync against the chains: distances from the receipts' block timestamps, classified by the documented rule.
        var (rangeFrom, rangeTo) = (DateTime.UtcNow.AddHours(-1).ToString("o", CultureInfo.InvariantCulture), DateTime.UtcNow.AddHours(1).ToString("o", CultureInfo.InvariantCulture));
        var data = await harness.GraphQLAsync(
            $$"""{ routeSync(range: { from: "{{rangeFrom}}", to: "{{rangeTo}}" }) { sourceChainId destinationChainId protocol proofSystem synchronous delivered sameBlock nextBlock later withinNextBlockShare distanceSeconds { p50 max } distanceBlocks { p50 max } } }""",
            ct);
        var routes = data.GetProperty("routeSync").EnumerateArray().ToList();
        foreach (var pair in observed.GroupBy(o => (o.Message.SourceChainId, o.Message.DestinationChainId)))
        {
            var distances = pair.Select(o => o.Relay.Timestamp - o.Message.SendTimestamp).Order().ToList();
            var route = Assert.Single(routes, r => r.GetProperty("sourceChainId").GetInt64() == pair.Key.SourceChainId
                && r.GetProperty("destinationChainId").GetInt64() == pair.Key.DestinationChainId && r.GetProperty("protocol").GetString() == "OP_SUPERCHAIN_INTEROP");
            Assert.Equal("SYNCHRONOUS", route.GetProperty("proofSystem").GetString());
            Assert.True(route.GetProperty("synchronous").GetBoolean());
            Assert.Equal(distances.Count, route.GetProperty("delivered").GetInt64());
            var same = distances.Count(d => d <= 0);
            var next = distances.Count(d => d > 0 && d <= BlockTime);
            Assert.Equal(same, route.GetProperty("sameBlock").GetInt64());
            Assert.Equal(next, route.GetProperty("nextBlock").GetInt64());
            Assert.Equal(distances.Count - same - next, route.GetProperty("later").GetInt64());
            Assert.Equal((double)(same + next) / distances.Count, route.GetProperty("withinNextBlockShare").GetDouble(), 1e-9);
            var p50 = distances[(int)Math.Ceiling(0.5 * distances.Count) - 1];
            Assert.Equal(p50, route.GetProperty("distanceSeconds").GetProperty("p50").GetDouble());
            Assert.Equal(distances[^1], route.GetProperty("distanceSeconds").GetProperty("max").GetDouble());
            Assert.Equal((double)p50 / BlockTime, route.GetProperty("distanceBlocks").GetProperty("p50").GetDouble(), 1e-9);
        }

        // The plan was carried out on chain (so the figures above are not trivially zero): 901 -> 902 has 0 0 1 2 6.
        Assert.Equal([0L, 0, 1, 2, 6], observed.Where(o => o.Message.SourceChainId == RollupA).Select(o => o.Relay.Timestamp - o.Message.SendTimestamp).Order());

        var async = Assert.Single(routes, r => r.GetProperty("sourceChainId").GetInt64() == RollupA && r.GetProperty("destinationChainId").GetInt64() == RollupB
            && r.GetProperty("protocol").GetString() == "HYPERLANE");
        Assert.False(async.GetProperty("synchronous").GetBoolean());
        Assert.Equal(1, async.GetProperty("delivered").GetInt64());
        Assert.Equal(0, async.GetProperty("sameBlock").GetInt64());
        Assert.Equal((double)hyperlaneDistance, async.GetProperty("distanceSeconds").GetProperty("max").GetDouble());
    }

    // A timestamp after the latest block of every chain, so that both the send and the relay can be placed from it on.
    private static async Task<long> NextSlotAsync(Dictionary<long, Web3> web3)
    {
        long latest = 0;
        foreach (var node in web3.Values)
        {
            var block = await node.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest());
            latest = Math.Max(latest, (long)block.Timestamp.Value);
        }

        return latest + 3;
    }

    private static Task SetNextTimestampAsync(Web3 node, long timestamp) =>
        node.Client.SendRequestAsync<object>("evm_setNextBlockTimestamp", null, new HexBigInteger(timestamp).HexValue);

    private static async Task<long> TimestampAsync(Web3 node, System.Numerics.BigInteger number)
    {
        var block = await node.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new Nethereum.RPC.Eth.DTOs.BlockParameter(new HexBigInteger(number)));
        return (long)block.Timestamp.Value;
    }
}
