using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace BridgeStream.Tests.Api;

/// <summary>A minimal graphql-transport-ws client for tests: send JSON messages, receive them one at a time.</summary>
internal sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket;

    private GraphQLWebSocketClient(ClientWebSocket socket) => this.socket = socket;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public string? CloseDescription => socket.CloseStatusDescription;

    public static async Task<GraphQLWebSocketClient> ConnectAsync(Uri httpAddress, string? apiKey = null, string subProtocol = "graphql-transport-ws")
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        if (apiKey is not null)
        {
            socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        }

        var address = new UriBuilder(httpAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        await socket.ConnectAsync(address, TestContext.Current.CancellationToken);
        return new GraphQLWebSocketClient(socket);
    }

    public Task SendAsync(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public Task SendTextAsync(string text) =>
        socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public async Task InitialiseAsync(object? payload = null)
    {
        await SendAsync(new { type = "connection_init", payload = payload ?? new { } });
        Assert.Equal("connection_ack", (await ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
            }
        }
    }

    /// <summary>Receives until the next message of <paramref name="type"/> (pings and others in between are skipped).</summary>
    public async Task<JsonElement> ReceiveAsync(string type)
    {
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new InvalidOperationException($"closed ({CloseStatus} {CloseDescription}) while waiting for '{type}'");
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        socket.Dispose();
    }
}
