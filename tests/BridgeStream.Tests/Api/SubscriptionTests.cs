using System.Net;
using System.Net.WebSockets;
using BridgeStream.Api.Subscriptions;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using Microsoft.Extensions.DependencyInjection;

namespace BridgeStream.Tests.Api;

/// <summary><c>messageUpdated</c> over a real WebSocket (graphql-transport-ws) fed by the shared ClickHouse poller.</summary>
public sealed class SubscriptionTests(EmbeddedClickHouseFixture clickHouse)
{
    private const string Subscription = """
        subscription($filter: MessageFilter) { messageUpdated(filter: $filter) { id status latencySeconds } }
        """;

    [Fact]
    public async Task A_subscriber_receives_the_matching_rows_written_after_it_subscribed()
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;
        await using var client = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await client.InitialiseAsync();
        await client.SendAsync(new { id = "s1", type = "subscribe", payload = new { query = Subscription, variables = new { filter = new { status = "DELIVERED" } } } });
        await PingAsync(client); // the server handles messages in order: after the pong, the subscription is listening

        var now = DateTime.UtcNow;
        await MessageRow.InsertAsync(database,
            new MessageRow(MessageRow.IdFor(1), "SENT", 1, 10, now) { UpdatedAt = now },
            new MessageRow(MessageRow.IdFor(2), "DELIVERED", 1, 10, now) { DeliveredAt = now.AddSeconds(12), UpdatedAt = now.AddMilliseconds(1) });

        var next = await client.ReceiveAsync("next");
        Assert.Equal("s1", next.GetProperty("id").GetString());
        var message = next.GetProperty("payload").GetProperty("data").GetProperty("messageUpdated");
        Assert.Equal(MessageRow.IdFor(2), message.GetProperty("id").GetString());
        Assert.Equal(12, message.GetProperty("latencySeconds").GetDouble());

        await client.SendAsync(new { id = "s1", type = "complete" });
        await PingAsync(client);
        Assert.Equal(0, api.Services.GetRequiredService<MessageUpdatePoller>().ListenerCount);
    }

    [Fact]
    public async Task Two_subscribers_share_one_poller_and_each_gets_the_update()
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;
        await using var first = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await using var second = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        foreach (var client in new[] { first, second })
        {
            await client.InitialiseAsync();
            await client.SendAsync(new { id = "x", type = "subscribe", payload = new { query = Subscription } });
            await PingAsync(client);
        }

        Assert.Equal(2, api.Services.GetRequiredService<MessageUpdatePoller>().ListenerCount);
        var now = DateTime.UtcNow;
        await MessageRow.InsertAsync(database, new MessageRow(MessageRow.IdFor(3), "SENT", 1, 10, now) { UpdatedAt = now });

        foreach (var client in new[] { first, second })
        {
            var next = await client.ReceiveAsync("next");
            Assert.Equal(MessageRow.IdFor(3), next.GetProperty("payload").GetProperty("data").GetProperty("messageUpdated").GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Queries_also_run_over_the_socket_with_next_then_complete()
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;
        await using var client = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await client.InitialiseAsync();

        await client.SendAsync(new { id = "q", type = "subscribe", payload = new { query = "{ messages { totalCount } }" } });

        var next = await client.ReceiveAsync("next");
        Assert.Equal(0, next.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("totalCount").GetInt64());
        Assert.Equal("q", (await client.ReceiveAsync("complete")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_invalid_subscription_gets_an_error_message_and_the_connection_stays_usable()
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;
        await using var client = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await client.InitialiseAsync();

        await client.SendAsync(new { id = "bad", type = "subscribe", payload = new { query = "subscription { messageUpdated(filter: { sender: \"0x12\" }) { id } }" } });

        var error = await client.ReceiveAsync("error");
        Assert.Equal("bad", error.GetProperty("id").GetString());
        var text = error.GetProperty("payload")[0].GetProperty("message").GetString();
        Assert.Contains("'sender'", text, StringComparison.Ordinal);
        Assert.Contains("A 20-byte address: 0x followed by 40 hex digits", text, StringComparison.Ordinal);
        await PingAsync(client);
    }

    [Theory]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":"{ messages { totalCount } }"}}""", 4401)] // before connection_init
    [InlineData("""not json""", 4400)]
    [InlineData("""{"type":"nonsense"}""", 4400)]
    public async Task Protocol_violations_close_the_socket_with_the_protocol_code(string message, int code)
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;
        await using var client = await GraphQLWebSocketClient.ConnectAsync(api.Address);

        await client.SendTextAsync(message);

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus)code, client.CloseStatus);
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429_and_a_duplicate_id_with_4409()
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;
        await using var twiceInit = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await twiceInit.InitialiseAsync();
        await twiceInit.SendAsync(new { type = "connection_init" });
        Assert.Null(await twiceInit.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus)4429, twiceInit.CloseStatus);

        await using var duplicate = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await duplicate.InitialiseAsync();
        await duplicate.SendAsync(new { id = "same", type = "subscribe", payload = new { query = Subscription } });
        await duplicate.SendAsync(new { id = "same", type = "subscribe", payload = new { query = Subscription } });
        Assert.Null(await duplicate.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus)4409, duplicate.CloseStatus);
    }

    [Fact]
    public async Task A_WebSocket_without_the_graphql_transport_ws_subprotocol_is_refused()
    {
        var (api, database) = await StartAsync();
        await using var _ = api;
        using var __ = database;

        var failure = await Assert.ThrowsAsync<WebSocketException>(() => GraphQLWebSocketClient.ConnectAsync(api.Address, subProtocol: "graphql-ws"));

        Assert.Contains(((int)HttpStatusCode.BadRequest).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    private static async Task PingAsync(GraphQLWebSocketClient client)
    {
        await client.SendAsync(new { type = "ping" });
        await client.ReceiveAsync("pong");
    }

    private async Task<(ApiHost Api, ClickHouseClient Database)> StartAsync()
    {
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_subscriptions");
        return (await ApiHost.StartAsync(connectionString), new ClickHouseClient(connectionString));
    }
}
