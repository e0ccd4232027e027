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

    private static MessageRow Message(int number) =>
        new(MessageRow.IdFor(number), "SENT", 1, 10, MessageRow.Epoch.AddSeconds(number));

    private static string EndCursor(JsonElement messages) =>
        messages.GetProperty("pageInfo").GetProperty("endCursor").GetString()!;

    private static IEnumerable<string> Ids(JsonElement messages) =>
        messages.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node").GetProperty("id").GetString()!);
}
