using System.Numerics;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// The OP Stack CrossDomainMessengers: on the L1 one L1CrossDomainMessenger per OP Stack rollup (each knows its L2 chain
/// id), on every OP Stack rollup an L2CrossDomainMessenger (relayer = <see cref="DevnetAccounts.Relayer"/>) and a few
/// MessageTargets. Uses anvil's funded dev account <see cref="DevnetAccounts.Deployer"/>.
/// </summary>
public sealed class OpStackMessengerBridge : IDevnetBridge
{
    public const int TargetsPerL2 = 3;

    private static readonly BigInteger DeployGas = 3_000_000;

    public string Name => "OP Stack messengers";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var l1 = build.L1;
        var l1Wallet = new DevnetWallet(l1, DevnetAccounts.Deployer, build.Logger);
        var relayer = DevnetAccounts.AddressOf(DevnetAccounts.Relayer);
        var contracts = new List<DevnetContract>();
        var targets = new List<DevnetTarget>();
        foreach (var l2 in build.RollupsOf(ChainRole.OpStack))
        {
            var l2Wallet = new DevnetWallet(l2, DevnetAccounts.Deployer, build.Logger);
            var l1Receipt = await l1Wallet.DeployAsync(build.Contracts[DevnetContracts.L1Messenger], DeployGas, ct, new BigInteger(l2.ChainId));
            var l2Receipt = await l2Wallet.DeployAsync(build.Contracts[DevnetContracts.L2Messenger], DeployGas, ct, new BigInteger(l1.ChainId), relayer);
            contracts.Add(new DevnetContract(DevnetDeployment.L1MessengerKind, l1.ChainId, l1Receipt.ContractAddress, l2.ChainId, l2Receipt.ContractAddress, (long)l1Receipt.BlockNumber.Value));
            contracts.Add(new DevnetContract(DevnetDeployment.L2MessengerKind, l2.ChainId, l2Receipt.ContractAddress, l1.ChainId, l1Receipt.ContractAddress, (long)l2Receipt.BlockNumber.Value));
            for (var i = 0; i < TargetsPerL2; i++)
            {
                var target = await l2Wallet.DeployAsync(build.Contracts[DevnetContracts.Target], DeployGas, ct, relayer);
                targets.Add(new DevnetTarget(l2.ChainId, target.ContractAddress));
            }

            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(
                build.Logger, "Bridge {L1} -> {L2}: L1 messenger {L1Messenger}, L2 messenger {L2Messenger}", l1.Name, l2.Name, l1Receipt.ContractAddress, l2Receipt.ContractAddress);
        }

        return new DevnetBridgeDeployment(contracts, targets);
    }
}
