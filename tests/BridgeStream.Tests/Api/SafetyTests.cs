using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>Limits (depth, complexity, page size), API keys and rate limits, SQL injection attempts, the IDE page.</summary>
public sealed partial class SafetyTests(SeededMessagesApi seeded, EmbeddedClickHouseFixture clickHouse) : IClassFixture<SeededMessagesApi>
{
    private const string AllMessageFields = """
        id protocol status sourceChainId destinationChainId sender target value nonce sourceTxHash sourceBlockNumber
        destinationTxHash destinationBlockNumber sentAt deliveredAt latencySeconds failedAttempts
        history { kind chainId blockNumber blockHash txHash logIndex time }
        """;

    private const string StandardIntrospection = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    private ApiHost Api => seeded.Api;

    [Fact]
    public async Task A_full_page_of_500_with_every_field_and_the_standard_introspection_query_are_allowed()
    {
        await Api.DataAsync($$"""{ messages(first: 500) { totalCount edges { cursor node { {{AllMessageFields}} } } } }""");
        var schema = (await Api.DataAsync(StandardIntrospection)).GetProperty("__schema");

        Assert.Equal("Subscription", schema.GetProperty("subscriptionType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Several_large_pages_in_one_document_are_rejected_for_complexity_before_anything_runs()
    {
        var aliases = string.Concat(Enumerable.Range(0, 4).Select(i => $"p{i}: messages(first: 500) {{ edges {{ node {{ {AllMessageFields} }} }} }}\n"));
        var before = Api.Queries.QueryCount;

        var error = await Api.SingleErrorAsync("{ " + aliases + " }");

        Assert.Contains("complexity", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(error.GetProperty("extensions").TryGetProperty("code", out _));
        Assert.Equal(before, Api.Queries.QueryCount);
    }

    [Fact]
    public async Task Abusive_introspection_is_rejected_for_complexity()
    {
        var wide = "{ " + string.Concat(Enumerable.Range(0, 30).Select(i => $"s{i}: __schema {{ types {{ fields {{ args {{ type {{ fields {{ name }} }} }} }} }} }}\n")) + " }";

        var error = await Api.SingleErrorAsync(wide);

        Assert.Contains("complexity", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("x'); DROP TABLE messages; --")]
    [InlineData("0x01\\' OR \\'1\\'=\\'1")]
    [InlineData("{id:String}")]
    [InlineData("\u0000\n\t\\")]
    public async Task Injection_through_every_string_argument_finds_nothing_or_is_refused_and_harms_nothing(string hostile)
    {
        var rowsBefore = await RowCountsAsync();
        var cursorWithHostileId = Convert.ToBase64String(Encoding.UTF8.GetBytes("0:0:" + hostile));
        var requests = new (string Query, object Variables)[]
        {
            ("query($v: ID!) { message(id: $v) { id } }", new { v = hostile }),
            ("query($v: String) { messages(after: $v) { edges { node { id } } } }", new { v = hostile }),
            ("query($v: String) { messages(after: $v) { edges { node { id } } } }", new { v = cursorWithHostileId }),
            ("query($v: Hash!) { messageByTransaction(chainId: 1, txHash: $v) { id } }", new { v = hostile }),
            ("query($v: Address) { messages(filter: { sender: $v }) { totalCount } }", new { v = hostile }),
            ("query($v: Address) { messages(filter: { target: $v }) { totalCount } }", new { v = hostile }),
            ("query($v: BigInt) { messages(filter: { minValue: $v }) { totalCount } }", new { v = hostile }),
            ("query($v: DateTime) { messages(filter: { sentAfter: $v }) { totalCount } }", new { v = hostile }),
            ("query($v: MessageStatus) { messages(filter: { status: $v }) { totalCount } }", new { v = hostile }),
        };

        foreach (var (query, variables) in requests)
        {
            var root = await Api.QueryAsync(query, variables);
            if (root.TryGetProperty("errors", out var errors))
            {
                Assert.All(errors.EnumerateArray(), error => Assert.True(error.GetProperty("extensions").TryGetProperty("code", out _), error.ToString()));
                Assert.DoesNotContain("Code: ", errors.ToString(), StringComparison.Ordinal); // no ClickHouse error leaked: it never saw SQL
                continue;
            }

            Assert.DoesNotContain(seeded.Rows[0].Id, root.GetProperty("data").ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(rowsBefore, await RowCountsAsync());
    }

    [Fact]
    public async Task Without_a_key_when_keys_are_required_the_answer_is_401_with_a_GraphQL_error()
    {
        await using var api = await KeyedApiAsync(requestsPerMinute: 100);

        var (missing, missingBody) = await PostAsync(api, apiKey: null);
        var (wrong, wrongBody) = await PostAsync(api, apiKey: "not-the-key");
        var (right, rightBody) = await PostAsync(api, apiKey: "s3cret-analyst-key");

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal("UNAUTHENTICATED", missingBody.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Contains("not hold a known API key", wrongBody.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.Equal(0, rightBody.GetProperty("data").GetProperty("messages").GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task A_key_over_its_requests_per_minute_gets_429_with_a_GraphQL_error()
    {
        await using var api = await KeyedApiAsync(requestsPerMinute: 3);

        var statuses = new List<HttpStatusCode>();
        JsonElement last = default;
        for (var i = 0; i < 4; i++)
        {
            (var status, last) = await PostAsync(api, "s3cret-analyst-key");
            statuses.Add(status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var error = last.GetProperty("errors")[0];
        Assert.Equal("RATE_LIMITED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("analyst", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(api, "other-team-key")).Status); // each key has its own budget
    }

    [Fact]
    public async Task WebSocket_clients_authenticate_with_the_header_or_the_connection_init_payload()
    {
        await using var api = await KeyedApiAsync(requestsPerMinute: 100);

        await using (var anonymous = await GraphQLWebSocketClient.ConnectAsync(api.Address))
        {
            await anonymous.SendAsync(new { type = "connection_init", payload = new { } });
            Assert.Null(await anonymous.ReceiveAsync());
            Assert.Equal((WebSocketCloseStatus)4403, anonymous.CloseStatus);
        }

        await using (var byPayload = await GraphQLWebSocketClient.ConnectAsync(api.Address))
        {
            await byPayload.InitialiseAsync(new Dictionary<string, string> { ["X-Api-Key"] = "s3cret-analyst-key" });
        }

        await using (var byHeader = await GraphQLWebSocketClient.ConnectAsync(api.Address, apiKey: "s3cret-analyst-key"))
        {
            await byHeader.InitialiseAsync();
        }

        await Assert.ThrowsAsync<WebSocketException>(() => GraphQLWebSocketClient.ConnectAsync(api.Address, apiKey: "wrong"));
    }

    [Fact]
    public async Task The_IDE_page_is_served_to_browsers_and_references_no_other_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await Api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<textarea id=\"query\"", html, StringComparison.Ordinal);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.DoesNotContain("src=\"//", html, StringComparison.Ordinal);
        Assert.Contains("Messages stuck on a route", html, StringComparison.Ordinal);
        Assert.Contains("Slowest deliveries this week", html, StringComparison.Ordinal);
        Assert.Contains("Message by transaction", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_example_query_of_the_IDE_page_is_valid_against_the_schema()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var variables = new Dictionary<string, object>
        {
            ["source"] = 1, ["destination"] = 10, ["since"] = "2026-01-01T00:00:00.000Z", ["chainId"] = 1,
            ["txHash"] = "0x" + new string('0', 64), ["minValue"] = "1000000000000000000", ["before"] = "2026-01-01T00:00:00.000Z",
        };

        var examples = ExampleQuery().Matches(html).Select(match => match.Groups[1].Value).ToList();

        Assert.True(examples.Count >= 5, $"found {examples.Count} examples");
        string[] analyticsExamples = ["routes(window: LAST_WEEK)", "fragmentation(asset: \"USDC\", window: LAST_30_DAYS)",
            "valueInFlight(groupBy: [PROOF_SYSTEM])", "rollupSettlementStatus {"];
        Assert.All(analyticsExamples, call => Assert.Contains(examples, query => query.Contains(call, StringComparison.Ordinal)));
        var executed = 0;
        foreach (var query in examples.Where(query => !query.TrimStart().StartsWith("subscription", StringComparison.Ordinal)))
        {
            await Api.DataAsync(query, variables);
            executed++;
        }

        // Every example but the one subscription ran (a subscription needs a WebSocket: SubscriptionTests covers it).
        Assert.Equal(examples.Count - 1, executed);
    }

    [Fact]
    public async Task Api_clients_asking_GET_for_json_still_get_GraphQL()
    {
        using var response = await Api.Http.GetAsync("/graphql?query=%7B%20messages%20%7B%20totalCount%20%7D%20%7D", TestContext.Current.CancellationToken);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<ApiHost> KeyedApiAsync(int requestsPerMinute)
    {
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_keys");
        return await ApiHost.StartAsync(connectionString, new Dictionary<string, string?>
        {
            ["Api:AllowAnonymous"] = "false",
            ["Api:Keys:0:Name"] = "analyst",
            ["Api:Keys:0:Key"] = "s3cret-analyst-key",
            ["Api:Keys:0:RequestsPerMinute"] = requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:Keys:1:Name"] = "other-team",
            ["Api:Keys:1:Key"] = "other-team-key",
            ["Api:Keys:1:RequestsPerMinute"] = "100",
        });
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(ApiHost api, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ messages { totalCount } }" }) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    private async Task<(long Messages, long Events)> RowCountsAsync()
    {
        var messages = await seeded.ClickHouse.ExecuteScalarAsync("SELECT count() FROM messages", cancellationToken: TestContext.Current.CancellationToken);
        var events = await seeded.ClickHouse.ExecuteScalarAsync("SELECT count() FROM bridge_events", cancellationToken: TestContext.Current.CancellationToken);
        return (Convert.ToInt64(messages, System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(events, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"query:\s*`([^`]*)`")]
    private static partial Regex ExampleQuery();
}
