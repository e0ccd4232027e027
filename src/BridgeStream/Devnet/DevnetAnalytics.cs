using System.Globalization;

namespace BridgeStream.Devnet;

/// <summary>
/// The devnet's entries of the analytics registries (configuration section "Analytics", on top of the mainnet defaults):
/// native ETH on every devnet chain (anvil chains all use ETH, 18 decimals), every token a bridge deployed
/// (<see cref="DevnetDeployment.Assets"/>), the devnet L1 as layer L1 and its rollups as L2.
/// </summary>
public static class DevnetAnalytics
{
    public const string NativeToken = "0x0000000000000000000000000000000000000000";

    /// <param name="blockTimeSeconds">The devnet chains' block time (`up` mines one block a second); null for automining
    /// chains, which have none (their route-sync block figures are then null unless a test configures one).</param>
    public static void AddConfiguration(DevnetDeployment deployment, IDictionary<string, string?> settings, int? blockTimeSeconds = null)
    {
        var assets = deployment.Chains.Select(c => new DevnetAsset(c.ChainId, NativeToken, "ETH", 18)).Concat(deployment.Assets).ToList();
        for (var i = 0; i < assets.Count; i++)
        {
            var prefix = $"Analytics:Assets:{i}:";
            settings[prefix + "ChainId"] = Invariant(assets[i].ChainId);
            settings[prefix + "Token"] = assets[i].Token;
            settings[prefix + "Asset"] = assets[i].Asset;
            settings[prefix + "Decimals"] = Invariant(assets[i].Decimals);
            settings[prefix + "Source"] = "devnet deployment";
        }

        for (var i = 0; i < deployment.Chains.Count; i++)
        {
            var chain = deployment.Chains[i];
            var prefix = $"Analytics:Chains:{i}:";
            settings[prefix + "ChainId"] = Invariant(chain.ChainId);
            settings[prefix + "Name"] = chain.Name;
            settings[prefix + "Layer"] = chain.ChainId == deployment.L1ChainId ? "L1" : "L2";
            if (blockTimeSeconds is { } blockTime)
            {
                settings[prefix + "BlockTimeSeconds"] = Invariant(blockTime);
            }
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
