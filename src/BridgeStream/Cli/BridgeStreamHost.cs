using BridgeStream.ClickHouse;
using BridgeStream.Embedded;
using BridgeStream.Kafka;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace BridgeStream.Cli;

/// <summary>The web host every subcommand runs in: configuration, logging, /metrics and /healthz.</summary>
internal static class BridgeStreamHost
{
    public const string EnvironmentPrefix = "BRIDGESTREAM_";

    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? overrides, string defaultUrls)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? defaultUrls);
        builder.Logging.ClearProviders();
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            // Structured: one JSON object per line, with the message template's named values as fields.
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = Console.IsOutputRedirected ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
            });
        }
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapOperationalEndpoints(this WebApplication app)
    {
        app.MapMetrics("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

    // Status plus every check's data (per chain: heads, ingested block, lag, state, last error) as JSON.
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        });
    }

    /// <summary>Topics and tables exist before anything reads or writes them: idempotent, run at every start.</summary>
    public static async Task PrepareStorageAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct)
    {
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        if (!string.IsNullOrWhiteSpace(kafka.BootstrapServers))
        {
            using var admin = new KafkaTopicAdmin(new Confluent.Kafka.AdminClientConfig(new Dictionary<string, string>(kafka.Client)) { BootstrapServers = kafka.BootstrapServers });
            await admin.EnsureTopicsAsync(EmbeddedInfrastructure.Topics(kafka), ct).ConfigureAwait(false);
        }

        var connectionString = configuration[$"{ClickHouseOptions.Section}:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var applied = await new ClickHouseMigrator(connectionString, loggers.CreateLogger<ClickHouseMigrator>()).MigrateAsync(ct).ConfigureAwait(false);
            foreach (var name in applied)
            {
                loggers.CreateLogger("BridgeStream.Migrate").LogInformation("Applied ClickHouse migration {Name}", name);
            }
        }
    }
}
