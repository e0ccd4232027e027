using System.Numerics;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Messaging;

/// <summary>
/// Hyperlane on every devnet chain: a Mailbox (domain = chain id, the devnet relayer as its security module) and a
/// synthetic warp route (HypERC20 "hETH", 10^9 minted to the messaging account on each chain) enrolled with the routers
/// of every other chain. The Mailbox talks to every chain, so its counterparty is 0.
/// </summary>
public sealed class HyperlaneBridge : IDevnetBridge
{
    public string Name => "Hyperlane";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var chains = build.AllChains.ToList();
        var owner = DevnetAccounts.AddressOf(DevnetAccounts.Messaging);
        var wallets = chains.ToDictionary(c => c.ChainId, c => new DevnetWallet(c, DevnetAccounts.Messaging, build.Logger));
        var deployed = await Task.WhenAll(chains.Select(async chain =>
        {
            var wallet = wallets[chain.ChainId];
            var mailbox = await wallet.DeployAsync(build.Contracts[MessagingContracts.HyperlaneMailbox], MessagingContracts.DeployGas, ct,
                MessagingDomains.Hyperlane(chain), owner);
            var router = await wallet.DeployAsync(build.Contracts[MessagingContracts.HyperlaneHypErc20], MessagingContracts.DeployGas, ct,
                "Hyperlane devnet ETH (synthetic)", "hETH", mailbox.ContractAddress, owner, MessagingContracts.InitialSupply(18));
            return (Chain: chain, Mailbox: mailbox, Router: router);
        }));

        await Task.WhenAll(deployed.Select(local =>
        {
            var remotes = deployed.Where(d => d.Chain.ChainId != local.Chain.ChainId).ToList();
            var enroll = new EnrollRemoteRoutersFunction
            {
                Domains = [.. remotes.Select(r => MessagingDomains.Hyperlane(r.Chain))],
                Routers = [.. remotes.Select(r => MessagingContracts.Word(r.Router.ContractAddress))],
            };
            return wallets[local.Chain.ChainId].SendAsync(local.Router.ContractAddress, enroll, MessagingContracts.ConfigureGas + (40_000 * remotes.Count), BigInteger.Zero, ct);
        }));

        var contracts = new List<DevnetContract>();
        foreach (var d in deployed)
        {
            contracts.Add(new DevnetContract(HyperlaneDeployments.MailboxKind, d.Chain.ChainId, d.Mailbox.ContractAddress, 0, "", MessagingContracts.BlockOf(d.Mailbox)));
            contracts.Add(new DevnetContract(HyperlaneModule.TokenRouterKind, d.Chain.ChainId, d.Router.ContractAddress, 0, "", MessagingContracts.BlockOf(d.Router)));
            build.Logger.LogInformation("Hyperlane on {Chain}: Mailbox {Mailbox} (domain {Domain}), warp route {Router}",
                d.Chain.Name, d.Mailbox.ContractAddress, MessagingDomains.Hyperlane(d.Chain), d.Router.ContractAddress);
        }

        return new DevnetBridgeDeployment(contracts, Domains: MessagingDomains.Declare(build, HyperlaneDomains.Space));
    }
}
