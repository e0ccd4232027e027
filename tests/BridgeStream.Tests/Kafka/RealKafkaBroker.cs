using DotNet.Testcontainers.Configurations;
using Testcontainers.Kafka;

namespace BridgeStream.Tests.Kafka;

/// <summary>
/// A real Kafka broker for what the mock cluster fakes (transactions, fencing): the one named by
/// BRIDGESTREAM_TEST_KAFKA_BOOTSTRAP, else a Testcontainers broker when Docker is reachable, else none
/// (tests then skip with <see cref="SkipReason"/>).
/// </summary>
public sealed class RealKafkaBroker : IAsyncLifetime
{
    public const string BootstrapVariable = "BRIDGESTREAM_TEST_KAFKA_BOOTSTRAP";
    private const string Image = "confluentinc/cp-kafka:7.5.12";

    private KafkaContainer? container;

    public string? BootstrapServers { get; private set; }

    public string SkipReason { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var supplied = Environment.GetEnvironmentVariable(BootstrapVariable);
        if (!string.IsNullOrWhiteSpace(supplied))
        {
            BootstrapServers = supplied;
            return;
        }

        // Null auth config is Testcontainers' own "no Docker endpoint found", detected without throwing.
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            SkipReason = $"No real Kafka broker: Docker is not available and {BootstrapVariable} is not set " +
                         "(the embedded mock cluster fakes transactions, so these tests need a real broker).";
            return;
        }

        container = new KafkaBuilder(Image).Build();
        await container.StartAsync();
        BootstrapServers = container.GetBootstrapAddress();
    }

    public async ValueTask DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    /// <summary>The broker's bootstrap address, or an xunit skip with the reason.</summary>
    public string RequireBootstrap() => BootstrapServers ?? throw SkipNow();

    private Exception SkipNow()
    {
        Assert.Skip(SkipReason);
        return new InvalidOperationException("unreachable: Assert.Skip throws");
    }
}
