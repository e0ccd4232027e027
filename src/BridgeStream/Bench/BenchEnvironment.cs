using BridgeStream.ClickHouse;
using BridgeStream.Devnet;
using BridgeStream.Embedded;
using BridgeStream.Embedded.ClickHouse;
using BridgeStream.Embedded.Kafka;
using BridgeStream.Kafka;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;

namespace BridgeStream.Bench;

/// <summary>
/// What every phase runs against: the mock Kafka cluster, one embedded ClickHouse (chDB allows one data folder per
/// process, so phases get their own database instead of their own server) and an automining devnet preloaded with
/// batch traffic. Everything listens on free ports, so a bench can run next to `up`.
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    /// <summary>Bench topics get many partitions: the mock keeps only ~5 MiB per partition and drops older records silently.</summary>
    public const int TopicPartitions = 64;

    private readonly MockKafkaCluster _kafka;
    private readonly EmbeddedClickHouseProcess _clickHouse;
    private readonly LocalDevnet _devnet;
    private readonly List<string> _databases = [];

    private BenchEnvironment(MockKafkaCluster kafka, EmbeddedClickHouseProcess clickHouse, LocalDevnet devnet, PreloadResult preload)
    {
        _kafka = kafka;
        _clickHouse = clickHouse;
        _devnet = devnet;
        Preload = preload;
    }

    public DevnetDeployment Deployment => _devnet.Deployment;

    public PreloadResult Preload { get; }

    public string KafkaBootstrap => _kafka.BootstrapServers;

    /// <summary>The embedded ClickHouse's own process, for its memory figure.</summary>
    public int ClickHouseProcessId => _clickHouse.ProcessId;

    public static async Task<BenchEnvironment> StartAsync(BenchOptions options, ILoggerFactory loggers, Action<string> progress, CancellationToken ct)
    {
        MockKafkaCluster? kafka = null;
        EmbeddedClickHouseProcess? clickHouse = null;
        LocalDevnet? devnet = null;
        try
        {
            progress("Starting the mock Kafka cluster (3 brokers) and the embedded ClickHouse (chDB in its own process, fresh data folder)");
            kafka = MockKafkaCluster.Start(3);
            var dataPath = Path.Combine(EmbeddedTools.DataRoot, "bench", "clickhouse");
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }

            // In a process of its own, as a ClickHouse server would be: the pipeline's memory figures are then its own.
            clickHouse = await EmbeddedClickHouseProcess.StartAsync(dataPath, 0, ct).ConfigureAwait(false);

            progress("Starting the devnet (L1 + 2 rollups on anvil, automine) and deploying the bridge contracts");
            DevnetRollup[] rollups = [(0, 901), (0, 902)];
            devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { L1Port = 0, Rollups = rollups, BlockTimeSeconds = null }, loggers, ct).ConfigureAwait(false);

            progress($"Preloading {options.Pairs} deposit+relay pairs per rollup with the batch functions");
            var simulator = new TrafficSimulator(devnet.Deployment, loggers.CreateLogger<TrafficSimulator>());
            var preload = await simulator.PreloadAsync(options.Pairs, cancellationToken: ct).ConfigureAwait(false);
            progress($"Preloaded {preload.MessagePairs} pairs: {preload.L1Logs + preload.L2Logs} logs in {preload.Elapsed.TotalSeconds:0.0} s");
            return new BenchEnvironment(kafka, clickHouse, devnet, preload);
        }
        catch
        {
            if (devnet is not null)
            {
                await devnet.DisposeAsync().ConfigureAwait(false);
            }

            if (clickHouse is not null)
            {
                await clickHouse.DisposeAsync().ConfigureAwait(false);
            }

            kafka?.Dispose();
            throw;
        }
    }

    /// <summary>A fresh database with the schema applied; returns a connection string that uses it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        _databases.Add(name);
        using (var admin = new ClickHouseClient(_clickHouse.ConnectionString))
        {
            await admin.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {name}", cancellationToken: ct).ConfigureAwait(false);
            await admin.ExecuteNonQueryAsync($"CREATE DATABASE {name}", cancellationToken: ct).ConfigureAwait(false);
        }

        var connectionString = new ClickHouseConnectionStringBuilder(_clickHouse.ConnectionString) { Database = name }.ConnectionString;
        await new ClickHouseMigrator(connectionString).MigrateAsync(ct).ConfigureAwait(false);
        return connectionString;
    }

    // chDB stays loaded until the process exits, and its background schedule pool has been seen to crash in that
    // teardown (BgSchPool segfault in libchdb.so) while tables still had background work; dropping the bench's tables
    // first leaves it nothing to do then. The data folder is recreated by the next run anyway.
    private async Task DropDatabasesAsync()
    {
        try
        {
            using var admin = new ClickHouseClient(_clickHouse.ConnectionString);
            foreach (var name in _databases.Distinct())
            {
                await admin.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {name} SYNC").ConfigureAwait(false);
            }
        }
        catch (ClickHouseServerException)
        {
            // Cleanup only: the figures are already out.
        }
    }

    /// <summary>Kafka options naming fresh topics (created here) and a consumer group of their own.</summary>
    public KafkaOptions CreateTopics(string prefix)
    {
        var options = new KafkaOptions
        {
            BootstrapServers = _kafka.BootstrapServers,
            EventsTopic = $"{prefix}.events",
            DeadLetterTopic = $"{prefix}.deadletter",
            HeadsTopic = $"{prefix}.heads",
            Partitions = TopicPartitions,
            ConsumerGroup = $"{prefix}-correlator",
        };
        foreach (var topic in EmbeddedInfrastructure.Topics(options))
        {
            _kafka.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor);
        }

        return options;
    }

    /// <summary>Kafka options over existing topics, with another consumer group.</summary>
    public static KafkaOptions WithGroup(KafkaOptions topics, string group) => new()
    {
        BootstrapServers = topics.BootstrapServers,
        EventsTopic = topics.EventsTopic,
        DeadLetterTopic = topics.DeadLetterTopic,
        HeadsTopic = topics.HeadsTopic,
        Partitions = topics.Partitions,
        ConsumerGroup = group,
    };

    public async ValueTask DisposeAsync()
    {
        await _devnet.DisposeAsync().ConfigureAwait(false);
        await DropDatabasesAsync().ConfigureAwait(false);
        await _clickHouse.DisposeAsync().ConfigureAwait(false);
        _kafka.Dispose();
    }
}
