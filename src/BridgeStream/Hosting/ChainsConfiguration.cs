using System.ComponentModel.DataAnnotations;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Settlement;
using BridgeStream.Ingest;
using Microsoft.Extensions.Configuration;

namespace BridgeStream.Hosting;

/// <summary>
/// The "Chains" configuration section: read, validated at start, and turned into what decoding needs (the contract
/// directory, the protocols' domain ids) and what the correlator needs (the rollups' waiting periods).
/// </summary>
public static class ChainsConfiguration
{
    private static readonly string[] DomainSpaces = [.. ProtocolCatalog.MainnetDomains.All.Select(d => d.Space).Distinct().Order(StringComparer.Ordinal)];

    public static List<ChainOptions> Read(IConfiguration configuration)
    {
        var chains = Bind(configuration);
        var errors = chains.SelectMany(Validate).ToList();
        if (chains.Select(c => c.ChainId).Distinct().Count() != chains.Count)
        {
            errors.Add("two chains share a ChainId");
        }

        return errors.Count == 0 ? chains : throw new InvalidConfigurationException(errors);
    }

    /// <summary>Configured deployments on top of every protocol's known mainnet deployments.</summary>
    public static ContractDirectory Directory(IEnumerable<ChainOptions> chains) =>
        ContractDirectory.Merge(
            chains.SelectMany(chain => chain.Contracts.Select(c =>
                new BridgeContract(chain.ChainId, Address.Parse(c.Address), c.Kind, ProtocolCatalog.PrimaryProtocolOfKind(c.Kind) ?? Protocol.Unspecified, c.CounterpartyChainId))),
            ProtocolCatalog.MainnetContracts.All);

    /// <summary>Configured domain ids on top of the mainnet tables.</summary>
    public static DomainDirectory Domains(IEnumerable<ChainOptions> chains) =>
        ProtocolCatalog.MainnetDomains.With(chains.SelectMany(chain => chain.Domains.Select(d => new DomainEntry(d.Key, d.Value, chain.ChainId))));

    /// <summary>
    /// The rollups' configured waiting periods. Read without validating the rest of the section: the processor and the API
    /// need only these, and may run with no RPC endpoints configured at all.
    /// </summary>
    public static TimingTable Timing(IConfiguration configuration) =>
        new(Bind(configuration).Where(c => c.ChallengeWindowSeconds is not null || c.RetryableLifetimeSeconds is not null)
            .Select(c => new ChainTiming(c.ChainId, c.ChallengeWindowSeconds, c.RetryableLifetimeSeconds)));

    /// <summary>Every protocol's decoder and the rollup settlement decoder (settlement contracts are filed under Protocol.Unspecified).</summary>
    public static BridgeLogDecoder Decoder() =>
        new([.. ProtocolCatalog.All.Select(m => m.CreateDecoder()), SettlementCatalog.CreateDecoder()]);

    private static List<ChainOptions> Bind(IConfiguration configuration) => configuration.GetSection("Chains").Get<List<ChainOptions>>() ?? [];

    private static IEnumerable<string> Validate(ChainOptions chain)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(chain, new ValidationContext(chain), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return $"chain '{chain.Name}': {result.ErrorMessage}";
        }

        foreach (var url in chain.RpcUrls.Where(u => !Uri.TryCreate(u, UriKind.Absolute, out _)))
        {
            yield return $"chain '{chain.Name}': RPC URL '{url}' is not an absolute URL";
        }

        foreach (var contract in chain.Contracts)
        {
            if (ProtocolCatalog.ProtocolsOfKind(contract.Kind) == 0 && !SettlementCatalog.IsSettlementKind(contract.Kind))
            {
                yield return $"chain '{chain.Name}': contract kind '{contract.Kind}' is not one of {string.Join(", ", ProtocolCatalog.ContractKinds.Concat(SettlementCatalog.ContractKinds).Distinct().Order(StringComparer.Ordinal))}";
            }

            if (!Address.TryParse(contract.Address, out _))
            {
                yield return $"chain '{chain.Name}': contract address '{contract.Address}' is not a 20-byte hex address";
            }
        }

        if (chain.DepositsFromChainId is { } l1 && (l1 == 0 || l1 == chain.ChainId))
        {
            yield return $"chain '{chain.Name}': DepositsFromChainId must be the chain id of its L1, not {l1}";
        }

        foreach (var space in chain.Domains.Keys.Where(k => !DomainSpaces.Contains(k, StringComparer.Ordinal)))
        {
            yield return $"chain '{chain.Name}': domain id space '{space}' is not one of {string.Join(", ", DomainSpaces)}";
        }
    }
}

/// <summary>Configuration that cannot start the process, with every problem listed.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:\n  - " + string.Join("\n  - ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
