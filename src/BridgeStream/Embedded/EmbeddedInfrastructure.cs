using BridgeStream.ClickHouse;
using BridgeStream.Embedded.ClickHouse;
using BridgeStream.Embedded.Kafka;
using BridgeStream.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Embedded;

/// <summary>
/// The embedded default's Kafka and ClickHouse: started only for what the configuration leaves empty, so pointing
/// Kafka:BootstrapServers or ClickHouse:ConnectionString at real servers turns the embedded part off and nothing else changes.
/// </summary>
public sealed class EmbeddedInfrastructure : IAsyncDisposable
{
    private MockKafkaCluster? _kafka;
    private EmbeddedClickHouseProcess? _clickHouse;

    private EmbeddedInfrastructure()
    {
    }

    public string? KafkaBootstrap => _kafka?.BootstrapServers;

    public Uri? ClickHouseEndpoint => _clickHouse?.HttpEndpoint;

    /// <summary>Configuration entries pointing the rest of the process (or child processes) at what was started.</summary>
    public Dictionary<string, string?> Overrides { get; } = [];

    public static async Task<EmbeddedInfrastructure> StartAsync(IConfiguration configuration, EmbeddedInfrastructureOptions options, CancellationToken ct)
    {
        var infrastructure = new EmbeddedInfrastructure();
        try
        {
            var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
            if (string.IsNullOrWhiteSpace(kafka.BootstrapServers))
            {
                infrastructure._kafka = MockKafkaCluster.Start(options.KafkaBrokers);
                await new MockClusterTopicAdmin(infrastructure._kafka).EnsureTopicsAsync(Topics(kafka), ct).ConfigureAwait(false);
                infrastructure.Overrides["Kafka:BootstrapServers"] = infrastructure._kafka.BootstrapServers;
            }

            var clickHouse = configuration.GetSection(ClickHouseOptions.Section).Get<ClickHouseOptions>() ?? new ClickHouseOptions();
            if (string.IsNullOrWhiteSpace(clickHouse.ConnectionString))
            {
                // Wiping the data of a ClickHouse that is still running (another `up`) would break it: check the port first.
                EnsurePortIsFree(options.ClickHousePort);
                if (options.FreshClickHouseData && Directory.Exists(options.ClickHouseDataPath))
                {
                    Directory.Delete(options.ClickHouseDataPath, recursive: true);
                }

                // chDB runs in a process of its own (`bridgestream clickhouse`), like a server: its memory stays out of the
                // pipeline's, and its noisy teardown stays out of the user's terminal.
                infrastructure._clickHouse = await EmbeddedClickHouseProcess.StartAsync(options.ClickHouseDataPath, options.ClickHousePort, ct).ConfigureAwait(false);
                infrastructure.Overrides["ClickHouse:ConnectionString"] = infrastructure._clickHouse.ConnectionString;
            }

            return infrastructure;
        }
        catch
        {
            await infrastructure.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void EnsurePortIsFree(int port)
    {
        if (port == 0)
        {
            return;
        }

        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new IOException($"Failed to bind to address http://127.0.0.1:{port}: address already in use", ex);
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>The topics BridgeStream uses, as the configuration names and sizes them.</summary>
    public static IReadOnlyList<TopicSpec> Topics(KafkaOptions kafka) =>
    [
        new(kafka.EventsTopic, kafka.Partitions, kafka.ReplicationFactor),
        new(kafka.DeadLetterTopic, 1, kafka.ReplicationFactor),
        new(kafka.HeadsTopic, 1, kafka.ReplicationFactor),
        new(kafka.SettlementTopic, 1, kafka.ReplicationFactor),
        new(kafka.AlertsTopic, 1, kafka.ReplicationFactor),
    ];

    public async ValueTask DisposeAsync()
    {
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync().ConfigureAwait(false);
        }

        _kafka?.Dispose();
    }
}

public sealed record EmbeddedInfrastructureOptions
{
    public int KafkaBrokers { get; init; } = 3;

    public int ClickHousePort { get; init; } = 8123;

    public string ClickHouseDataPath { get; init; } = Path.Combine(EmbeddedTools.DataRoot, "clickhouse");

    /// <summary>`up` starts fresh devnet chains, so old rows (and checkpoints) would describe chains that no longer exist.</summary>
    public bool FreshClickHouseData { get; init; }
}
