using System.Numerics;
using System.Text.Json;

namespace BridgeStream.Tests.Api;

/// <summary>Each filter and each ordering of <c>messages</c>, walked page by page, against the seeded rows.</summary>
public sealed class FilterAndOrderTests(SeededMessagesApi seeded) : IClassFixture<SeededMessagesApi>
{
    private const string PageQuery = """
        query Page($first: Int, $after: String, $filter: MessageFilter, $orderBy: MessageOrder) {
          messages(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
            totalCount
            edges { cursor node { id } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private static readonly DateTime TenMinutes = MessageRow.Epoch.AddMinutes(10);
    private static readonly DateTime TwentyMinutes = MessageRow.Epoch.AddMinutes(20);

    public static TheoryData<string> FilterNames => [.. Filters.Keys];

    private static readonly Dictionary<string, (object Filter, Func<MessageRow, bool> Expected)> Filters = new()
    {
        ["protocol"] = (new { protocol = "OP_STACK_MESSENGER" }, _ => true),
        ["route"] = (new { sourceChainId = 10, destinationChainId = 1 }, row => row is { SourceChainId: 10, DestinationChainId: 1 }),
        ["status"] = (new { status = "SENT" }, row => row.Status == "SENT"),
        ["sender"] = (new { sender = SeededMessagesApi.OddSender.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal) },
            row => row.Sender == SeededMessagesApi.OddSender),
        ["target"] = (new { target = SeededMessagesApi.ThirdTarget }, row => row.Target == SeededMessagesApi.ThirdTarget),
        ["sentAfter"] = (new { sentAfter = "2026-01-01T00:10:00.010Z" }, row => row.SentAt >= TenMinutes.AddMilliseconds(10)),
        ["sentBefore"] = (new { sentBefore = "2026-01-01T00:20:00.020Z" }, row => row.SentAt < TwentyMinutes.AddMilliseconds(20)),
        ["timeRange"] = (new { sentAfter = "2026-01-01T00:10:00.010Z", sentBefore = "2026-01-01T00:20:00.020Z" },
            row => row.SentAt >= TenMinutes.AddMilliseconds(10) && row.SentAt < TwentyMinutes.AddMilliseconds(20)),
        ["minValue"] = (new { minValue = SeededMessagesApi.LargeValue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            row => row.Value >= SeededMessagesApi.LargeValue),
        ["minValueAsIntLiteral"] = (new { minValue = "3000000000000000001" }, row => row.Value > new BigInteger(3_000_000_000_000_000_000)),
        ["minLatencySeconds"] = (new { minLatencySeconds = 99.0 }, row => row.LatencySeconds > 99.0),
        ["combined"] = (new { status = "DELIVERED", sender = "0x" + new string('1', 40), minLatencySeconds = 95.5 },
            row => row is { Status: "DELIVERED" } && row.Sender == "0x" + new string('1', 40) && row.LatencySeconds > 95.5),
    };

    private ApiHost Api => seeded.Api;

    [Theory]
    [MemberData(nameof(FilterNames))]
    public async Task Each_filter_returns_exactly_the_matching_messages_with_their_count(string name)
    {
        var (filter, expected) = Filters[name];

        var (ids, totalCount) = await WalkAsync(filter, "SENT_AT_DESC", pageSize: 4);

        var expectedIds = seeded.NewestFirst.Where(expected).Select(row => row.Id).ToList();
        Assert.NotEmpty(expectedIds);
        Assert.True(expectedIds.Count < seeded.Rows.Count || name == "protocol", "a filter that matches everything tests nothing");
        Assert.Equal(expectedIds, ids);
        Assert.Equal(expectedIds.Count, totalCount);
    }

    [Fact]
    public async Task Oldest_first_walks_every_message_in_ascending_order()
    {
        var (ids, _) = await WalkAsync(filter: null, "SENT_AT_ASC", pageSize: 4);

        var expected = seeded.Rows.OrderBy(row => row.SortTime).ThenBy(row => row.Id, StringComparer.Ordinal).Select(row => row.Id);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Slowest_first_walks_delivered_by_latency_then_the_rest()
    {
        var (ids, _) = await WalkAsync(filter: null, "LATENCY_DESC", pageSize: 3);

        var expected = seeded.Rows
            .OrderByDescending(row => row.LatencySeconds ?? -0.001)
            .ThenByDescending(row => row.Id, StringComparer.Ordinal)
            .Select(row => row.Id);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Stuck_on_a_route_oldest_first()
    {
        var filter = new { status = "SENT", sourceChainId = 10, destinationChainId = 1 };

        var (ids, total) = await WalkAsync(filter, "SENT_AT_ASC", pageSize: 2);

        var expected = seeded.Rows.Where(row => row is { Status: "SENT", SourceChainId: 10, DestinationChainId: 1 })
            .OrderBy(row => row.SortTime).Select(row => row.Id).ToList();
        Assert.True(expected.Count > 2);
        Assert.Equal(expected, ids);
        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task A_cursor_of_another_ordering_is_refused()
    {
        var first = (await Api.DataAsync(PageQuery, new { first = 2, orderBy = "LATENCY_DESC" })).GetProperty("messages");
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var error = await Api.SingleErrorAsync(PageQuery, new { first = 2, after = cursor, orderBy = "SENT_AT_ASC" });

        Assert.Equal("BAD_CURSOR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("messages", Assert.Single(error.GetProperty("path").EnumerateArray()).GetString());
    }

    [Theory]
    [InlineData("sender", "0x1234", "Address must be 0x followed by 40 hex digits")]
    [InlineData("target", "0xzz22222222222222222222222222222222222222", "Address must be 0x followed by 40 hex digits")]
    [InlineData("minValue", "-1", "BigInt must be a decimal uint256")]
    [InlineData("minValue", "1e18", "BigInt must be a decimal uint256")]
    [InlineData("minValue", "115792089237316195423570985008687907853269984665640564039457584007913129639936", "BigInt must be a decimal uint256")]
    [InlineData("sentAfter", "last tuesday", "DateTime")]
    public async Task Bad_scalar_values_in_variables_say_what_is_wrong(string field, string value, string expected)
    {
        var filter = new Dictionary<string, object> { [field] = value };

        var error = await Api.SingleErrorAsync(PageQuery, new { filter });

        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetProperty("extensions").TryGetProperty("code", out _), error.ToString());
        Assert.NotEmpty(error.GetProperty("locations").EnumerateArray());
    }

    [Fact]
    public async Task Bad_scalar_literal_is_a_validation_error_at_its_location()
    {
        var error = await Api.SingleErrorAsync("{\n  messageByTransaction(chainId: 1, txHash: \"0xabc\") { id }\n}");

        Assert.Contains("Expected type 'Hash', found \"0xabc\": A 32-byte hash: 0x followed by 64 hex digits", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(error.GetProperty("locations").EnumerateArray());
        Assert.Equal(2, location.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("extensions").TryGetProperty("code", out _));
    }

    private async Task<(List<string> Ids, long TotalCount)> WalkAsync(object? filter, string orderBy, int pageSize)
    {
        var ids = new List<string>();
        string? after = null;
        long total = -1;
        for (var page = 0; page < 100; page++)
        {
            var messages = (await Api.DataAsync(PageQuery, new { first = pageSize, after, filter, orderBy })).GetProperty("messages");
            total = messages.GetProperty("totalCount").GetInt64();
            ids.AddRange(messages.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node").GetProperty("id").GetString()!));
            var pageInfo = messages.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                return (ids, total);
            }

            after = pageInfo.GetProperty("endCursor").GetString();
        }

        throw new InvalidOperationException("more than 100 pages");
    }
}
