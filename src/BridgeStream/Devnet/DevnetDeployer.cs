using System.Numerics;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>
/// Deploys the devnet bridge: on the L1 one L1CrossDomainMessenger per L2 (each knows its L2 chain id), on every
/// L2 an L2CrossDomainMessenger (relayer = <see cref="DevnetAccounts.Relayer"/>) and a few MessageTargets.
/// Uses anvil's funded dev account <see cref="DevnetAccounts.Deployer"/>.
/// </summary>
public sealed class DevnetDeployer
{
    public const int TargetsPerL2 = 3;

    private static readonly BigInteger DeployGas = 3_000_000;

    private readonly DevnetContracts _contracts;
    private readonly ILogger _logger;

    public DevnetDeployer(DevnetContracts contracts, ILogger logger)
    {
        _contracts = contracts;
        _logger = logger;
    }

    public async Task<DevnetDeployment> DeployAsync(DevnetChain l1, IReadOnlyList<DevnetChain> l2s, CancellationToken cancellationToken = default)
    {
        ValidateChains(l1, l2s);
        var l1Wallet = new DevnetWallet(l1, DevnetAccounts.Deployer, _logger);
        var relayer = DevnetAccounts.AddressOf(DevnetAccounts.Relayer);
        var contracts = new List<DevnetContract>();
        var targets = new List<DevnetTarget>();

        foreach (var l2 in l2s)
        {
            var l2Wallet = new DevnetWallet(l2, DevnetAccounts.Deployer, _logger);
            var l1Receipt = await l1Wallet.DeployAsync(_contracts[DevnetContracts.L1Messenger], DeployGas, cancellationToken, new BigInteger(l2.ChainId));
            var l2Receipt = await l2Wallet.DeployAsync(_contracts[DevnetContracts.L2Messenger], DeployGas, cancellationToken, new BigInteger(l1.ChainId), relayer);
            contracts.Add(new DevnetContract(DevnetDeployment.L1MessengerKind, l1.ChainId, l1Receipt.ContractAddress, l2.ChainId, l2Receipt.ContractAddress, (long)l1Receipt.BlockNumber.Value));
            contracts.Add(new DevnetContract(DevnetDeployment.L2MessengerKind, l2.ChainId, l2Receipt.ContractAddress, l1.ChainId, l1Receipt.ContractAddress, (long)l2Receipt.BlockNumber.Value));
            for (var i = 0; i < TargetsPerL2; i++)
            {
                var target = await l2Wallet.DeployAsync(_contracts[DevnetContracts.Target], DeployGas, cancellationToken, relayer);
                targets.Add(new DevnetTarget(l2.ChainId, target.ContractAddress));
            }

            _logger.LogInformation("Bridge {L1} -> {L2}: L1 messenger {L1Messenger}, L2 messenger {L2Messenger}", l1.Name, l2.Name, l1Receipt.ContractAddress, l2Receipt.ContractAddress);
        }

        return new DevnetDeployment(l1.ChainId, [l1, .. l2s], contracts, targets);
    }

    private static void ValidateChains(DevnetChain l1, IReadOnlyList<DevnetChain> l2s)
    {
        if (l2s.Count == 0)
        {
            throw new ArgumentException("A devnet needs at least one L2.", nameof(l2s));
        }

        var ids = l2s.Select(c => c.ChainId).Append(l1.ChainId).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            throw new ArgumentException($"Chain ids must be distinct: {string.Join(", ", ids)}.", nameof(l2s));
        }
    }
}
