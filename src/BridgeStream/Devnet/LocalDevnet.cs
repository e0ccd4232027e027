using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>Ports, chain ids and block time of the local devnet that `up` runs.</summary>
public sealed record LocalDevnetOptions
{
    public int L1Port { get; init; } = 8545;

    public long L1ChainId { get; init; } = 900;

    public IReadOnlyList<(int Port, long ChainId)> Rollups { get; init; } = [(8546, 901), (8547, 902)];

    /// <summary>Interval mining; null mines a block per transaction (fast tests).</summary>
    public int? BlockTimeSeconds { get; init; } = 1;

    public int SlotsInAnEpoch { get; init; } = 4;
}

/// <summary>
/// An L1 and its rollups on anvil with the bridge contracts deployed: the chains of the embedded default.
/// Disposing stops every anvil it started.
/// </summary>
public sealed class LocalDevnet : IAsyncDisposable
{
    private readonly List<AnvilChain> _chains;

    private LocalDevnet(List<AnvilChain> chains, DevnetDeployment deployment)
    {
        _chains = chains;
        Deployment = deployment;
    }

    public DevnetDeployment Deployment { get; }

    public static async Task<LocalDevnet> StartAsync(LocalDevnetOptions options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger<LocalDevnet>();
        var chains = new List<AnvilChain>();
        try
        {
            var contracts = DevnetContracts.LoadAsync(logger, ct);
            chains.Add(await StartChainAsync("l1", options.L1ChainId, options.L1Port, options, logger, ct).ConfigureAwait(false));
            for (var i = 0; i < options.Rollups.Count; i++)
            {
                var (port, chainId) = options.Rollups[i];
                chains.Add(await StartChainAsync($"rollup{i + 1}", chainId, port, options, logger, ct).ConfigureAwait(false));
            }

            var l1 = Describe(chains[0]);
            var deployment = await new DevnetDeployer(await contracts.ConfigureAwait(false), logger)
                .DeployAsync(l1, [.. chains.Skip(1).Select(Describe)], ct).ConfigureAwait(false);
            return new LocalDevnet(chains, deployment);
        }
        catch
        {
            foreach (var chain in chains)
            {
                await chain.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The "Chains" configuration that makes the ingestors follow this devnet.</summary>
    public static Dictionary<string, string?> ChainConfiguration(DevnetDeployment deployment)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < deployment.Chains.Count; i++)
        {
            var chain = deployment.Chains[i];
            var prefix = $"Chains:{i}:";
            var contracts = deployment.Contracts.Where(c => c.ChainId == chain.ChainId).ToList();
            settings[prefix + "Name"] = chain.Name;
            settings[prefix + "ChainId"] = Invariant(chain.ChainId);
            settings[prefix + "RpcUrls:0"] = chain.RpcUrl;
            settings[prefix + "StartBlock"] = Invariant(contracts.Count == 0 ? 0 : contracts.Min(c => c.DeployedAtBlock));
            for (var j = 0; j < contracts.Count; j++)
            {
                settings[$"{prefix}Contracts:{j}:Kind"] = contracts[j].Kind;
                settings[$"{prefix}Contracts:{j}:Address"] = contracts[j].Address;
                settings[$"{prefix}Contracts:{j}:CounterpartyChainId"] = Invariant(contracts[j].CounterpartyChainId);
            }
        }

        return settings;
    }

    private static Task<AnvilChain> StartChainAsync(string name, long chainId, int port, LocalDevnetOptions options, ILogger logger, CancellationToken ct) =>
        AnvilChain.StartAsync(
            new AnvilOptions { Name = name, ChainId = chainId, Port = port, BlockTimeSeconds = options.BlockTimeSeconds, SlotsInAnEpoch = options.SlotsInAnEpoch },
            logger, ct);

    private static DevnetChain Describe(AnvilChain chain) => chain.Describe();

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var chain in _chains)
        {
            await chain.DisposeAsync().ConfigureAwait(false);
        }
    }
}
