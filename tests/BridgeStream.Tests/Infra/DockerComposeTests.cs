using System.Text.RegularExpressions;
using BridgeStream.Embedded;
using YamlDotNet.RepresentationModel;

namespace BridgeStream.Tests.Infra;

/// <summary>docker-compose.yml is validated by the real docker-compose (v1) binary, and its rendered form is checked.</summary>
public sealed partial class DockerComposeTests
{
    private static readonly string[] BridgeStreamServices = ["migrate", "ingest", "process", "api"];

    private static string Root => EmbeddedTools.RepositoryRoot;

    [Fact]
    public async Task ComposeFile_PassesDockerComposeValidation()
    {
        var result = await DockerComposeCli.RunAsync(Root, "-f", "docker-compose.yml", "config", "-q");

        Assert.True(result.ExitCode == 0, $"docker-compose config -q exited {result.ExitCode}:\n{result.StandardError}");
    }

    [Fact]
    public async Task EveryBridgeStreamService_PointsAtRealKafkaAndClickHouse()
    {
        var services = await RenderedServicesAsync();

        foreach (var name in BridgeStreamServices)
        {
            var environment = Environment(services, name);
            Assert.False(string.IsNullOrWhiteSpace(environment.GetValueOrDefault("BRIDGESTREAM_Kafka__BootstrapServers")),
                $"{name}: BRIDGESTREAM_Kafka__BootstrapServers is empty, the service would run the embedded mock Kafka.");
            Assert.Contains("Host=clickhouse", environment.GetValueOrDefault("BRIDGESTREAM_ClickHouse__ConnectionString") ?? string.Empty,
                StringComparison.Ordinal);
            Assert.Equal(name, YamlFile.Sequence(services, name, "command").Children.Select(node => node.ToString()).Single());
        }
    }

    [Fact]
    public async Task ChainContracts_HaveWellFormedAddressesKindsAndCounterparties()
    {
        var environment = Environment(await RenderedServicesAsync(), "ingest");
        var addresses = environment.Where(entry => ContractField().Match(entry.Key) is { Success: true } match && match.Groups["field"].Value == "Address").ToList();

        Assert.NotEmpty(addresses);
        foreach (var (key, address) in addresses)
        {
            var prefix = key[..^"Address".Length];
            Assert.Matches(HexAddress(), address);
            Assert.Contains(environment.GetValueOrDefault(prefix + "Kind"), new[] { "L1CrossDomainMessenger", "L2CrossDomainMessenger" });
            Assert.True(ulong.TryParse(environment.GetValueOrDefault(prefix + "CounterpartyChainId"), out _), $"{prefix}CounterpartyChainId is not a chain id.");
        }
    }

    [Fact]
    public async Task ApiPublishesPort8080_AndMigrateGatesTheLongRunningServices()
    {
        var services = await RenderedServicesAsync();

        Assert.Contains(YamlFile.Sequence(services, "api", "ports").Children, port => port.ToString().Contains("8080", StringComparison.Ordinal));
        foreach (var name in BridgeStreamServices.Skip(1))
        {
            Assert.Equal("service_completed_successfully", YamlFile.Scalar(services, name, "depends_on", "migrate", "condition"));
        }

        Assert.Equal("service_healthy", YamlFile.Scalar(services, "migrate", "depends_on", "clickhouse", "condition"));
    }

    /// <summary>`docker-compose config` prints the file with anchors merged and ${VARS} substituted.</summary>
    private static async Task<YamlMappingNode> RenderedServicesAsync()
    {
        var result = await DockerComposeCli.RunAsync(Root, "-f", "docker-compose.yml", "config");
        Assert.True(result.ExitCode == 0, $"docker-compose config exited {result.ExitCode}:\n{result.StandardError}");
        return YamlFile.Mapping(YamlFile.LoadMapping(result.StandardOutput, "docker-compose config"), "services");
    }

    private static Dictionary<string, string> Environment(YamlMappingNode services, string service) =>
        YamlFile.Entries(YamlFile.Mapping(services, service, "environment"))
            .ToDictionary(entry => entry.Key, entry => entry.Value.ToString(), StringComparer.Ordinal);

    [GeneratedRegex(@"^BRIDGESTREAM_Chains__\d+__Contracts__\d+__(?<field>\w+)$")]
    private static partial Regex ContractField();

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex HexAddress();
}
