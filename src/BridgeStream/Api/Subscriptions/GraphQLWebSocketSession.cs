using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using BridgeStream.Api.Access;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;

namespace BridgeStream.Api.Subscriptions;

/// <summary>
/// One graphql-ws (graphql-transport-ws) connection: connection_init → connection_ack, then any number of
/// subscribe (answered with next… and complete, or error), complete from the client, ping/pong. Protocol
/// violations close the socket with the protocol's 44xx codes. Outgoing messages go through one queue so that
/// subscription events arriving on other threads are sent whole and in order.
/// </summary>
internal sealed partial class GraphQLWebSocketSession(
    WebSocket socket,
    GraphQLExecutor executor,
    GraphQLSerializer serializer,
    ApiAccessGate gate,
    Caller? caller,
    IServiceProvider services,
    ILogger<GraphQLWebSocketSession> logger)
{
    private const int MaxMessageBytes = 1 << 20;
    private const int MaxQueuedMessages = 10_000;
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<Outgoing> outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(MaxQueuedMessages) { SingleReader = true });
    private readonly ConcurrentDictionary<string, IDisposable?> operations = new(StringComparer.Ordinal);
    private Caller? identified = caller;
    private bool initialised;
    private CancellationTokenSource? connection;

    public async Task RunAsync(CancellationToken aborted)
    {
        connection = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var sending = SendLoopAsync(connection.Token);
        try
        {
            await ReceiveLoopAsync(connection.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            logger.LogDebug(exception, "WebSocket connection ended");
        }

        finally
        {
            foreach (var operation in operations.Values)
            {
                operation?.Dispose();
            }

            // Let queued messages and the closing frame go out, but not forever.
            await CloseAsync(WebSocketCloseStatus.NormalClosure, "");
            connection.CancelAfter(TimeSpan.FromSeconds(5));
            await sending.ContinueWith(_ => { }, TaskScheduler.Default);
            connection.Dispose();
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        using var initDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        initDeadline.CancelAfter(InitTimeout);
        while (socket.State == WebSocketState.Open)
        {
            string? text;
            try
            {
                text = await ReceiveTextAsync(initialised ? cancellationToken : initDeadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await CloseAsync(4408, "Connection initialisation timeout");
                return;
            }

            if (text is null || !await HandleAsync(text, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Handles one client message; false when the connection has been closed.</summary>
    private async Task<bool> HandleAsync(string text, CancellationToken cancellationToken)
    {
        if (!ProtocolMessage.TryParse(text, out var message))
        {
            return await CloseAsync(4400, "Invalid message: expected a JSON object with a string 'type'");
        }

        switch (message.Type)
        {
            case "connection_init":
                return await InitialiseAsync(message);
            case "ping":
                return Enqueue("""{"type":"pong"}""");
            case "pong":
                return true;
            case "subscribe" when !initialised:
                return await CloseAsync(4401, "Unauthorized");
            case "subscribe":
                return await SubscribeAsync(message, cancellationToken);
            case "complete" when message.Id is not null:
                if (operations.TryRemove(message.Id, out var operation))
                {
                    operation?.Dispose();
                }

                return true;
            default:
                return await CloseAsync(4400, $"Invalid message type '{Shorten(message.Type)}'");
        }
    }

    private async Task<bool> InitialiseAsync(ProtocolMessage message)
    {
        if (initialised)
        {
            return await CloseAsync(4429, "Too many initialisation requests");
        }

        if (identified is null)
        {
            var access = gate.Admit(message.PayloadString(ApiAccessGate.HeaderName));
            if (!access.Allowed)
            {
                return await CloseAsync(4403, $"Forbidden: {access.Message}");
            }

            identified = access.Caller;
        }

        initialised = true;
        return Enqueue("""{"type":"connection_ack"}""");
    }

    private async Task<bool> SubscribeAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.Id) || message.Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return await CloseAsync(4400, "Invalid message: 'subscribe' needs an 'id' and a 'payload' object");
        }

        var id = message.Id;
        if (!operations.TryAdd(id, null))
        {
            return await CloseAsync(4409, $"Subscriber for {Shorten(id)} already exists");
        }

        var access = GateAccess();
        if (!access.Allowed)
        {
            operations.TryRemove(id, out _);
            return EnqueueErrors(id, [new ExecutionError(access.Message!) { Code = access.Code }]);
        }

        GraphQLRequest? request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
        }
        catch (JsonException exception)
        {
            operations.TryRemove(id, out _);
            return EnqueueErrors(id, [new ExecutionError($"The subscribe payload is not a GraphQL request: {exception.Message}") { Code = "BAD_REQUEST" }]);
        }

        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            operations.TryRemove(id, out _);
            return EnqueueErrors(id, [new ExecutionError("The subscribe payload has no 'query'.") { Code = "BAD_REQUEST" }]);
        }

        var result = await executor.ExecuteAsync(request, services, cancellationToken);
        return Deliver(id, result);
    }

    private AccessDecision GateAccess() => ApiAccessGate.Admit(identified!);

    private bool Deliver(string id, ExecutionResult result)
    {
        if (result.Streams is { Count: > 0 } streams)
        {
            var subscription = streams.Values.First().Subscribe(new OperationObserver(this, id));
            if (!operations.TryUpdate(id, subscription, null))
            {
                subscription.Dispose(); // completed by the client (or the stream) meanwhile
            }

            return true;
        }

        operations.TryRemove(id, out _);
        if (result.Executed)
        {
            return EnqueueNext(id, result) && Enqueue(Envelope(id, "complete", null));
        }

        return EnqueueErrors(id, result.Errors ?? []);
    }

    private bool EnqueueNext(string id, ExecutionResult result) => Enqueue(Envelope(id, "next", serializer.Serialize(result)));

    private void Fail(string id, Exception error)
    {
        logger.LogWarning(error, "Subscription {Id} failed", id);
        operations.TryRemove(id, out _);
        EnqueueErrors(id, [new ExecutionError("The subscription's event source failed; see the server log.") { Code = "SUBSCRIPTION_FAILED" }]);
    }

    private bool EnqueueErrors(string id, IEnumerable<ExecutionError> errors)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(new ExecutionResult { Errors = [.. errors] }));
        return Enqueue(Envelope(id, "error", document.RootElement.GetProperty("errors").GetRawText()));
    }

    private bool Enqueue(string message)
    {
        if (outgoing.Writer.TryWrite(new Outgoing(message, null, null)))
        {
            return true;
        }

        logger.LogWarning("WebSocket client reads too slowly ({Queued} messages queued); closing", MaxQueuedMessages);
        connection?.Cancel();
        return false;
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            if (message.CloseStatus is { } status)
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(status, message.CloseReason, cancellationToken);
                }

                return;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(message.Text!), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    /// <summary>One whole text message; null when the client closed (or sent a binary or oversized message, after closing).</summary>
    private async Task<string?> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var received = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Binary || received.Length + result.Count > MaxMessageBytes)
            {
                await CloseAsync(4400, "Invalid message: text messages of at most 1 MiB only");
                return null;
            }

            received.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
            }
        }
    }

    /// <summary>Queues the closing frame behind the messages already queued (so it cannot overtake them); always false.</summary>
    private Task<bool> CloseAsync(int code, string reason) => CloseAsync((WebSocketCloseStatus)code, reason);

    private Task<bool> CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (outgoing.Writer.TryWrite(new Outgoing(null, status, reason)))
        {
            outgoing.Writer.TryComplete();
        }

        return Task.FromResult(false);
    }

    /// <summary>A text message to send, or the closing frame.</summary>
    private sealed record Outgoing(string? Text, WebSocketCloseStatus? CloseStatus, string? CloseReason);

    private static string Envelope(string id, string type, string? rawPayload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            if (rawPayload is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(rawPayload, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    /// <summary>Turns a GraphQL.NET event stream into next / error / complete messages for one operation id.</summary>
    private sealed class OperationObserver(GraphQLWebSocketSession session, string id) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => session.EnqueueNext(id, value);

        public void OnError(Exception error) => session.Fail(id, error);

        public void OnCompleted()
        {
            if (session.operations.TryRemove(id, out _))
            {
                session.Enqueue(Envelope(id, "complete", null));
            }
        }
    }
}
