using BridgeStream.ClickHouse;
using BridgeStream.Ingest;
using BridgeStream.Kafka;
using BridgeStream.Processing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BridgeStream.Hosting;

/// <summary>One AddX per part of the system, eShop style; each subcommand adds the parts it runs.</summary>
public static class BridgeStreamServices
{
    /// <summary>Options, the ClickHouse client and store: what every part needs.</summary>
    public static IServiceCollection AddBridgeStreamStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddClickHouseClient(configuration);
        services.TryAddSingleton(ChainsConfiguration.Timing(configuration));
        services.TryAddSingleton<ClickHouseStore>();
        return services;
    }

    public static IServiceCollection AddBridgeStreamIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        // Read and validated here, once: a bad configuration fails at start with every problem listed.
        services.AddSingleton(ChainsConfiguration.Read(configuration));
        services.AddHttpClient("rpc", client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<EventPublisher>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<ChainStatus>();
        services.AddHealthChecks().AddCheck<ChainStatus>("chains");
        services.AddHostedService<IngestionService>();
        if (!Console.IsOutputRedirected && configuration.GetValue("Ingest:Progress", true))
        {
            services.AddHostedService<IngestProgressDisplay>();
        }
        return services;
    }

    public static IServiceCollection AddBridgeStreamProcessing(this IServiceCollection services)
    {
        services.TryAddSingleton<EventPublisher>();
        services.AddSingleton<ProcessorMetrics>();
        services.TryAddSingleton<ICorrelatorObserver, NoCorrelatorObserver>();
        services.AddHostedService<CorrelatorService>();
        return services;
    }
}
