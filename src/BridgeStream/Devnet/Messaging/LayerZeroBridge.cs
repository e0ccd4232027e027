using System.Numerics;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Messaging;

/// <summary>
/// LayerZero v2 on every devnet chain: an EndpointV2 (eid = 50000 + chain id; the messaging account commits the DVNs'
/// verifications) and an OFT ("devnet OFT", 18 decimals, 6 shared, 10^9 minted to the messaging account) peered with
/// the OFT of every other chain.
/// </summary>
public sealed class LayerZeroBridge : IDevnetBridge
{
    public string Name => "LayerZero v2";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var chains = build.AllChains.ToList();
        var owner = DevnetAccounts.AddressOf(DevnetAccounts.Messaging);
        var wallets = chains.ToDictionary(c => c.ChainId, c => new DevnetWallet(c, DevnetAccounts.Messaging, build.Logger));
        var deployed = await Task.WhenAll(chains.Select(async chain =>
        {
            var wallet = wallets[chain.ChainId];
            var endpoint = await wallet.DeployAsync(build.Contracts[MessagingContracts.LayerZeroEndpoint], MessagingContracts.DeployGas, ct,
                MessagingDomains.LayerZero(chain), owner);
            var oft = await wallet.DeployAsync(build.Contracts[MessagingContracts.LayerZeroOft], MessagingContracts.DeployGas, ct,
                "LayerZero devnet OFT", "dOFT", endpoint.ContractAddress, owner, MessagingContracts.InitialSupply(18));
            return (Chain: chain, Endpoint: endpoint, Oft: oft);
        }));

        await Task.WhenAll(deployed.SelectMany(local => deployed.Where(d => d.Chain.ChainId != local.Chain.ChainId).Select(remote =>
            wallets[local.Chain.ChainId].SendAsync(local.Oft.ContractAddress,
                new SetPeerFunction { Eid = MessagingDomains.LayerZero(remote.Chain), Peer = MessagingContracts.Word(remote.Oft.ContractAddress) },
                MessagingContracts.ConfigureGas, BigInteger.Zero, ct))));

        var contracts = new List<DevnetContract>();
        foreach (var d in deployed)
        {
            contracts.Add(new DevnetContract(LayerZeroV2Deployments.EndpointKind, d.Chain.ChainId, d.Endpoint.ContractAddress, 0, "", MessagingContracts.BlockOf(d.Endpoint)));
            contracts.Add(new DevnetContract(LayerZeroV2Module.OftKind, d.Chain.ChainId, d.Oft.ContractAddress, 0, "", MessagingContracts.BlockOf(d.Oft)));
            build.Logger.LogInformation("LayerZero on {Chain}: EndpointV2 {Endpoint} (eid {Eid}), OFT {Oft}",
                d.Chain.Name, d.Endpoint.ContractAddress, MessagingDomains.LayerZero(d.Chain), d.Oft.ContractAddress);
        }

        return new DevnetBridgeDeployment(contracts, Domains: MessagingDomains.Declare(build, LayerZeroEids.Space));
    }
}
