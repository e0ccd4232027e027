using System.Text.Json;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>Cursors keep their place when newer messages arrive between two page requests.</summary>
public sealed class PaginationWhileRowsArriveTests(EmbeddedClickHouseFixture clickHouse)
{
    private const string PageQuery = """
        query($after: String) {
          messages(first: 10, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
        }
        """;

    [Fact]
    public async Task Later_pages_are_unaffected_by_newer_rows()
    {
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_arrivals");
        using var database = new ClickHouseClient(connectionString);
        var original = Enumerable.Range(0, 25).Select(number => Message(number)).ToList();
        await MessageRow.InsertAsync(database, original);
        await using var api = await ApiHost.StartAsync(connectionString);

        var first = (await api.DataAsync(PageQuery)).GetProperty("messages");
        var newer = Enumerable.Range(100, 5).Select(number => Message(number)).ToList();
        await MessageRow.InsertAsync(database, newer);
        var second = (await api.DataAsync(PageQuery, new { after = EndCursor(first) })).GetProperty("messages");
        var third = (await api.DataAsync(PageQuery, new { after = EndCursor(second) })).GetProperty("messages");

        var expected = original.OrderByDescending(row => row.SortTime).Select(row => row.Id);
        Assert.Equal(expected, [.. Ids(first), .. Ids(second), .. Ids(third)]);
        Assert.False(third.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(30, third.GetProperty("totalCount").GetInt64());

        var restart = (await api.DataAsync(PageQuery)).GetProperty("messages");
        Assert.Equal(newer.OrderByDescending(row => row.SortTime).Select(row => row.Id), Ids(restart).Take(5));
    }

    [Fact]
    public async Task Oldest_first_pages_take_in_rows_that_arrive_ahead_of_the_cursor_once_each()
    {
        const string query = """
            query($after: String) {
              messages(first: 10, after: $after, orderBy: SENT_AT_ASC) { edges { node { id } } pageInfo { hasNextPage endCursor } }
            }
            """;
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_arrivals_asc");
        using var database = new ClickHouseClient(connectionString);
        var original = Enumerable.Range(0, 25).Select(number => Message(number)).ToList();
        await MessageRow.InsertAsync(database, original);
        await using var api = await ApiHost.StartAsync(connectionString);

        var seen = new List<string>();
        string? after = null;
        var newer = new List<MessageRow>();
        var older = new List<MessageRow>();
        for (var page = 0; page < 20; page++)
        {
            var messages = (await api.DataAsync(query, new { after })).GetProperty("messages");
            seen.AddRange(Ids(messages));
            // After every page: a newer message (ahead of the cursor), an older one (behind it), a new version of a seen one.
            newer.Add(Message(100 + page));
            older.Add(Message(-1 - page));
            await MessageRow.InsertAsync(database, newer[^1], older[^1], Message(page) with { Status = "DELIVERED", Version = 2 });
            if (!messages.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = EndCursor(messages);
        }

        // Every original once, in order, then the newer ones that arrived before the walk reached the end; no older one.
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(original.Select(row => row.Id), seen.Take(original.Count));
        Assert.Equal(newer.Take(seen.Count - original.Count).Select(row => row.Id), seen.Skip(original.Count));
        Assert.DoesNotContain(seen, id => older.Any(row => row.Id == id));
    }

    [Fact]
    public async Task Slowest_first_pages_stay_sorted_and_never_repeat_while_deliveries_arrive()
    {
        const string query = """
            query($after: String) {
              messages(first: 4, after: $after, orderBy: LATENCY_DESC) { edges { node { id latencySeconds } } pageInfo { hasNextPage endCursor } }
            }
            """;
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_arrivals_latency");
        using var database = new ClickHouseClient(connectionString);
        var original = Enumerable.Range(0, 12).Select(number => Delivered(number, latencySeconds: 10 + number)).ToList();
        await MessageRow.InsertAsync(database, original);
        await using var api = await ApiHost.StartAsync(connectionString);

        var latencies = new List<double>();
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var messages = (await api.DataAsync(query, new { after })).GetProperty("messages");
            foreach (var node in messages.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node")))
            {
                seen.Add(node.GetProperty("id").GetString()!);
                latencies.Add(node.GetProperty("latencySeconds").GetDouble());
            }

            await MessageRow.InsertAsync(database, Delivered(200 + page, latencySeconds: 5 + (page * 3)));
            if (!messages.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = EndCursor(messages);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(latencies.OrderDescending(), latencies);
        Assert.All(original, row => Assert.Contains(row.Id, seen));
    }

    private static MessageRow Delivered(int number, double latencySeconds) =>
        Message(number) with { Status = "DELIVERED", DeliveredAt = Message(number).SentAt!.Value.AddSeconds(latencySeconds) };

    private static MessageRow Message(int number) =>
        new(MessageRow.IdFor(number), "SENT", 1, 10, MessageRow.Epoch.AddSeconds(number));

    private static string EndCursor(JsonElement messages) =>
        messages.GetProperty("pageInfo").GetProperty("endCursor").GetString()!;

    private static IEnumerable<string> Ids(JsonElement messages) =>
        messages.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node").GetProperty("id").GetString()!);
}
