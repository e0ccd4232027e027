using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using System.Net;
using BridgeStream.Api;
using BridgeStream.Cli;
using BridgeStream.Devnet;
using BridgeStream.Hosting;
using BridgeStream.Kafka;
using ClickHouse.Driver;

namespace BridgeStream.Bench;

[Flags]
public enum PipelineParts
{
    Ingest = 1,
    Process = 2,
    Api = 4,
}

/// <summary>
/// The real services (IngestionService, CorrelatorService, the GraphQL API) in a web host of their own, wired exactly as
/// `up` wires them, but to the bench's topics and database. Its ClickHouse client notes when it first sent a request.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FirstRequestClock _clickHouseClock;

    private PipelineHost(WebApplication app, FirstRequestClock clock)
    {
        _app = app;
        _clickHouseClock = clock;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Stopwatch timestamp of the first ClickHouse request the services made, or null before it.</summary>
    public long? FirstClickHouseRequest => _clickHouseClock.First;

    public Uri BaseAddress =>
        new(_app.Urls.First());

    /// <summary>The configuration of a bench pipeline: the devnet's chains, the phase's topics and database.</summary>
    public static Dictionary<string, string?> Settings(DevnetDeployment deployment, KafkaOptions kafka, string clickHouseConnectionString) =>
        new(LocalDevnet.ChainConfiguration(deployment))
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:EventsTopic"] = kafka.EventsTopic,
            ["Kafka:DeadLetterTopic"] = kafka.DeadLetterTopic,
            ["Kafka:HeadsTopic"] = kafka.HeadsTopic,
            ["Kafka:Partitions"] = kafka.Partitions.ToString(CultureInfo.InvariantCulture),
            ["Kafka:ConsumerGroup"] = kafka.ConsumerGroup,
            ["ClickHouse:ConnectionString"] = clickHouseConnectionString,
            ["Urls"] = "http://127.0.0.1:0",
        };

    public static PipelineHost Create(DevnetDeployment deployment, KafkaOptions kafka, string clickHouseConnectionString, PipelineParts parts)
    {
        var overrides = Settings(deployment, kafka, clickHouseConnectionString);
        var builder = BridgeStreamHost.CreateBuilder([], overrides, "http://127.0.0.1:0");
        var clock = new FirstRequestClock(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        // Registered before AddClickHouseClient, whose TryAdd then keeps this one: the same driver, with a clock in its pipeline.
        builder.Services.AddSingleton(new ClickHouseClient(clickHouseConnectionString, new HttpClient(clock)));
        builder.Services.AddBridgeStreamStorage(builder.Configuration);
        if (parts.HasFlag(PipelineParts.Ingest))
        {
            builder.Services.AddBridgeStreamIngestion(builder.Configuration);
        }

        if (parts.HasFlag(PipelineParts.Process))
        {
            builder.Services.AddBridgeStreamProcessing();
        }

        if (parts.HasFlag(PipelineParts.Api))
        {
            builder.Services.AddBridgeStreamApi(builder.Configuration);
        }

        var app = builder.Build();
        if (parts.HasFlag(PipelineParts.Api))
        {
            app.MapBridgeStreamApi();
        }

        return new PipelineHost(app, clock);
    }

    public Task StartAsync(CancellationToken ct) => _app.StartAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Notes the moment of the first request that passes through.</summary>
    private sealed class FirstRequestClock(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private long _first;

        public long? First => Interlocked.Read(ref _first) is var t && t != 0 ? t : null;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.CompareExchange(ref _first, System.Diagnostics.Stopwatch.GetTimestamp(), 0);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
