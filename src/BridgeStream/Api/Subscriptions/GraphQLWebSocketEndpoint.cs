using BridgeStream.Api.Access;
using GraphQL.SystemTextJson;

namespace BridgeStream.Api.Subscriptions;

/// <summary>
/// Accepts WebSocket connections on /graphql that speak the graphql-ws protocol (subprotocol
/// <c>graphql-transport-ws</c>). An API key in the upgrade request's X-Api-Key header is checked before the
/// upgrade; without one the key may come in the connection_init payload (browsers cannot set WebSocket headers).
/// </summary>
internal sealed class GraphQLWebSocketEndpoint(
    GraphQLExecutor executor, GraphQLSerializer serializer, ApiAccessGate gate, GraphQLHttpHandler http, ILoggerFactory loggers)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            await http.WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest,
                $"WebSocket clients must ask for the '{SubProtocol}' subprotocol (the graphql-ws protocol).");
            return;
        }

        Caller? caller = null;
        var presentedKey = context.Request.Headers[ApiAccessGate.HeaderName].ToString();
        if (presentedKey.Length > 0 || gate.Identify(null).Allowed)
        {
            var access = gate.Admit(presentedKey);
            if (!access.Allowed)
            {
                await http.WriteAccessDeniedAsync(context, access);
                return;
            }

            caller = access.Caller;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol);
        var session = new GraphQLWebSocketSession(
            socket, executor, serializer, gate, caller, context.RequestServices, loggers.CreateLogger<GraphQLWebSocketSession>());
        await session.RunAsync(context.RequestAborted);
    }
}
