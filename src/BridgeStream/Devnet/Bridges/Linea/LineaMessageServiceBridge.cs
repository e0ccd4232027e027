using System.Numerics;
using BridgeStream.Core.Protocols.Linea;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Linea;

/// <summary>
/// Linea's message service between the L1 and every <see cref="ChainRole.Linea"/> rollup (a STAND-IN: plain anvil, not
/// Linea's zkEVM): LineaRollupMessageService on the L1 (the message service part of LineaRollup) and LineaL2MessageService
/// on the rollup (infra/devnet/contracts/LineaMessageService.sol), both computing the message hash on chain as Linea's
/// MessageHashing does. Linea is a ZK rollup: an L1 -> L2 message is claimable once the coordinator anchors its hash on
/// L2 (the devnet anchors it itself), an L2 -> L1 message once its block is finalized on L1 with a validity proof; the
/// devnet has no prover, so the L1 claim does not check the Merkle proof and the traffic waits a few seconds instead.
/// Both services hold ETH from the start (standing for ETH bridged before the devnet existed). Deployed and driven from
/// <see cref="DevnetAccounts.ZkRollups"/>, which this bridge funds on the chains it uses.
/// </summary>
public sealed class LineaMessageServiceBridge : IDevnetBridge
{
    public const string L1Contract = "LineaRollupMessageService";
    public const string L2Contract = "LineaL2MessageService";

    public static readonly BigInteger InitialBalanceWei = BigInteger.Pow(10, 24);

    private static readonly BigInteger DeployGas = 3_000_000;

    public string Name => "Linea message service";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var contracts = new List<DevnetContract>();
        var rollups = build.RollupsOf(ChainRole.Linea).ToList();
        if (rollups.Count == 0)
        {
            return new DevnetBridgeDeployment(contracts);
        }

        var l1 = await ZkRollupAccount.WalletAsync(build.L1, build.Logger);
        foreach (var l2 in rollups)
        {
            var l2Wallet = await ZkRollupAccount.WalletAsync(l2, build.Logger);
            var l1Service = await l1.DeployAsync(build.Contracts[L1Contract], DeployGas, ct);
            var l2Service = await l2Wallet.DeployAsync(build.Contracts[L2Contract], DeployGas, ct);
            await AnvilCheats.SetBalanceAsync(l1.Web3, l1Service.ContractAddress, InitialBalanceWei);
            await AnvilCheats.SetBalanceAsync(l2Wallet.Web3, l2Service.ContractAddress, InitialBalanceWei);
            await DevnetReceiver.EnsureAsync(l1, build.Contracts, ct);
            await DevnetReceiver.EnsureAsync(l2Wallet, build.Contracts, ct);
            contracts.Add(new DevnetContract(LineaDeployments.L1Kind, build.L1.ChainId, l1Service.ContractAddress, l2.ChainId, l2Service.ContractAddress, (long)l1Service.BlockNumber.Value));
            contracts.Add(new DevnetContract(LineaDeployments.L2Kind, l2.ChainId, l2Service.ContractAddress, build.L1.ChainId, l1Service.ContractAddress, (long)l2Service.BlockNumber.Value));
            build.Logger.LogInformation(
                "Linea (stand-in) {L1} <-> {L2}: L1 message service {L1Service}, L2MessageService {L2Service} (L2 -> L1 claims unproven on the devnet)",
                build.L1.Name, l2.Name, l1Service.ContractAddress, l2Service.ContractAddress);
        }

        return new DevnetBridgeDeployment(contracts);
    }
}
