using BridgeStream.Hosting;
using BridgeStream.Kafka;
using BridgeStream.Processing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BridgeStream.Alerting;

/// <summary>Adds the alerting to a processor host (`process`, `up`).</summary>
public static class AlertingRegistration
{
    /// <summary>
    /// The alerting engine as the correlator's observer, its rules (read and validated now: an invalid rules file or
    /// webhook list stops the start with every problem listed), the sinks and a health check. Needs the processing and
    /// the storage registrations too. Does nothing when Alerting:Enabled is false.
    /// </summary>
    public static IServiceCollection AddBridgeStreamAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AlertingOptions.Section).Get<AlertingOptions>() ?? new AlertingOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var problems = options.Validate().ToList();
        try
        {
            // Read now, so that an invalid file stops the start here with its problems, not later inside the host.
            AlertRulesFile.Load(options.ResolveRulesPath());
        }
        catch (AlertRulesException ex)
        {
            problems.Add(ex.Message);
        }

        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(problems);
        }

        services.AddOptions<AlertingOptions>().Bind(configuration.GetSection(AlertingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AlertMetrics>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton(provider => new AlertRulesProvider(
            options.ResolveRulesPath(), TimeSpan.FromMilliseconds(options.RulesPollMillis), provider.GetRequiredService<AlertMetrics>(),
            provider.GetRequiredService<ILogger<AlertRulesProvider>>()));
        services.TryAddSingleton(provider =>
        {
            var kafka = provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var sinks = new List<IAlertSink>();
            if (options.PublishToKafka)
            {
                sinks.Add(new KafkaAlertSink(kafka));
            }

            sinks.AddRange(options.Webhooks.Select(w => new WebhookSink(w)));
            return new AlertDispatcher(sinks, provider.GetRequiredService<AlertStore>(), provider.GetRequiredService<AlertMetrics>(), provider.GetRequiredService<ILogger<AlertDispatcher>>());
        });
        services.TryAddSingleton<AlertEngine>();
        services.RemoveAll<ICorrelatorObserver>();
        services.AddSingleton<ICorrelatorObserver>(provider => provider.GetRequiredService<AlertEngine>());
        services.AddHostedService(provider => provider.GetRequiredService<AlertEngine>());
        services.AddHealthChecks().AddCheck<AlertEngine>("alerting");
        return services;
    }
}
