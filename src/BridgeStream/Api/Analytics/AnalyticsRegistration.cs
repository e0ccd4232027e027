using BridgeStream.Analytics;
using BridgeStream.Api.Analytics;
using ClickHouse.Driver;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api;

/// <summary>The analytics part of the API: its queries, the asset registry written at start, the /dashboard page.</summary>
public static class AnalyticsRegistration
{
    public static IServiceCollection AddBridgeStreamAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalyticsOptions>()
            .Bind(configuration.GetSection(AnalyticsOptions.Section))
            .Validate(options => AssetRegistry.Validate(options).Count == 0, "Invalid Analytics configuration (asset or chain registry entries).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new AnalyticsQueries(
            provider.GetRequiredService<ClickHouseClient>(),
            provider.GetRequiredService<IOptions<ApiOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddScoped<SourceFinalityLoader>();
        services.TryAddSingleton<AnalyticsReferenceData>();
        services.AddHostedService(provider => provider.GetRequiredService<AnalyticsReferenceData>());
        return services;
    }

    public static IEndpointRouteBuilder MapAnalyticsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DashboardPage.Path, DashboardPage.ServeAsync);
        return endpoints;
    }
}
