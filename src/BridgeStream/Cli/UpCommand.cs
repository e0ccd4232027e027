using BridgeStream.Alerting;
using BridgeStream.Api;
using BridgeStream.Devnet;
using BridgeStream.Embedded;
using BridgeStream.Hosting;

namespace BridgeStream.Cli;

/// <summary>
/// `up`: the whole pipeline in one supervised process tree on the embedded default: anvil chains with the bridge
/// contracts and simulated traffic, the mock Kafka cluster, chDB behind its HTTP endpoint, the ingestors, the
/// correlator and the GraphQL API. Ctrl-C stops everything, anvil processes included.
/// </summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var configuration = BridgeStreamHost.CreateBuilder(args, null, "http://127.0.0.1:8080").Configuration;

        Progress("Starting embedded Kafka (librdkafka mock cluster, 3 brokers) and ClickHouse (chDB)");
        await using var infrastructure = await EmbeddedInfrastructure.StartAsync(
            configuration, new EmbeddedInfrastructureOptions { FreshClickHouseData = true }, stop.Token).ConfigureAwait(false);

        Progress("Starting the devnet: L1 + 4 rollups (2 OP Stack, Arbitrum, Scroll) on anvil, compiling and deploying the bridge contracts");
        var devnetOptions = new LocalDevnetOptions();
        await using var devnet = await LocalDevnet.StartAsync(devnetOptions, loggers, stop.Token).ConfigureAwait(false);
        await devnet.Deployment.SaveAsync(Path.Combine(EmbeddedTools.DataRoot, "devnet", "deployment.json"), stop.Token).ConfigureAwait(false);

        var overrides = new Dictionary<string, string?>(infrastructure.Overrides);
        foreach (var (key, value) in LocalDevnet.ChainConfiguration(devnet.Deployment, devnetOptions.BlockTimeSeconds))
        {
            overrides[key] = value;
        }

        var builder = BridgeStreamHost.CreateBuilder(args, overrides, "http://127.0.0.1:8080");
        builder.Services.AddBridgeStreamStorage(builder.Configuration);
        builder.Services.AddBridgeStreamIngestion(builder.Configuration);
        builder.Services.AddBridgeStreamProcessing();
        builder.Services.AddBridgeStreamAlerting(builder.Configuration);
        builder.Services.AddBridgeStreamApi(builder.Configuration);
        builder.Services.AddSingleton(devnet.Deployment);
        builder.Services.AddSingleton(new SimulatorOptions
        {
            DepositsPerSecond = 2,
            SenderCount = 2,
            MinRelayDelay = TimeSpan.FromSeconds(2),
            MaxRelayDelay = TimeSpan.FromSeconds(20),
            FailFraction = 0.08,
            LostFraction = 0.03,
            ReplayDelay = TimeSpan.FromSeconds(30),
        });
        builder.Services.AddHostedService<TrafficSimulatorService>();
        var app = builder.Build();
        Progress("Applying the ClickHouse schema and creating Kafka topics");
        await BridgeStreamHost.PrepareStorageAsync(builder.Configuration, loggers, stop.Token).ConfigureAwait(false);
        app.MapOperationalEndpoints();
        app.MapBridgeStreamApi();
        await app.StartAsync(stop.Token).ConfigureAwait(false);

        PrintWhereEverythingIs(app, infrastructure, devnet.Deployment);
        try
        {
            // Ctrl-C arrives through `stop`; SIGTERM (service managers, `kill`) through the host's lifetime.
            using var running = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, app.Lifetime.ApplicationStopping);
            await Task.Delay(Timeout.Infinite, running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Progress("Stopping: API, correlator, ingestors, simulator, then ClickHouse, Kafka and the chains");
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        return 0;
    }

    private static void PrintWhereEverythingIs(WebApplication app, EmbeddedInfrastructure infrastructure, DevnetDeployment deployment)
    {
        var api = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:8080";
        Console.WriteLine();
        Console.WriteLine("BridgeStream is up.");
        Console.WriteLine($"  GraphQL           {api}/graphql");
        Console.WriteLine($"  Dashboard         {api}/dashboard");
        Console.WriteLine($"  Metrics / health  {api}/metrics  {api}/healthz");
        Console.WriteLine($"  ClickHouse HTTP   {infrastructure.ClickHouseEndpoint?.ToString() ?? "(configured server)"}");
        Console.WriteLine($"  Kafka bootstrap   {infrastructure.KafkaBootstrap ?? "(configured cluster)"}");
        foreach (var chain in deployment.Chains)
        {
            Console.WriteLine($"  Chain {chain.Name,-8}    {chain.RpcUrl}  (chain id {chain.ChainId})");
        }

        Console.WriteLine();
        Console.WriteLine("Try:");
        Console.WriteLine($$"""  curl -s {{api}}/graphql -H 'content-type: application/json' -d '{"query":"{ messages(first: 10, filter: { status: DELIVERED }) { totalCount edges { node { id status sourceChainId destinationChainId latencySeconds } } } }"}'""");
        Console.WriteLine("Ctrl-C stops everything.");
        Console.WriteLine();
    }

    private static void Progress(string message) => Console.WriteLine($"==> {message}");
}
