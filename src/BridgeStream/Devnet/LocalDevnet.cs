using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>Ports, chain ids and block time of the local devnet that `up` runs.</summary>
public sealed record LocalDevnetOptions
{
    public int L1Port { get; init; } = 8545;

    public long L1ChainId { get; init; } = 900;

    /// <summary>The rollups: two OP Stack chains, an Arbitrum chain, a Scroll chain and the Linea and zkSync stand-ins (`up`'s devnet).</summary>
    public IReadOnlyList<DevnetRollup> Rollups { get; init; } =
    [
        new(8546, 901, ChainRole.OpStack), new(8547, 902, ChainRole.OpStack), new(8548, 903, ChainRole.Arbitrum), new(8549, 904, ChainRole.Scroll),
        new(8550, 905, ChainRole.Linea), new(8551, 906, ChainRole.Zksync),
    ];

    /// <summary>Interval mining; null mines a block per transaction (fast tests).</summary>
    public int? BlockTimeSeconds { get; init; } = 1;

    public int SlotsInAnEpoch { get; init; } = 4;

    /// <summary>The rollups' challenge window in seconds; null keeps each bridge's compressed default (seconds, not days).</summary>
    public long? ChallengeWindowSeconds { get; init; }
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
            chains.Add(await StartChainAsync("l1", options.L1ChainId, options.L1Port, ChainRole.L1, options, logger, ct).ConfigureAwait(false));
            for (var i = 0; i < options.Rollups.Count; i++)
            {
                var rollup = options.Rollups[i];
                var name = ChainName(rollup.Role, options.Rollups.Take(i + 1).Count(r => r.Role == rollup.Role));
                chains.Add(await StartChainAsync(name, rollup.ChainId, rollup.Port, rollup.Role, options, logger, ct).ConfigureAwait(false));
            }

            var l1 = Describe(chains[0]);
            var deployment = await new DevnetDeployer(await contracts.ConfigureAwait(false), logger) { ChallengeWindowSeconds = options.ChallengeWindowSeconds }
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
    public static Dictionary<string, string?> ChainConfiguration(DevnetDeployment deployment, int? blockTimeSeconds = null)
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

            foreach (var domain in deployment.Domains.Where(d => d.ChainId == chain.ChainId))
            {
                settings[$"{prefix}Domains:{domain.Space}"] = Invariant(domain.Domain);
            }

            if (chain.Role == ChainRole.OpStack)
            {
                // Portal deposits have no L2 log: the OP ingestors read their blocks' deposit transactions.
                settings[prefix + "DepositsFromChainId"] = Invariant(deployment.L1ChainId);
            }

            if (deployment.Timings.FirstOrDefault(t => t.ChainId == chain.ChainId) is { } timing)
            {
                settings[prefix + "ChallengeWindowSeconds"] = timing.ChallengeWindowSeconds is { } window ? Invariant(window) : null;
                settings[prefix + "RetryableLifetimeSeconds"] = timing.RetryableLifetimeSeconds is { } lifetime ? Invariant(lifetime) : null;
            }
        }

        DevnetAnalytics.AddConfiguration(deployment, settings, blockTimeSeconds);
        return settings;
    }

    private static Task<AnvilChain> StartChainAsync(string name, long chainId, int port, ChainRole role, LocalDevnetOptions options, ILogger logger, CancellationToken ct) =>
        AnvilChain.StartAsync(
            new AnvilOptions
            {
                Name = name, ChainId = chainId, Port = port, BlockTimeSeconds = options.BlockTimeSeconds, SlotsInAnEpoch = options.SlotsInAnEpoch, Role = role,
                Network = AnvilNetwork(role),
            },
            logger, ct);

    // op1, op2, arb1, scroll1, linea1, zksync1: the stack and its count.
    private static string ChainName(ChainRole role, int ordinal) => role switch
    {
        ChainRole.Arbitrum => $"arb{ordinal}",
        ChainRole.Scroll => $"scroll{ordinal}",
        ChainRole.Linea => $"linea{ordinal}",
        ChainRole.Zksync => $"zksync{ordinal}",
        _ => $"op{ordinal}",
    };

    // Which anvil --network a rollup of this stack runs; null = plain Ethereum.
    private static string? AnvilNetwork(ChainRole role) => role switch
    {
        ChainRole.OpStack => "optimism", // accepts deposit transactions (0x7E) from the devnet op-node
        _ => null,
    };

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
