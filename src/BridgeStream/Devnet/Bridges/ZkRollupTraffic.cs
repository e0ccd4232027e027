using System.Numerics;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Linea;
using BridgeStream.Devnet.Bridges.Zksync;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// Continuous Linea and zkSync traffic for `up` (on their STAND-IN rollups): every <see cref="FlowInterval"/> one flow
/// starts (several run at once), chosen at random with these shares:
/// <list type="bullet">
/// <item>Linea deposits: sent on L1, anchored on L2 by the coordinator after an arrival delay, then claimed (30 %) or never
/// claimed (4 %, SENT forever). Linea withdrawals: sent on L2, claimed on L1 after a few seconds standing for the block's
/// finalization with a validity proof (14 %) or never claimed (3 %).</item>
/// <item>zkSync deposits (priority requests): the operator runs them on L2 after an arrival delay; the call succeeds (30 %)
/// or its target refuses it for good (4 %: status 0, FAILED, as on Era where the funds are then claimable back on L1).
/// zkSync withdrawals (ETH through L2BaseToken, to a fresh receiver so that the content key is unique): finalized on L1
/// after a few seconds standing for the batch being committed, proven and executed (12 %) or never finalized (3 %).</item>
/// </list>
/// Neither protocol has a deadline or window of its own (no <see cref="DevnetTiming"/>): the waits are the traffic's.
/// Everything is sent from <see cref="DevnetAccounts.ZkRollups"/>.
/// </summary>
public sealed class ZkRollupTraffic : IDevnetTraffic
{
    private static readonly BigInteger Gwei = 1_000_000_000;
    private static readonly BigInteger L2GasLimit = 300_000;

    public string Name => "Linea and zkSync";

    /// <summary>How often a new flow starts.</summary>
    public TimeSpan FlowInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Flows in progress at most.</summary>
    public int MaxConcurrentFlows { get; init; } = 24;

    /// <summary>Scales the flows' delays (arrival, claim, finalization).</summary>
    public double DelayScale { get; init; } = 1;

