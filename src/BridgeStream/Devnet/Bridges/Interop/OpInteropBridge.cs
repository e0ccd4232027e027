using System.Numerics;
using BridgeStream.Core.Protocols.OpInterop;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Messaging;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Interop;

/// <summary>
/// OP Superchain interop between the devnet's OP Stack chains (901 and 902): a CrossL2Inbox and an
/// L2ToL2CrossDomainMessenger stand-in (OpInterop.sol, the real events and message hash) and a MessageTarget on each,
/// deployed by the interop account with the same nonces on every chain, so at the same addresses (as the predeploys are).
/// They are configured for ingestion by contract kind (not at the predeploy addresses 0x…22 / 0x…23). With fewer than
/// two OP Stack chains there is no interop set and nothing is deployed.
/// </summary>
public sealed class OpInteropBridge : IDevnetBridge
{
    public const string Inbox = "CrossL2Inbox";
    public const string Messenger = "L2ToL2CrossDomainMessenger";

    private static readonly BigInteger Funding = BigInteger.Pow(10, 24);

    public string Name => "OP Superchain interop";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var chains = build.RollupsOf(ChainRole.OpStack).ToList();
        if (chains.Count < 2)
        {
            return new DevnetBridgeDeployment([]);
        }

        var deployed = await Task.WhenAll(chains.Select(chain => DeployOnAsync(build, chain, ct)));
        if (deployed.Select(d => d.Messenger.ToLowerInvariant()).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("The interop messengers landed at different addresses (the interop account's nonces differ between chains).");
        }

        var contracts = new List<DevnetContract>();
        var helpers = new List<DevnetContract>();
        foreach (var d in deployed)
        {
            contracts.Add(new DevnetContract(OpInteropContracts.MessengerKind, d.Chain.ChainId, d.Messenger, 0, "", d.Block));
            contracts.Add(new DevnetContract(OpInteropContracts.InboxKind, d.Chain.ChainId, d.Inbox, 0, "", d.Block));
            helpers.Add(new DevnetContract(OpInteropDevnet.TargetHelperKind, d.Chain.ChainId, d.Target, 0, "", d.Block));
            build.Logger.LogInformation("OP interop on {Chain}: L2ToL2CrossDomainMessenger {Messenger}, CrossL2Inbox {Inbox}, target {Target}",
                d.Chain.Name, d.Messenger, d.Inbox, d.Target);
        }

        return new DevnetBridgeDeployment(contracts, Helpers: helpers);
    }

    private static async Task<(DevnetChain Chain, string Inbox, string Messenger, string Target, long Block)> DeployOnAsync(
        DevnetBuild build, DevnetChain chain, CancellationToken ct)
    {
        var wallet = new DevnetWallet(chain, DevnetAccounts.Interop(chain.ChainId), build.Logger);
        await AnvilCheats.SetBalanceAsync(wallet.Web3, wallet.Address, Funding);
        var inbox = await wallet.DeployAsync(build.Contracts[Inbox], MessagingContracts.DeployGas, ct);
        var messenger = await wallet.DeployAsync(build.Contracts[Messenger], MessagingContracts.DeployGas, ct, inbox.ContractAddress);
        var target = await wallet.DeployAsync(build.Contracts[DevnetContracts.Target], MessagingContracts.DeployGas, ct, wallet.Address);
        return (chain, inbox.ContractAddress, messenger.ContractAddress, target.ContractAddress, MessagingContracts.BlockOf(inbox));
    }
}
