using ClickHouse.Driver;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BridgeStream.ClickHouse;

/// <summary>Registers the application's single <see cref="ClickHouseClient"/> (thread-safe, pools HTTP connections).</summary>
public static class ClickHouseClientRegistration
{
    public static IServiceCollection AddClickHouseClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClickHouseOptions>()
            .Bind(configuration.GetSection(ClickHouseOptions.Section))
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                $"{ClickHouseOptions.Section}:{nameof(ClickHouseOptions.ConnectionString)} is not set.")
            .ValidateOnStart();
        // TryAdd: every component that needs ClickHouse calls this; the first registration wins, so there is one client.
        services.TryAddSingleton(provider =>
            new ClickHouseClient(provider.GetRequiredService<IOptions<ClickHouseOptions>>().Value.ConnectionString));
        return services;
    }
}