    public async Task RunAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        var stats = await RunWithStatsAsync(deployment, options, logger, ct);
        if (stats.Failure is { } failure)
        {
            throw new InvalidOperationException($"Linea and zkSync traffic stopped after {WeightedFlowRun.MaxConsecutiveErrors} consecutive failures; is the devnet still running?", failure);
        }
    }

    /// <summary>The run of <see cref="RunAsync"/>, returning what it did instead of throwing.</summary>
    internal async Task<DevnetTrafficStats> RunWithStatsAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        var wallets = new AccountWallets(deployment, DevnetAccounts.ZkRollups, logger);
        var flows = Flows(new LineaSimulator(wallets), new ZksyncSimulator(wallets));
        if (flows.Count == 0)
        {
            logger.LogInformation("No Linea or zkSync rollup on this devnet: no traffic for them");
            return DevnetTrafficStats.Empty;
        }

        logger.LogInformation("Linea and zkSync traffic (stand-in rollups): a flow every {Interval} s", FlowInterval.TotalSeconds);
        var stats = await new WeightedFlowRun(logger, MaxConcurrentFlows).RunAsync(flows, new Random(options.Seed + 17), FlowInterval, options.MaxDeposits, ct);
        logger.LogInformation("Linea and zkSync traffic stopped: {Stats}", stats);
        return stats;
    }

    private List<DevnetFlow> Flows(LineaSimulator linea, ZksyncSimulator zksync)
    {
        var flows = new List<DevnetFlow>();
        if (linea.Rollups.Count > 0)
        {
            flows.Add(new DevnetFlow("Linea deposit claimed", 30, r => LineaDeposit(linea, r, claim: true)));
            flows.Add(new DevnetFlow("Linea deposit never claimed", 4, r => LineaDeposit(linea, r, claim: false)));
            flows.Add(new DevnetFlow("Linea withdrawal claimed", 14, r => LineaWithdrawal(linea, r, claim: true)));
            flows.Add(new DevnetFlow("Linea withdrawal never claimed", 3, r => LineaWithdrawal(linea, r, claim: false)));
        }

        if (zksync.Rollups.Count > 0)
        {
            flows.Add(new DevnetFlow("zkSync deposit executed", 30, r => ZksyncDeposit(zksync, r, succeeds: true)));
            flows.Add(new DevnetFlow("zkSync deposit failed on L2", 4, r => ZksyncDeposit(zksync, r, succeeds: false)));
            flows.Add(new DevnetFlow("zkSync withdrawal finalized", 12, r => ZksyncWithdrawal(zksync, r, finalize: true)));
            flows.Add(new DevnetFlow("zkSync withdrawal never finalized", 3, r => ZksyncWithdrawal(zksync, r, finalize: false)));
        }

        return flows;
    }

    private Func<CancellationToken, Task> LineaDeposit(LineaSimulator linea, Random r, bool claim)
    {
        var (l2, arrival, claimAfter, fee, value, payload) = (Pick(r, linea.Rollups), Seconds(r, 1, 5), Seconds(r, 0, 6), Gwei * r.Next(0, 1000), Gwei * r.Next(0, 1_000_000), Payload(r));
        return async ct =>
        {
            var sent = await linea.SendDepositAsync(l2, DevnetReceiver.Address, fee, value, DevnetReceiver.Message(0, payload), ct);
            await Task.Delay(arrival, ct);
            await linea.AnchorAsync(l2, [sent], ct);
            if (claim)
            {
                await Task.Delay(claimAfter, ct);
                await linea.ClaimDepositAsync(sent, ct);
            }
        };
    }

    private Func<CancellationToken, Task> LineaWithdrawal(LineaSimulator linea, Random r, bool claim)
    {
        var (l2, finalized, fee, value, payload) = (Pick(r, linea.Rollups), Seconds(r, 3, 12), Gwei * r.Next(0, 1000), Gwei * r.Next(0, 1_000_000), Payload(r));
        return async ct =>
        {
            var sent = await linea.SendWithdrawalAsync(l2, DevnetReceiver.Address, fee, value, DevnetReceiver.Message(0, payload), ct);
            if (claim)
            {
                await Task.Delay(finalized, ct); // stands for the L2 block's finalization on L1 with a validity proof
                await linea.ClaimWithdrawalAsync(sent, ct);
            }
        };
    }

    private Func<CancellationToken, Task> ZksyncDeposit(ZksyncSimulator zksync, Random r, bool succeeds)
    {
        var (l2, arrival, value, payload) = (Pick(r, zksync.Rollups), Seconds(r, 1, 5), Gwei * r.Next(0, 1_000_000), Payload(r));
        var notBefore = succeeds ? BigInteger.Zero : DevnetReceiver.Never;
        return async ct =>
        {
            var sent = await zksync.SendDepositAsync(l2, DevnetReceiver.Address, value, DevnetReceiver.Message(notBefore, payload), L2GasLimit, ct);
            await Task.Delay(arrival, ct);
            var executed = await zksync.ExecuteAsync(sent, L2GasLimit, ct);
            if (executed.Succeeded != succeeds || executed.CanonicalTxHash != sent.CanonicalTxHash)
            {
                throw new InvalidOperationException($"Unplanned outcome: zkSync priority transaction {sent.CanonicalTxHash} ran with status {executed.Succeeded} and key {executed.CanonicalTxHash} (tx {executed.TxHash}).");
            }
        };
    }

    private Func<CancellationToken, Task> ZksyncWithdrawal(ZksyncSimulator zksync, Random r, bool finalize)
    {
        var (l2, executed, amount) = (Pick(r, zksync.Rollups), Seconds(r, 3, 12), Gwei * r.Next(1, 1_000_000));
        var receiver = new byte[20];
        r.NextBytes(receiver);
        return async ct =>
        {
            var sent = await zksync.SendWithdrawalAsync(l2, new Core.Primitives.Address(receiver).ToString(), amount, ct);
            if (finalize)
            {
                await Task.Delay(executed, ct); // stands for the batch being committed, proven and executed on L1
                await zksync.FinalizeAsync(sent, ct);
            }
        };
    }

    private static long Pick(Random r, IReadOnlyList<long> chains) => chains[r.Next(chains.Count)];

    private TimeSpan Seconds(Random r, int min, int max) => TimeSpan.FromMilliseconds(r.Next(min * 1000, (max * 1000) + 1) * DelayScale);

    private static byte[] Payload(Random r)
    {
        var payload = new byte[r.Next(0, 96)];
        r.NextBytes(payload);
        return payload;
    }
}
