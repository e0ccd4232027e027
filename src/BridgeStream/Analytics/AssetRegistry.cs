using System.ComponentModel.DataAnnotations;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Analytics;

/// <summary>One token of a canonical asset: (chain, token address) -> asset, decimals.</summary>
public sealed record AssetEntry(ulong ChainId, string Token, string Asset, int Decimals, string Source);

/// <summary>One chain of the chain registry; BlockTimeSeconds: its nominal block time (null: unknown or irregular).</summary>
public sealed record ChainEntry(ulong ChainId, string Name, string Layer, double? BlockTimeSeconds = null);

/// <summary>
/// The asset and chain registries: mainnet defaults, with their sources, plus configuration (<see cref="AnalyticsOptions"/>).
/// The same asset on different chains is one canonical asset: native ETH on Ethereum and its rollups (moved by the
/// native bridges: OP portal and messenger, Arbitrum, Scroll), USDC on the chains where Circle issues it natively (moved
/// by burn and mint through CCTP). Bridged stand-ins (USDC.e) are different tokens and not listed.
/// </summary>
public static class AssetRegistry
{
    public const string NativeToken = "0x0000000000000000000000000000000000000000";

    private const string EthSource =
        "native gas token (ETH) of the chain: ethereum.org; OP Stack, Arbitrum Nitro and Scroll docs (ETH is the gas token of OP Mainnet, Base, Unichain, Arbitrum One, Scroll)";

    private const string UsdcSource =
        "Circle, USDC contract addresses (developers.circle.com/stablecoins/usdc-contract-addresses); Unichain: uniscan.xyz/address/0x078d782b760474a361dda0af3839290b0ef57ad6";

    /// <summary>Mainnet defaults. Chain ids as in <see cref="Core.Protocols.Cctp.CctpDomains"/> and the protocols' deployment tables.</summary>
    public static IReadOnlyList<AssetEntry> MainnetAssets { get; } =
    [
        new(1, NativeToken, "ETH", 18, EthSource),
        new(10, NativeToken, "ETH", 18, EthSource),
        new(130, NativeToken, "ETH", 18, EthSource),
        new(8453, NativeToken, "ETH", 18, EthSource),
        new(42161, NativeToken, "ETH", 18, EthSource),
        new(534352, NativeToken, "ETH", 18, EthSource),
        new(1, "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "USDC", 6, UsdcSource),
        new(10, "0x0b2c639c533813f4aa9d7837caf62653d097ff85", "USDC", 6, UsdcSource),
        new(130, "0x078d782b760474a361dda0af3839290b0ef57ad6", "USDC", 6, UsdcSource),
        new(137, "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", "USDC", 6, UsdcSource),
        new(8453, "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", "USDC", 6, UsdcSource),
        new(42161, "0xaf88d065e77c8cc2239327c5edb3a432268e5831", "USDC", 6, UsdcSource),
        new(43114, "0xb97ef9ef8734c71904d8002f8b6bc66dd9c48a6e", "USDC", 6, UsdcSource),
    ];

    /// <summary>Ethereum, its rollups that the protocol modules know, and the other chains CCTP reaches.</summary>
    public static IReadOnlyList<ChainEntry> MainnetChains { get; } =
    [
        // Block times: Ethereum's 12 s slot, the OP Stack chains' 2 s (Unichain 1 s), Arbitrum's 0.25 s; Scroll and the
        // non-rollups produce blocks irregularly, so no nominal block time (their block figures are null).
        new(1, "Ethereum", "L1", 12),
        new(10, "OP Mainnet", "L2", 2),
        new(130, "Unichain", "L2", 1),
        new(8453, "Base", "L2", 2),
        new(42161, "Arbitrum One", "L2", 0.25),
        new(534352, "Scroll", "L2"),
        new(137, "Polygon PoS", "OTHER"),
        new(43114, "Avalanche C-Chain", "OTHER"),
    ];

    /// <summary>The defaults (unless turned off) with configured entries replacing those of the same (chain, token).</summary>
    public static IReadOnlyList<AssetEntry> Assets(AnalyticsOptions options)
    {
        var entries = (options.MainnetDefaults ? MainnetAssets : []).ToDictionary(e => (e.ChainId, e.Token));
        foreach (var configured in options.Assets)
        {
            var entry = new AssetEntry((ulong)configured.ChainId, Address.Parse(configured.Token).ToString(), configured.Asset, configured.Decimals, configured.Source);
            entries[(entry.ChainId, entry.Token)] = entry;
        }

        return [.. entries.Values.OrderBy(e => e.Asset, StringComparer.Ordinal).ThenBy(e => e.ChainId)];
    }

    public static IReadOnlyList<ChainEntry> Chains(AnalyticsOptions options)
    {
        var entries = (options.MainnetDefaults ? MainnetChains : []).ToDictionary(e => e.ChainId);
        foreach (var configured in options.Chains)
        {
            entries[(ulong)configured.ChainId] = new ChainEntry((ulong)configured.ChainId, configured.Name, configured.Layer, configured.BlockTimeSeconds);
        }

        return [.. entries.Values.OrderBy(e => e.ChainId)];
    }

    /// <summary>Every problem of the configured entries (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(AnalyticsOptions options)
    {
        var errors = new List<string>();
        foreach (var (entry, i) in options.Assets.Select((e, i) => (e, i)))
        {
            errors.AddRange(Problems(entry).Select(p => $"Analytics:Assets:{i}: {p}"));
            if (!Address.TryParse(entry.Token, out _))
            {
                errors.Add($"Analytics:Assets:{i}: Token '{entry.Token}' is not a 20-byte hex address");
            }
        }

        foreach (var (entry, i) in options.Chains.Select((e, i) => (e, i)))
        {
            errors.AddRange(Problems(entry).Select(p => $"Analytics:Chains:{i}: {p}"));
        }

        return errors;
    }

    private static IEnumerable<string> Problems(object entry)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(entry, new ValidationContext(entry), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "invalid");
    }
}
