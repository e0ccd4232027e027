using System.Numerics;
using BridgeStream.Core.Protocols.Scroll;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Scroll;

/// <summary>
/// Scroll's messengers between the L1 and every <see cref="ChainRole.Scroll"/> rollup: an L1ScrollMessenger on the L1 and
/// an L2ScrollMessenger on the rollup (its counterpart is the L1 messenger, whose alias alone may relay L1 -> L2
/// messages), both computing the message hash on chain as Scroll does. Scroll is a ZK rollup: an L2 -> L1 message is
/// relayed once its batch is proven (there is no challenge window); the devnet has no prover, so the L1 relay does not
/// check the proof and the devnet waits a few seconds instead (labelled in the traffic). Both messengers hold ETH from the
/// start (the L2 one as Scroll's predeploy does, the L1 one standing for ETH bridged before the devnet existed). Deployed
/// and driven from <see cref="DevnetAccounts.ArbitrumAndScroll"/>.
/// </summary>
public sealed class ScrollMessengerBridge : IDevnetBridge
{
    public const string L1Contract = "L1ScrollMessenger";
    public const string L2Contract = "L2ScrollMessenger";

    public static readonly BigInteger InitialBalanceWei = BigInteger.Pow(10, 24);

    private static readonly BigInteger DeployGas = 4_000_000;

    public string Name => "Scroll messengers";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var contracts = new List<DevnetContract>();
        var rollups = build.RollupsOf(ChainRole.Scroll).ToList();
        if (rollups.Count == 0)
        {
            return new DevnetBridgeDeployment(contracts);
        }

        var l1 = new DevnetWallet(build.L1, DevnetAccounts.ArbitrumAndScroll, build.Logger);
        await DevnetReceiver.EnsureAsync(l1, build.Contracts, ct);
        foreach (var l2 in rollups)
        {
            var l1Messenger = await l1.DeployAsync(build.Contracts[L1Contract], DeployGas, ct);
            var l2Wallet = new DevnetWallet(l2, DevnetAccounts.ArbitrumAndScroll, build.Logger);
            var l2Messenger = await l2Wallet.DeployAsync(build.Contracts[L2Contract], DeployGas, ct, l1Messenger.ContractAddress);
            await AnvilCheats.SetBalanceAsync(l1.Web3, l1Messenger.ContractAddress, InitialBalanceWei);
            await AnvilCheats.SetBalanceAsync(l2Wallet.Web3, l2Messenger.ContractAddress, InitialBalanceWei);
            await DevnetReceiver.EnsureAsync(l2Wallet, build.Contracts, ct);
            contracts.Add(new DevnetContract(ScrollModule.L1Kind, build.L1.ChainId, l1Messenger.ContractAddress, l2.ChainId, l2Messenger.ContractAddress, (long)l1Messenger.BlockNumber.Value));
            contracts.Add(new DevnetContract(ScrollModule.L2Kind, l2.ChainId, l2Messenger.ContractAddress, build.L1.ChainId, l1Messenger.ContractAddress, (long)l2Messenger.BlockNumber.Value));
            build.Logger.LogInformation(
                "Scroll {L1} <-> {L2}: L1ScrollMessenger {L1Messenger}, L2ScrollMessenger {L2Messenger} (L2 -> L1 relays unproven on the devnet)",
                build.L1.Name, l2.Name, l1Messenger.ContractAddress, l2Messenger.ContractAddress);
        }

        return new DevnetBridgeDeployment(contracts);
    }
}
