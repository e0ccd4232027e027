using System.Text.Json;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary><c>Message.history</c> (batched) and <c>messageByTransaction</c> against rows in messages and bridge_events.</summary>
public sealed class HistoryAndTransactionTests(EmbeddedClickHouseFixture clickHouse)
{
    private const int PageSize = 100;
    private static readonly string SharedTx = BridgeEventRow.TxHashFor(7777);

    [Fact]
    public async Task A_page_of_100_messages_with_history_costs_two_ClickHouse_queries()
    {
        await using var api = await StartAsync();
        var before = api.Queries.QueryCount;

        var data = await api.DataAsync($$"""
            { messages(first: {{PageSize}}, orderBy: SENT_AT_ASC) {
                edges { node { id history { kind chainId blockNumber blockHash txHash logIndex time } } } } }
            """);

        Assert.Equal(2, api.Queries.QueryCount - before); // the page, then one IN query for every history
        var nodes = data.GetProperty("messages").GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node")).ToList();
        Assert.Equal(PageSize, nodes.Count);
        Assert.All(nodes, node => Assert.Equal(3, node.GetProperty("history").GetArrayLength()));
        var history = nodes[5].GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["MESSAGE_SENT", "MESSAGE_RELAY_FAILED", "MESSAGE_RELAYED"], history.Select(step => step.GetProperty("kind").GetString()));
        Assert.Equal([1L, 10L, 10L], history.Select(step => step.GetProperty("chainId").GetInt64()));
        var failed = history[1];
        Assert.Equal(BridgeEventRow.TxHashFor(1005), failed.GetProperty("txHash").GetString());
        Assert.Equal(2005, failed.GetProperty("blockNumber").GetInt64());
        Assert.Equal("0x" + 2005.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), failed.GetProperty("blockHash").GetString());
        Assert.Equal(1, failed.GetProperty("logIndex").GetInt64());
        Assert.Equal("2026-01-01T00:05:30.000Z", failed.GetProperty("time").GetString());
    }

    [Fact]
    public async Task A_message_without_events_has_an_empty_history()
    {
        await using var api = await StartAsync();

        var message = (await api.DataAsync($$"""{ message(id: "{{MessageRow.IdFor(9999)}}") { history { kind } } }""")).GetProperty("message");

        Assert.Equal(0, message.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task By_transaction_finds_sends_receives_and_retries_in_that_transaction_on_that_chain_only()
    {
        await using var api = await StartAsync();
        const string query = "query($chainId: Long!, $txHash: Hash!) { messageByTransaction(chainId: $chainId, txHash: $txHash) { id } }";

        var onL1 = await IdsAsync(api, query, new { chainId = 1, txHash = SharedTx.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal) });
        var onL2 = await IdsAsync(api, query, new { chainId = 10, txHash = SharedTx });
        var retry = await IdsAsync(api, query, new { chainId = 10, txHash = BridgeEventRow.TxHashFor(1005) });
        var nowhere = await IdsAsync(api, query, new { chainId = 5, txHash = SharedTx });

        Assert.Equal([MessageRow.IdFor(9998), MessageRow.IdFor(9999)], onL1);        // two sends batched in one L1 tx
        Assert.Equal([MessageRow.IdFor(42)], onL2);                                   // a relay that happened in a tx with the same hash on L2
        Assert.Equal([MessageRow.IdFor(5)], retry);                                   // only bridge_events knows the failed attempt's tx
        Assert.Empty(nowhere);
    }

    private static async Task<List<string>> IdsAsync(ApiHost api, string query, object variables) =>
        [.. (await api.DataAsync(query, variables)).GetProperty("messageByTransaction").EnumerateArray().Select(node => node.GetProperty("id").GetString()!)];

    private async Task<ApiHost> StartAsync()
    {
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_history");
        using var database = new ClickHouseClient(connectionString);
        var messages = Enumerable.Range(0, PageSize).Select(Delivered).ToList();
        messages[42] = messages[42] with { DestinationTxHash = SharedTx };
        messages.Add(new MessageRow(MessageRow.IdFor(9998), "SENT", 1, 10, MessageRow.Epoch.AddDays(1)) { SourceTxHash = SharedTx });
        messages.Add(new MessageRow(MessageRow.IdFor(9999), "SENT", 1, 10, MessageRow.Epoch.AddDays(1)) { SourceTxHash = SharedTx });
        await MessageRow.InsertAsync(database, messages);
        await BridgeEventRow.InsertAsync(database, Enumerable.Range(0, PageSize).SelectMany(Events));
        return await ApiHost.StartAsync(connectionString);
    }

    private static MessageRow Delivered(int number) =>
        new(MessageRow.IdFor(number), "DELIVERED", 1, 10, MessageRow.Epoch.AddMinutes(number))
        {
            DeliveredAt = MessageRow.Epoch.AddMinutes(number + 1),
            SourceTxHash = BridgeEventRow.TxHashFor(number),
            DestinationTxHash = BridgeEventRow.TxHashFor(2000 + number),
        };

    // Sent on chain 1, a failed relay attempt on chain 10 half a minute later, then the successful relay; inserted
    // out of order so that the history's ordering is the query's doing.
    private static IEnumerable<BridgeEventRow> Events(int number)
    {
        var sentAt = MessageRow.Epoch.AddMinutes(number);
        var id = MessageRow.IdFor(number);
        yield return new BridgeEventRow(id, "MESSAGE_RELAYED", 10, (ulong)(3000 + number), BridgeEventRow.TxHashFor(2000 + number), 0, sentAt.AddMinutes(1));
        yield return new BridgeEventRow(id, "MESSAGE_SENT", 1, (ulong)(100 + number), BridgeEventRow.TxHashFor(number), 3, sentAt);
        yield return new BridgeEventRow(id, "MESSAGE_RELAY_FAILED", 10, (ulong)(2000 + number), BridgeEventRow.TxHashFor(1000 + number), 1, sentAt.AddSeconds(30));
    }
}
