using BridgeStream.Api;
using BridgeStream.Cli;

namespace BridgeStream.Bench;

/// <summary>
/// The real API host (the services and endpoints `bridgestream api` maps) on a loopback port of its own, over a given
/// ClickHouse. The bench measures the queries, not the API's guards: the query timeout is raised and no rate limit
/// applies (anonymous access, 0 requests a minute = no limit, which are also the defaults).
/// </summary>
public sealed class BenchApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private BenchApiHost(WebApplication app)
    {
        this.app = app;
        Address = new Uri(app.Urls.First());
    }

    public Uri Address { get; }

    public static async Task<BenchApiHost> StartAsync(string connectionString, CancellationToken ct)
    {
        var builder = BridgeStreamHost.CreateBuilder([], new Dictionary<string, string?>
        {
            ["ClickHouse:ConnectionString"] = connectionString,
            ["Api:QueryTimeoutSeconds"] = "300",
            ["Api:AllowAnonymous"] = "true",
            ["Api:AnonymousRequestsPerMinute"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        }, "http://127.0.0.1:0");
        builder.Services.AddBridgeStreamApi(builder.Configuration);
        var app = builder.Build();
        app.MapBridgeStreamApi();
        await app.StartAsync(ct).ConfigureAwait(false);
        return new BenchApiHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
