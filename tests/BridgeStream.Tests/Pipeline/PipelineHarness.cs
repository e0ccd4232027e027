using System.Net.Http.Json;
using System.Text.Json;
using BridgeStream.Api;
using BridgeStream.Cli;
using BridgeStream.ClickHouse;
using BridgeStream.Devnet;
using BridgeStream.Embedded.Kafka;
using BridgeStream.Hosting;
using BridgeStream.Kafka;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// The real pipeline on the embedded default for one test class: devnet chains on anvil (automine), a mock Kafka
/// cluster, a fresh ClickHouse database, the ingestors and the API in this process, processors as child processes.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly List<WebApplication> _hosts = [];
    private readonly List<BridgeStreamProcess> _processors = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Log lines of the in-process ingestors and API.</summary>
    public CapturedLogs Logs { get; } = new();

    private PipelineHarness(MockKafkaCluster kafka, LocalDevnet devnet, Dictionary<string, string?> settings, ClickHouseClient clickHouse)
    {
        Kafka = kafka;
        Devnet = devnet;
        Settings = settings;
        ClickHouse = clickHouse;
        Simulator = new TrafficSimulator(devnet.Deployment, NullLogger.Instance);
    }

    public MockKafkaCluster Kafka { get; }

    public LocalDevnet Devnet { get; }

    public TrafficSimulator Simulator { get; }

    public Dictionary<string, string?> Settings { get; }

    public ClickHouseClient ClickHouse { get; }

    public Uri? ApiBase { get; private set; }

    /// <param name="rollups">The devnet's rollups; two OP Stack ones (901, 902) by default.</param>
    /// <param name="challengeWindowSeconds">The rollups' challenge window; null keeps the devnet's compressed default.</param>
    public static async Task<PipelineHarness> StartAsync(
        EmbeddedClickHouseFixture clickHouse, string name, CancellationToken ct, int confirmationDepth = 0, IReadOnlyList<DevnetRollup>? rollups = null,
        long? challengeWindowSeconds = null)
    {
        var connectionString = await clickHouse.CreateDatabaseAsync(name);
        await new ClickHouseMigrator(connectionString).MigrateAsync(ct);
        var kafka = MockKafkaCluster.Start(3);
        var options = new KafkaOptions { EventsTopic = $"events-{name}", DeadLetterTopic = $"deadletters-{name}", ConsumerGroup = $"group-{name}", Partitions = 6 };
        await new MockClusterTopicAdmin(kafka).EnsureTopicsAsync(global::BridgeStream.Embedded.EmbeddedInfrastructure.Topics(options), ct);
        var devnet = await LocalDevnet.StartAsync(
            new LocalDevnetOptions { L1Port = 0, Rollups = rollups ?? [(0, 901), (0, 902)], BlockTimeSeconds = null, ChallengeWindowSeconds = challengeWindowSeconds }, NullLoggerFactory.Instance, ct);
        var settings = new Dictionary<string, string?>(LocalDevnet.ChainConfiguration(devnet.Deployment))
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:EventsTopic"] = options.EventsTopic,
            ["Kafka:DeadLetterTopic"] = options.DeadLetterTopic,
            ["Kafka:ConsumerGroup"] = options.ConsumerGroup,
            ["ClickHouse:ConnectionString"] = connectionString,
            ["Logging:LogLevel:Default"] = "Information",
        };
        for (var i = 0; i < devnet.Deployment.Chains.Count; i++)
        {
            settings[$"Chains:{i}:ConfirmationDepth"] = confirmationDepth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new PipelineHarness(kafka, devnet, settings, new ClickHouseClient(connectionString));
    }

    /// <summary>The ingestors for every devnet chain, in this process (a real host with the real services).</summary>
    public async Task StartIngestAsync(CancellationToken ct)
    {
        var builder = BridgeStreamHost.CreateBuilder([], Settings, "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddBridgeStreamStorage(builder.Configuration);
        builder.Services.AddBridgeStreamIngestion(builder.Configuration);
        var app = builder.Build();
        app.MapOperationalEndpoints();
        await app.StartAsync(ct);
        _hosts.Add(app);
        IngestBase = new Uri(app.Urls.First());
    }

    /// <summary>The in-process ingest host's address (/healthz, /metrics).</summary>
    public Uri? IngestBase { get; private set; }

    public async Task<string> GetTextAsync(Uri uri, CancellationToken ct) => await _http.GetStringAsync(uri, ct);

    public async Task StartApiAsync(CancellationToken ct)
    {
        var builder = BridgeStreamHost.CreateBuilder([], Settings, "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddBridgeStreamStorage(builder.Configuration);
        builder.Services.AddBridgeStreamApi(builder.Configuration);
        var app = builder.Build();
        app.MapBridgeStreamApi();
        await app.StartAsync(ct);
        _hosts.Add(app);
        ApiBase = new Uri(app.Urls.First());
    }

    public BridgeStreamProcess StartProcessor(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var processor = BridgeStreamProcess.Start("process", settings);
        _processors.Add(processor);
        return processor;
    }

    /// <summary>`bridgestream ingest` as a child process (for kill tests); its log lines are in its output.</summary>
    public BridgeStreamProcess StartIngestProcess()
    {
        var ingest = BridgeStreamProcess.Start("ingest", Settings);
        _processors.Add(ingest);
        return ingest;
    }

    /// <summary>True when the consumer group has committed the end of every partition of the events topic.</summary>
    public bool GroupCaughtUp(string group)
    {
        var topic = Settings["Kafka:EventsTopic"]!;
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(
            new Confluent.Kafka.ConsumerConfig { BootstrapServers = Kafka.BootstrapServers, GroupId = group }).Build();
        var partitions = Enumerable.Range(0, 6).Select(p => new Confluent.Kafka.TopicPartition(topic, p)).ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        return committed.All(c => c.Offset.Value >= consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value);
    }

    public async Task<JsonElement> GraphQLAsync(string query, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(ApiBase!, "/graphql"), new { query }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        using var document = JsonDocument.Parse(body);
        Assert.False(document.RootElement.TryGetProperty("errors", out var errors), errors.ToString());
        return document.RootElement.GetProperty("data").Clone();
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken ct) => Convert.ToInt64(await ClickHouse.ExecuteScalarAsync(sql, null, null, ct));

    /// <summary>Polls until the condition holds; fails with the last observed value and the processors' output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}.\nIngest log:\n{Logs.Text}\nProcessor output:\n{string.Join("\n---\n", _processors.Select(p => p.Output))}");
            }

            await Task.Delay(100, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in _processors)
        {
            await processor.DisposeAsync();
        }

        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        await Devnet.DisposeAsync();
        Kafka.Dispose();
        ClickHouse.Dispose();
        _http.Dispose();
    }
}
