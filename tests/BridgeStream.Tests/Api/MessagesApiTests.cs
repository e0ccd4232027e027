using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace BridgeStream.Tests.Api;

/// <summary>The GraphQL API over real HTTP against a real (embedded) ClickHouse holding <see cref="SeededMessagesApi"/>'s rows.</summary>
public sealed class MessagesApiTests(SeededMessagesApi seeded) : IClassFixture<SeededMessagesApi>
{
    private const string PageQuery = """
        query Page($first: Int, $after: String, $filter: MessageFilter) {
          messages(first: $first, after: $after, filter: $filter) {
            totalCount
            edges { cursor node { id status } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private ApiHost Api => seeded.Api;

    [Fact]
    public async Task Messages_are_newest_first_each_once_with_total_count()
    {
        var messages = (await Api.DataAsync(PageQuery, new { first = 100 })).GetProperty("messages");

        Assert.Equal(seeded.NewestFirst.Select(row => row.Id), NodeIds(messages));
        Assert.Equal(seeded.Rows.Count, messages.GetProperty("totalCount").GetInt64());
        Assert.False(messages.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task Message_by_id_shows_the_newest_version_only()
    {
        var message = (await Api.DataAsync(
            "query($id: ID!) { message(id: $id) { status failedAttempts deliveredAt latencySeconds } }",
            new { id = SeededMessagesApi.VersionedId })).GetProperty("message");

        Assert.Equal("DELIVERED", message.GetProperty("status").GetString());
        Assert.Equal(1, message.GetProperty("failedAttempts").GetInt32());
        Assert.Equal("2026-01-01T03:32:34.500Z", message.GetProperty("deliveredAt").GetString());
        Assert.Equal(754.5, message.GetProperty("latencySeconds").GetDouble());
    }

    [Theory]
    [InlineData("SENT")]
    [InlineData("DELIVERED")]
    [InlineData("FAILED")]
    [InlineData("RECEIVED_WITHOUT_SEND")]
    public async Task Status_filter_matches_the_newest_version_of_each_message(string status)
    {
        var messages = (await Api.DataAsync(PageQuery, new { first = 100, filter = new { status } })).GetProperty("messages");

        var expected = seeded.NewestFirst.Where(row => row.Status == status).Select(row => row.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, NodeIds(messages));
        Assert.Equal(expected.Count, messages.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task Filters_combine()
    {
        var filter = new { status = "FAILED", protocol = "OP_STACK_MESSENGER", sourceChainId = 10, destinationChainId = 1 };
        var messages = (await Api.DataAsync(PageQuery, new { first = 3, filter })).GetProperty("messages");

        var expected = seeded.NewestFirst
            .Where(row => row is { Status: "FAILED", SourceChainId: 10, DestinationChainId: 1 })
            .Select(row => row.Id).ToList();
        Assert.True(expected.Count > 3);
        Assert.Equal(expected.Take(3), NodeIds(messages));
        Assert.Equal(expected.Count, messages.GetProperty("totalCount").GetInt64());
        Assert.True(messages.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task Filter_matching_nothing_gives_an_empty_page()
    {
        var messages = (await Api.DataAsync(PageQuery, new { filter = new { sourceChainId = 424242 } })).GetProperty("messages");

        Assert.Empty(NodeIds(messages));
        Assert.Equal(0, messages.GetProperty("totalCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, messages.GetProperty("pageInfo").GetProperty("endCursor").ValueKind);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_duplicates()
    {
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var messages = (await Api.DataAsync(PageQuery, new { first = 7, after })).GetProperty("messages");
            seen.AddRange(NodeIds(messages));
            Assert.Equal(seeded.Rows.Count, messages.GetProperty("totalCount").GetInt64());
            var pageInfo = messages.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = pageInfo.GetProperty("endCursor").GetString();
        }

        Assert.Equal(seeded.NewestFirst.Select(row => row.Id), seen);
    }

    [Fact]
    public async Task Message_fields_are_mapped_from_the_row()
    {
        var data = await Api.DataAsync($$"""
            {
              sent: message(id: "{{MessageRow.IdFor(4)}}") {
                id protocol status sourceChainId destinationChainId sender target value nonce
                sourceTxHash sourceBlockNumber destinationTxHash destinationBlockNumber sentAt deliveredAt latencySeconds failedAttempts
              }
              unseenSend: message(id: "{{SeededMessagesApi.ReceivedWithoutSendId}}") { status sentAt sourceTxHash sourceBlockNumber deliveredAt }
            }
            """);

        var sent = data.GetProperty("sent");
        Assert.Equal(MessageRow.IdFor(4), sent.GetProperty("id").GetString());
        Assert.Equal("OP_STACK_MESSENGER", sent.GetProperty("protocol").GetString());
        Assert.Equal(1, sent.GetProperty("sourceChainId").GetInt64());
        Assert.Equal(10, sent.GetProperty("destinationChainId").GetInt64());
        Assert.Equal("0x" + new string('1', 40), sent.GetProperty("sender").GetString());
        Assert.Equal("3000000000000000000", sent.GetProperty("value").GetString());
        Assert.Equal((BigInteger.One << 240).ToString(System.Globalization.CultureInfo.InvariantCulture), sent.GetProperty("nonce").GetString());
        Assert.Equal(100, sent.GetProperty("sourceBlockNumber").GetInt64());
        Assert.Equal("2026-01-01T00:04:00.004Z", sent.GetProperty("sentAt").GetString());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("destinationBlockNumber").ValueKind);
        Assert.Equal("SENT", sent.GetProperty("status").GetString());
        Assert.Equal(0, sent.GetProperty("failedAttempts").GetInt32());

        var unseenSend = data.GetProperty("unseenSend");
        Assert.Equal("RECEIVED_WITHOUT_SEND", unseenSend.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unseenSend.GetProperty("sentAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, unseenSend.GetProperty("sourceTxHash").ValueKind);
        Assert.Equal(JsonValueKind.Null, unseenSend.GetProperty("sourceBlockNumber").ValueKind);
        Assert.Equal("2026-01-01T01:40:00.000Z", unseenSend.GetProperty("deliveredAt").GetString());
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000bad")]
    [InlineData("' OR 1=1 --")]
    [InlineData("x'); DROP TABLE messages; --")]
    [InlineData("0x01\\' OR \\'1\\'=\\'1")]
    public async Task Unknown_or_hostile_ids_find_nothing_and_harm_nothing(string id)
    {
        var data = await Api.DataAsync("query($id: ID!) { message(id: $id) { id } messages { totalCount } }", new { id });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("message").ValueKind);
        Assert.Equal(seeded.Rows.Count, data.GetProperty("messages").GetProperty("totalCount").GetInt64());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(501)]
    public async Task First_out_of_range_is_a_clear_error(int first)
    {
        var root = await Api.QueryAsync(PageQuery, new { first });

        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Contains("'first' must be between 1 and 500", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("BAD_FIRST", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("MTIz")] // base64 of "123": no separator
    public async Task A_foreign_cursor_is_a_clear_error(string after)
    {
        var root = await Api.QueryAsync(PageQuery, new { after });

        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_CURSOR", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_field_is_a_validation_error_with_its_location()
    {
        var root = await Api.QueryAsync("{\n  messages {\n    edges { node { id colour } }\n  }\n}");

        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Contains("colour", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(error.GetProperty("locations").EnumerateArray());
        Assert.Equal(3, location.GetProperty("line").GetInt32());
        Assert.Equal(23, location.GetProperty("column").GetInt32());
        Assert.False(root.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Too_deep_a_query_is_rejected()
    {
        var deep = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 8)) + "name"
            + string.Concat(Enumerable.Repeat(" } }", 8)) + " } } }";

        var root = await Api.QueryAsync(deep);

        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Contains("depth", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"query\": \"{ messages { totalCount } }\"")]
    [InlineData("not json at all")]
    [InlineData("{\"query\": 42}")]
    public async Task Malformed_json_is_400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Api.Http.PostAsync("/graphql", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.NotEmpty(root.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Missing_query_is_400()
    {
        using var content = new StringContent("{\"variables\": {}}", Encoding.UTF8, "application/json");
        using var response = await Api.Http.PostAsync("/graphql", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_runs_a_simple_query_with_variables()
    {
        var query = Uri.EscapeDataString("query($id: ID!) { message(id: $id) { id status } }");
        var variables = Uri.EscapeDataString(JsonSerializer.Serialize(new { id = MessageRow.IdFor(3) }));

        using var response = await Api.Http.GetAsync($"/graphql?query={query}&variables={variables}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("DELIVERED", root.GetProperty("data").GetProperty("message").GetProperty("status").GetString());
    }

    private static List<string> NodeIds(JsonElement messages) =>
        [.. messages.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node").GetProperty("id").GetString()!)];
}
