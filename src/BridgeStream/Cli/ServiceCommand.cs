using BridgeStream.Alerting;
using BridgeStream.Api;
using BridgeStream.Hosting;

namespace BridgeStream.Cli;

/// <summary>`ingest`, `process` and `api`: each part as its own process, against configured (or another process's embedded) servers.</summary>
internal static class ServiceCommand
{
    public static async Task<int> RunAsync(string part, string[] args)
    {
        var builder = BridgeStreamHost.CreateBuilder(args, null, part == "api" ? "http://127.0.0.1:8080" : "http://127.0.0.1:0");
        var configuration = builder.Configuration;
        builder.Services.AddBridgeStreamStorage(configuration);
        switch (part)
        {
            case "ingest":
                builder.Services.AddBridgeStreamIngestion(configuration);
                break;
            case "process":
                builder.Services.AddBridgeStreamProcessing();
                builder.Services.AddBridgeStreamAlerting(configuration);
                break;
            default:
                builder.Services.AddBridgeStreamApi(configuration);
                break;
        }

        var app = builder.Build();
        await BridgeStreamHost.PrepareStorageAsync(configuration, app.Services.GetRequiredService<ILoggerFactory>(), CancellationToken.None).ConfigureAwait(false);
        app.MapOperationalEndpoints();
        if (part == "api")
        {
            app.MapBridgeStreamApi();
        }

        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
