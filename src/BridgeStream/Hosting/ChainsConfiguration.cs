using System.ComponentModel.DataAnnotations;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Ingest;
using Microsoft.Extensions.Configuration;

namespace BridgeStream.Hosting;

/// <summary>The "Chains" configuration section: read, validated at start, and turned into a contract directory.</summary>
public static class ChainsConfiguration
{
    private static readonly Dictionary<string, Protocol> KnownKinds = new(StringComparer.Ordinal)
    {
        ["L1CrossDomainMessenger"] = Protocol.OpStackMessenger,
        ["L2CrossDomainMessenger"] = Protocol.OpStackMessenger,
    };

    public static List<ChainOptions> Read(IConfiguration configuration)
    {
        var chains = configuration.GetSection("Chains").Get<List<ChainOptions>>() ?? [];
        var errors = chains.SelectMany(Validate).ToList();
        if (chains.Select(c => c.ChainId).Distinct().Count() != chains.Count)
        {
            errors.Add("two chains share a ChainId");
        }

        return errors.Count == 0 ? chains : throw new InvalidConfigurationException(errors);
    }

    public static ContractDirectory Directory(IEnumerable<ChainOptions> chains) =>
        new(chains.SelectMany(chain => chain.Contracts.Select(c =>
            new BridgeContract(chain.ChainId, Address.Parse(c.Address), c.Kind, KnownKinds[c.Kind], c.CounterpartyChainId))));

    public static BridgeLogDecoder Decoder() => new([new OpStackMessengerDecoder()]);

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
            if (!KnownKinds.ContainsKey(contract.Kind))
            {
                yield return $"chain '{chain.Name}': contract kind '{contract.Kind}' is not one of {string.Join(", ", KnownKinds.Keys)}";
            }

            if (!Address.TryParse(contract.Address, out _))
            {
                yield return $"chain '{chain.Name}': contract address '{contract.Address}' is not a 20-byte hex address";
            }
        }
    }
}

/// <summary>Configuration that cannot start the process, with every problem listed.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:\n  - " + string.Join("\n  - ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
