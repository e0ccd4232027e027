using System.Globalization;
using BridgeStream.Core.Primitives;
using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Deposits sent on the devnet come out of GraphQL with the right status, route, transactions and latency, having
/// gone through the real ingestors, the mock Kafka cluster, a `bridgestream process` child process and ClickHouse.
/// </summary>
public sealed class EndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const string Messenger = "protocol = 'OP_STACK_MESSENGER'";

    [Fact]
    public async Task Deposits_on_the_devnet_become_messages_with_status_and_latency_through_GraphQL()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "e2e", ct);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();

        var expected = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 8, ct);
        var deliveredCount = expected.Count(e => e.Status == "DELIVERED");
        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE {Messenger} AND (status != 'SENT' OR source_tx_hash != '')", ct) == expected.Count
                && await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE {Messenger} AND status = 'DELIVERED'", ct) == deliveredCount
                && await harness.ScalarAsync($"SELECT count() FROM messages FINAL WHERE {Messenger} AND status = 'FAILED'", ct) == expected.Count(e => e.Status == "FAILED")
                // Each messenger deposit went through the portal: its deposit transaction arrived once the op-node included it.
                && await harness.ScalarAsync("SELECT count() FROM messages FINAL WHERE protocol = 'OP_STACK_PORTAL' AND status = 'DELIVERED'", ct) == expected.Count(e => e.Status != "SENT"),
            TimeSpan.FromSeconds(60), "every message in ClickHouse", ct);

        var delivered = await harness.GraphQLAsync("{ messages(first: 100, filter: { status: DELIVERED, protocol: OP_STACK_MESSENGER }) { totalCount } all: messages(first: 100, filter: { protocol: OP_STACK_MESSENGER }) { totalCount } }", ct);
        Assert.Equal(deliveredCount, delivered.GetProperty("messages").GetProperty("totalCount").GetInt32());
        Assert.Equal(expected.Count, delivered.GetProperty("all").GetProperty("totalCount").GetInt32());

        var timestamps = await BlockTimestampsAsync(harness, expected, ct);
        foreach (var message in expected)
        {
            await AssertMessageAsync(harness, message, timestamps, ct);
        }

        // Finality: bury the sends under more than the finalized depth; every send then has a source finality lag (each
        // messenger send and the portal deposit of the same L1 transaction: two messages per deposit).
        var l1 = harness.Devnet.Deployment.Chain(harness.Devnet.Deployment.L1ChainId);
        using var http = new HttpClient();
        await new JsonRpcClient(http, [l1.RpcUrl], (ulong)l1.ChainId, NullLogger.Instance).CallAsync("anvil_mine", "[\"0x10\"]", ct);
        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync("SELECT countIf(source_finality_lag_seconds >= 0) FROM message_finality", ct) == 2 * expected.Count,
            TimeSpan.FromSeconds(30), "every send to be final", ct);
        Assert.Equal(3, await harness.ScalarAsync("SELECT uniqExact(chain_id) FROM chain_heads WHERE finalized_number > 0", ct));
        // Per event, from the same head observations: waited for too, since the message view can reach its count a head
        // observation before this one does (seen once in a fresh clone: 30 of 32 right after the wait above).
        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync(
                $"SELECT countIf(finality_lag_seconds >= 0 AND safe_at <= finalized_at) FROM event_finality WHERE chain_id = {l1.ChainId} AND kind = 'MESSAGE_SENT'", ct) == 2 * expected.Count,
            TimeSpan.FromSeconds(30), "every send event to be safe, then final", ct);
    }

    private static async Task AssertMessageAsync(PipelineHarness harness, ExpectedMessage expected, Dictionary<(long, long), long> timestamps, CancellationToken ct)
    {
        var data = await harness.GraphQLAsync(
            $$"""{ message(id: "{{expected.Sent.ExpectedMsgHash}}") { id protocol status sourceChainId destinationChainId sender target value sourceTxHash destinationTxHash sentAt deliveredAt latencySeconds failedAttempts } }""", ct);
        var node = data.GetProperty("message");
        Assert.Equal(expected.Sent.ExpectedMsgHash, node.GetProperty("id").GetString());
        Assert.Equal("OP_STACK_MESSENGER", node.GetProperty("protocol").GetString());
        Assert.Equal(expected.Status, node.GetProperty("status").GetString());
        Assert.Equal(harness.Devnet.Deployment.L1ChainId, node.GetProperty("sourceChainId").GetInt64());
        Assert.Equal(expected.Sent.L2ChainId, node.GetProperty("destinationChainId").GetInt64());
        Assert.Equal(expected.Sent.Sender.ToLowerInvariant(), node.GetProperty("sender").GetString());
        Assert.Equal(expected.Sent.Target.ToLowerInvariant(), node.GetProperty("target").GetString());
        Assert.Equal(expected.Sent.Value.ToString(CultureInfo.InvariantCulture), node.GetProperty("value").GetString());
        Assert.Equal(expected.Sent.L1TxHash, node.GetProperty("sourceTxHash").GetString());
        Assert.Equal(expected.FailedAttempts, node.GetProperty("failedAttempts").GetInt32());
        var sentAt = timestamps[(harness.Devnet.Deployment.L1ChainId, expected.Sent.L1BlockNumber)];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(sentAt), DateTimeOffset.Parse(node.GetProperty("sentAt").GetString()!, CultureInfo.InvariantCulture));
        if (expected.Delivery is { } delivery)
        {
            var deliveredAt = timestamps[(delivery.L2ChainId, delivery.L2BlockNumber)];
            Assert.Equal(delivery.L2TxHash, node.GetProperty("destinationTxHash").GetString());
            Assert.Equal(deliveredAt - sentAt, node.GetProperty("latencySeconds").GetDouble());
        }
        else
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, node.GetProperty("latencySeconds").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, node.GetProperty("deliveredAt").ValueKind);
        }
    }

    // Block timestamps read straight from the chains, independently of the pipeline.
    private static async Task<Dictionary<(long, long), long>> BlockTimestampsAsync(PipelineHarness harness, List<ExpectedMessage> expected, CancellationToken ct)
    {
        var wanted = expected.Select(e => (harness.Devnet.Deployment.L1ChainId, e.Sent.L1BlockNumber))
            .Concat(expected.Where(e => e.Delivery is not null).Select(e => (e.Delivery!.L2ChainId, e.Delivery.L2BlockNumber)))
            .Distinct();
        var result = new Dictionary<(long, long), long>();
        using var http = new HttpClient();
        foreach (var group in wanted.GroupBy(w => w.Item1))
        {
            var chain = harness.Devnet.Deployment.Chain(group.Key);
            var rpc = new JsonRpcClient(http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance);
            foreach (var header in await rpc.GetHeadersAsync(group.Select(g => (ulong)g.Item2).ToList(), ct))
            {
                result[(group.Key, (long)header.Number)] = header.Timestamp;
            }
        }

        return result;
    }
}
