using BridgeStream.Devnet;
using BridgeStream.Hosting;
using Microsoft.Extensions.Configuration;

namespace BridgeStream.Tests.Core;

/// <summary>Chains:N:DepositsFromChainId: validated at start, and set by the devnet for its OP Stack rollups only.</summary>
public sealed class DepositsFromChainIdTests
{
    [Fact]
    public void A_chain_cannot_take_deposits_from_itself()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chains:0:Name"] = "op",
            ["Chains:0:ChainId"] = "10",
            ["Chains:0:RpcUrls:0"] = "http://127.0.0.1:1",
            ["Chains:0:DepositsFromChainId"] = "10",
        };
        var error = Assert.Throws<InvalidConfigurationException>(() => ChainsConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains(error.Errors, e => e.Contains("DepositsFromChainId", StringComparison.Ordinal));

        settings["Chains:0:DepositsFromChainId"] = "1";
        Assert.Equal(1UL, Assert.Single(ChainsConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())).DepositsFromChainId);
    }

    [Fact]
    public void The_devnet_reads_deposit_transactions_on_its_OP_Stack_rollups_only()
    {
        var deployment = new DevnetDeployment(900,
            [new("l1", 900, "http://127.0.0.1:1"), new("op1", 901, "http://127.0.0.1:2", ChainRole.OpStack), new("arb1", 903, "http://127.0.0.1:3", ChainRole.Arbitrum)],
            [], []);
        var settings = LocalDevnet.ChainConfiguration(deployment);

        Assert.False(settings.ContainsKey("Chains:0:DepositsFromChainId"));
        Assert.Equal("900", settings["Chains:1:DepositsFromChainId"]);
        Assert.False(settings.ContainsKey("Chains:2:DepositsFromChainId"));
    }
}
