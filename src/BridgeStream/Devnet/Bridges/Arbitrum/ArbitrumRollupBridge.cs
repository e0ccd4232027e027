using System.Numerics;
using BridgeStream.Core.Protocols.ArbitrumOutbox;
using BridgeStream.Core.Protocols.ArbitrumRetryable;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Arbitrum;

/// <summary>
/// Arbitrum's two bridge paths between the L1 and every <see cref="ChainRole.Arbitrum"/> rollup:
/// <list type="bullet">
/// <item>L1 -> L2 (retryables, ETH deposits): on the L1 an ArbitrumBridge (delayed inbox, escrow) and an ArbitrumInbox;
/// on the L2 the ArbRetryableTx precompile stand-in at 0x...6E.</item>
/// <item>L2 -> L1 (withdrawals): the ArbSys precompile stand-in at 0x...64 on the L2 and an ArbitrumOutbox on the L1.</item>
/// </list>
/// The precompiles are deployed normally and their code copied to the precompile addresses (anvil_setCode). Waiting
/// periods are COMPRESSED: a <see cref="ChallengeWindowSeconds"/> challenge window (mainnet ~6.4 days) enforced on chain by
/// the outbox, and a <see cref="RetryableLifetimeSeconds"/> ticket lifetime (mainnet 7 days) enforced by ArbRetryableTx;
/// both are also handed to the pipeline (<see cref="DevnetTiming"/>). Everything is sent from
/// <see cref="DevnetAccounts.ArbitrumAndScroll"/>, which also plays the rollup and ArbOS.
/// </summary>
public sealed class ArbitrumRollupBridge : IDevnetBridge
{
    /// <summary>The devnet's compressed challenge window (mainnet: 45818 L1 blocks, about 6.4 days).</summary>
    public const long ChallengeWindowSeconds = 20;

    /// <summary>The devnet's compressed retryable ticket lifetime (mainnet: 7 days).</summary>
    public const long RetryableLifetimeSeconds = 30;

    public const string BridgeContract = "ArbitrumBridge";
    public const string InboxContract = "ArbitrumInbox";
    public const string OutboxContract = "ArbitrumOutbox";
    public const string RetryableContract = "ArbRetryableTx";
    public const string ArbSysContract = "ArbSys";

    /// <summary>ETH in the bridge's escrow from the start (stands for deposits made before the devnet existed), so
    /// withdrawals can be paid out whatever the order of traffic.</summary>
    public static readonly BigInteger InitialEscrowWei = BigInteger.Pow(10, 24);

    private static readonly BigInteger DeployGas = 4_000_000;
    private static readonly BigInteger CallGas = 200_000;

    public string Name => "Arbitrum (retryables and outbox)";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var contracts = new List<DevnetContract>();
        var timings = new List<DevnetTiming>();
        var rollups = build.RollupsOf(ChainRole.Arbitrum).ToList();
        if (rollups.Count == 0)
        {
            return new DevnetBridgeDeployment(contracts);
        }

        var operatorAddress = DevnetAccounts.AddressOf(DevnetAccounts.ArbitrumAndScroll);
        var l1 = new DevnetWallet(build.L1, DevnetAccounts.ArbitrumAndScroll, build.Logger);
        await DevnetReceiver.EnsureAsync(l1, build.Contracts, ct);
        foreach (var l2 in rollups)
        {
            var bridge = await l1.DeployAsync(build.Contracts[BridgeContract], DeployGas, ct);
            var inbox = await l1.DeployAsync(build.Contracts[InboxContract], DeployGas, ct, bridge.ContractAddress);
            var outbox = await l1.DeployAsync(build.Contracts[OutboxContract], DeployGas, ct, bridge.ContractAddress, new BigInteger(ChallengeWindowSeconds));
            await l1.SendAsync(bridge.ContractAddress, new SetDelayedInboxFunction { Inbox = inbox.ContractAddress, Enabled = true }, CallGas, BigInteger.Zero, ct);
            await l1.SendAsync(bridge.ContractAddress, new SetOutboxFunction { Outbox = outbox.ContractAddress, Enabled = true }, CallGas, BigInteger.Zero, ct);
            await AnvilCheats.SetBalanceAsync(l1.Web3, bridge.ContractAddress, InitialEscrowWei);

            var l2Wallet = new DevnetWallet(l2, DevnetAccounts.ArbitrumAndScroll, build.Logger);
            var retryables = await l2Wallet.DeployAsync(build.Contracts[RetryableContract], DeployGas, ct, operatorAddress, new BigInteger(RetryableLifetimeSeconds));
            var arbSys = await l2Wallet.DeployAsync(build.Contracts[ArbSysContract], DeployGas, ct);
            await AnvilCheats.CopyCodeAsync(l2Wallet.Web3, retryables.ContractAddress, Precompile(ArbitrumRetryableContracts.ArbRetryableTx));
            await AnvilCheats.CopyCodeAsync(l2Wallet.Web3, arbSys.ContractAddress, Precompile(ArbitrumOutboxContracts.ArbSys));
            await DevnetReceiver.EnsureAsync(l2Wallet, build.Contracts, ct);

            var l1Block = (long)bridge.BlockNumber.Value;
            var l2Block = (long)retryables.BlockNumber.Value;
            var retryableTx = Precompile(ArbitrumRetryableContracts.ArbRetryableTx);
            var arbSysAddress = Precompile(ArbitrumOutboxContracts.ArbSys);
            contracts.Add(new DevnetContract(ArbitrumRetryableContracts.BridgeKind, build.L1.ChainId, bridge.ContractAddress, l2.ChainId, retryableTx, l1Block));
            contracts.Add(new DevnetContract(ArbitrumRetryableContracts.InboxKind, build.L1.ChainId, inbox.ContractAddress, l2.ChainId, retryableTx, l1Block));
            contracts.Add(new DevnetContract(ArbitrumOutboxContracts.OutboxKind, build.L1.ChainId, outbox.ContractAddress, l2.ChainId, arbSysAddress, l1Block));
            contracts.Add(new DevnetContract(ArbitrumRetryableContracts.ArbRetryableTxKind, l2.ChainId, retryableTx, build.L1.ChainId, inbox.ContractAddress, l2Block));
            contracts.Add(new DevnetContract(ArbitrumOutboxContracts.ArbSysKind, l2.ChainId, arbSysAddress, build.L1.ChainId, outbox.ContractAddress, l2Block));
            timings.Add(new DevnetTiming(l2.ChainId, ChallengeWindowSeconds, RetryableLifetimeSeconds));
            build.Logger.LogInformation(
                "Arbitrum {L1} <-> {L2}: bridge {Bridge}, inbox {Inbox}, outbox {Outbox}; ArbRetryableTx and ArbSys stand-ins at {Retryable}, {ArbSys}; " +
                "compressed challenge window {Window} s, ticket lifetime {Lifetime} s",
                build.L1.Name, l2.Name, bridge.ContractAddress, inbox.ContractAddress, outbox.ContractAddress, retryableTx, arbSysAddress,
                ChallengeWindowSeconds, RetryableLifetimeSeconds);
        }

        return new DevnetBridgeDeployment(contracts, Timings: timings);
    }

    private static string Precompile(Core.Primitives.Address address) => address.ToString();
}
