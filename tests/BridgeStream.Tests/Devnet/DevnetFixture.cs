using BridgeStream.Devnet;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>One L1 and one L2 anvil chain with the devnet bridge deployed, shared by the tests of a class.</summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    public const long L1ChainId = 900;
    public const long L2ChainId = 901;

    private readonly List<AnvilChain> _chains = [];

    public DevnetDeployment Deployment { get; private set; } = null!;

    public TrafficSimulator Simulator { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var l1 = await StartAsync("l1", L1ChainId, ChainRole.L1);
        var l2 = await StartAsync("l2", L2ChainId, ChainRole.OpStack);
        var contracts = await DevnetContracts.LoadAsync(NullLogger.Instance);
        Deployment = await new DevnetDeployer(contracts, NullLogger.Instance).DeployAsync(l1.Describe(), [l2.Describe()]);
        Simulator = new TrafficSimulator(Deployment, NullLogger.Instance, seed: 7);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chain in _chains)
        {
            await chain.DisposeAsync();
        }
    }

    private async Task<AnvilChain> StartAsync(string name, long chainId, ChainRole role)
    {
        var chain = await AnvilChain.StartAsync(new AnvilOptions { Name = name, ChainId = chainId, Role = role, Network = role == ChainRole.OpStack ? "optimism" : null }, NullLogger.Instance);
        _chains.Add(chain);
        return chain;
    }
}
