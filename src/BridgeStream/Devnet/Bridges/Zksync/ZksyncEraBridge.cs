using System.Numerics;
using BridgeStream.Core.Protocols.Zksync;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Zksync;

/// <summary>
/// zkSync Era's bridge path between the L1 and every <see cref="ChainRole.Zksync"/> rollup (a STAND-IN: plain anvil, an
/// EVM, not Era's zkEVM; infra/devnet/contracts/ZksyncEra.sol): per rollup a diamond (its Mailbox facet) on the L1; one
/// withdrawal finalizer registered as the L1NativeTokenVault (it serves every ZK chain, as the real one does); on the
/// rollup the bootloader, L1Messenger and L2BaseToken stand-ins at their system addresses 0x8001, 0x8008 and 0x800A
/// (deployed normally, then their code copied there). zkSync is a ZK rollup: a withdrawal is final on L1 once its batch is
/// committed, proven and executed; the devnet has no batches or prover, so the finalization does not check the proof and
/// the traffic waits a few seconds instead. The vault and the bootloader hold ETH from the start (ETH bridged before the
/// devnet existed; the bootloader pays deposits' values instead of minting them). Deployed and driven from
/// <see cref="DevnetAccounts.ZkRollups"/>, which this bridge funds on the chains it uses and which is the bootloader's operator.
/// </summary>
public sealed class ZksyncEraBridge : IDevnetBridge
{
    public const string MailboxContract = "ZksyncMailbox";
    public const string VaultContract = "ZksyncL1NativeTokenVault";
    public const string BootloaderContract = "ZksyncBootloader";
    public const string L1MessengerContract = "ZksyncL1Messenger";
    public const string BaseTokenContract = "ZksyncL2BaseToken";

    public static readonly BigInteger InitialBalanceWei = BigInteger.Pow(10, 24);

    private static readonly BigInteger DeployGas = 3_000_000;

    public string Name => "zkSync Era (mailbox, L1 vault, L2 system contracts)";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var contracts = new List<DevnetContract>();
        var rollups = build.RollupsOf(ChainRole.Zksync).ToList();
        if (rollups.Count == 0)
        {
            return new DevnetBridgeDeployment(contracts);
        }

        var l1 = await ZkRollupAccount.WalletAsync(build.L1, build.Logger);
        var vault = await l1.DeployAsync(build.Contracts[VaultContract], DeployGas, ct);
        await AnvilCheats.SetBalanceAsync(l1.Web3, vault.ContractAddress, InitialBalanceWei);
        contracts.Add(new DevnetContract(ZksyncContracts.L1NativeTokenVaultKind, build.L1.ChainId, vault.ContractAddress, 0, "", (long)vault.BlockNumber.Value));
        foreach (var l2 in rollups)
        {
            var mailbox = await l1.DeployAsync(build.Contracts[MailboxContract], DeployGas, ct);
            var l2Wallet = await ZkRollupAccount.WalletAsync(l2, build.Logger);
            var firstL2Block = await DeploySystemContractsAsync(build, l2Wallet, ct);
            await DevnetReceiver.EnsureAsync(l2Wallet, build.Contracts, ct);
            contracts.Add(new DevnetContract(ZksyncContracts.DiamondKind, build.L1.ChainId, mailbox.ContractAddress, l2.ChainId, ZksyncSystemContracts.L1Messenger, (long)mailbox.BlockNumber.Value));
            contracts.Add(new DevnetContract(ZksyncContracts.L1MessengerKind, l2.ChainId, ZksyncSystemContracts.L1Messenger, build.L1.ChainId, mailbox.ContractAddress, firstL2Block));
            build.Logger.LogInformation(
                "zkSync (stand-in) {L1} <-> {L2}: diamond (Mailbox) {Mailbox}, L1NativeTokenVault {Vault}; bootloader, L1Messenger, L2BaseToken at 0x8001, 0x8008, 0x800A (withdrawals finalized unproven on the devnet)",
                build.L1.Name, l2.Name, mailbox.ContractAddress, vault.ContractAddress);
        }

        return new DevnetBridgeDeployment(contracts);
    }

    // Returns the block of the first deployment: the L2 ingestor starts there (the system contracts have no block of their own).
    private static async Task<long> DeploySystemContractsAsync(DevnetBuild build, DevnetWallet l2, CancellationToken ct)
    {
        var messenger = await l2.DeployAsync(build.Contracts[L1MessengerContract], DeployGas, ct);
        var baseToken = await l2.DeployAsync(build.Contracts[BaseTokenContract], DeployGas, ct);
        var bootloader = await l2.DeployAsync(build.Contracts[BootloaderContract], DeployGas, ct, l2.Address);
        await AnvilCheats.CopyCodeAsync(l2.Web3, messenger.ContractAddress, ZksyncSystemContracts.L1Messenger);
        await AnvilCheats.CopyCodeAsync(l2.Web3, baseToken.ContractAddress, ZksyncSystemContracts.BaseToken);
        await AnvilCheats.CopyCodeAsync(l2.Web3, bootloader.ContractAddress, ZksyncSystemContracts.Bootloader);
        await AnvilCheats.SetBalanceAsync(l2.Web3, ZksyncSystemContracts.Bootloader, InitialBalanceWei);
        return (long)messenger.BlockNumber.Value;
    }
}
