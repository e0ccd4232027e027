using System.ComponentModel.DataAnnotations;

namespace BridgeStream.Analytics;

/// <summary>
/// Configuration section "Analytics": the asset registry (which token on which chain is which canonical asset, with its
/// decimals) and the chain registry (which chains are Ethereum and which are its rollups), on top of the mainnet defaults
/// of <see cref="AssetRegistry"/> unless <see cref="MainnetDefaults"/> is false. A configured entry replaces a default with
/// the same key. Example: <c>Analytics:Assets:0:ChainId=900</c>, <c>:Token=0x00…00</c>, <c>:Asset=ETH</c>, <c>:Decimals=18</c>;
/// <c>Analytics:Chains:0:ChainId=900</c>, <c>:Name=l1</c>, <c>:Layer=L1</c>.
/// </summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    public bool MainnetDefaults { get; set; } = true;

    public List<AssetEntryOptions> Assets { get; set; } = [];

    public List<ChainEntryOptions> Chains { get; set; } = [];
}

public sealed class AssetEntryOptions
{
    [Range(1, long.MaxValue)]
    public long ChainId { get; set; }

    /// <summary>The token's address on that chain; the zero address is the chain's native asset.</summary>
    [Required]
    public string Token { get; set; } = "";

    /// <summary>The canonical asset's name, the same on every chain (for example "USDC", "ETH").</summary>
    [Required]
    public string Asset { get; set; } = "";

    [Range(0, 77)]
    public int Decimals { get; set; }

    /// <summary>Where the entry comes from (shown with the asset).</summary>
    public string Source { get; set; } = "configuration";
}

public sealed class ChainEntryOptions
{
    [Range(1, long.MaxValue)]
    public long ChainId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>L1 (Ethereum), L2 (a rollup settling on it) or OTHER.</summary>
    [RegularExpression("^(L1|L2|OTHER)$")]
    public string Layer { get; set; } = "L2";

    /// <summary>
    /// The chain's nominal block time in seconds (OP Stack 2, Ethereum 12): the unit of the route-sync figures' "destination
    /// blocks" and of "next block" (routeSync). Unset: those figures are null for routes to this chain.
    /// </summary>
    [Range(0.001, 3600)]
    public double? BlockTimeSeconds { get; set; }
}
