using BridgeStream.Alerting;
using BridgeStream.Api;
using BridgeStream.Hosting;

namespace BridgeStream.Cli;

/// <summary>
/// `ingest`, `process` and `api`: each part as its own process, against configured (or another process's embedded)
/// servers; `pipeline` runs all three in one process (a small deployment, and the bench's measured backfill).
/// </summary>
internal static class ServiceCommand
{
    public static async Task<int> RunAsync(string part, string[] args)
    {
        var serves = part is "api" or "pipeline";
        var builder = BridgeStreamHost.CreateBuilder(args, null, serves ? "http://127.0.0.1:8080" : "http://127.0.0.1:0");
        var configuration = builder.Configuration;
        builder.Services.AddBridgeStreamStorage(configuration);
        if (part is "ingest" or "pipeline")
        {
            builder.Services.AddBridgeStreamIngestion(configuration);
        }

        if (part is "process" or "pipeline")
        {
            builder.Services.AddBridgeStreamProcessing();
            builder.Services.AddBridgeStreamAlerting(configuration);
        }

        if (serves)
        {
            builder.Services.AddBridgeStreamApi(configuration);
        }

        var app = builder.Build();
        await BridgeStreamHost.PrepareStorageAsync(configuration, app.Services.GetRequiredService<ILoggerFactory>(), CancellationToken.None).ConfigureAwait(false);
        app.MapOperationalEndpoints();
        if (serves)
        {
            app.MapBridgeStreamApi();
        }

        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
