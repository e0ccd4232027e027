using BridgeStream.Api.Access;
using BridgeStream.Api.Alerts;
using BridgeStream.Api.Subscriptions;
using BridgeStream.ClickHouse;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace BridgeStream.Api;

/// <summary>Wires the GraphQL API into an ASP.NET application: services first, then the endpoint.</summary>
public static class ApiRegistration
{
    public const string GraphQLPath = "/graphql";

    /// <summary>Needs configuration "ClickHouse:ConnectionString"; reads the optional "Api" section (<see cref="ApiOptions"/>).</summary>
    public static IServiceCollection AddBridgeStreamApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClickHouseClient(configuration);
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(options => options.Keys.All(key => !string.IsNullOrWhiteSpace(key.Key) && key.RequestsPerMinute >= 0),
                "Every Api:Keys entry needs a non-empty Key and a RequestsPerMinute of 0 (no limit) or more.")
            .Validate(options => options.QueryTimeoutSeconds >= 1, "Api:QueryTimeoutSeconds must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<MessageQueries>();
        services.AddBridgeStreamAnalytics(configuration);
        services.TryAddScoped<MessageHistoryLoader>();
        services.TryAddSingleton<Settlement.SettlementQueries>();
        services.TryAddScoped<Settlement.SourceSettlementLoader>();
        services.TryAddSingleton<MessageUpdatePoller>();
        services.TryAddSingleton<ApiAccessGate>();
        services.TryAddSingleton<BridgeStreamSchema>();
        services.TryAddSingleton<IDocumentExecuter>(_ => new DocumentExecuter());
        services.TryAddSingleton(_ => new GraphQLSerializer());
        services.TryAddSingleton<GraphQLExecutor>();
        services.TryAddSingleton<GraphQLHttpHandler>();
        services.TryAddSingleton<GraphQLWebSocketEndpoint>();
        services.AddBridgeStreamAlertApi();
        return services;
    }

    /// <summary>
    /// POST and GET /graphql; GET from a browser (Accept: text/html, no query) serves the IDE page; WebSocket upgrades
    /// on /graphql speak graphql-transport-ws. On a <see cref="WebApplication"/> this also adds the WebSockets
    /// middleware; another host must call <c>app.UseWebSockets()</c> itself before mapping.
    /// </summary>
    public static IEndpointRouteBuilder MapBridgeStreamApi(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        }

        endpoints.MapPost(GraphQLPath, http => Handler(http).HandlePostAsync(http));
        endpoints.MapGet(GraphQLPath, HandleGetAsync);
        endpoints.MapAnalyticsDashboard();
        return endpoints;
    }

    private static Task HandleGetAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            return http.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(http);
        }

        if (!http.Request.Query.ContainsKey("query") && AcceptsHtml(http.Request))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";
            return http.Response.WriteAsync(IdePage.Html, http.RequestAborted);
        }

        return Handler(http).HandleGetAsync(http);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static GraphQLHttpHandler Handler(HttpContext http) => http.RequestServices.GetRequiredService<GraphQLHttpHandler>();
}
