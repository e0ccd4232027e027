using BridgeStream.ClickHouse;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BridgeStream.Api;

/// <summary>Wires the GraphQL API into an ASP.NET application: services first, then the endpoint.</summary>
public static class ApiRegistration
{
    public const string GraphQLPath = "/graphql";

    /// <summary>Needs configuration "ClickHouse:ConnectionString".</summary>
    public static IServiceCollection AddBridgeStreamApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClickHouseClient(configuration);
        services.TryAddSingleton<MessageQueries>();
        services.TryAddSingleton<BridgeStreamSchema>();
        services.TryAddSingleton<IDocumentExecuter>(_ => new DocumentExecuter());
        services.TryAddSingleton(_ => new GraphQLSerializer());
        services.TryAddSingleton<GraphQLExecutor>();
        services.TryAddSingleton<GraphQLHttpHandler>();
        return services;
    }

    /// <summary>POST and GET /graphql.</summary>
    public static IEndpointRouteBuilder MapBridgeStreamApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(GraphQLPath, http => Handler(http).HandlePostAsync(http));
        endpoints.MapGet(GraphQLPath, http => Handler(http).HandleGetAsync(http));
        return endpoints;
    }

    private static GraphQLHttpHandler Handler(HttpContext http) => http.RequestServices.GetRequiredService<GraphQLHttpHandler>();
}
