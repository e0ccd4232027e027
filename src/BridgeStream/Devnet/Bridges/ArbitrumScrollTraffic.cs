using System.Numerics;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Arbitrum;
using BridgeStream.Devnet.Bridges.Scroll;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// Continuous Arbitrum and Scroll traffic for `up`: every <see cref="FlowInterval"/> one message flow starts (several run at
/// once), chosen at random with these shares:
/// <list type="bullet">
/// <item>Arbitrum retryables: auto-redeemed after an L1 -> L2 delay (26 %); auto-redeem fails, a manual redeem succeeds later
/// (7 %); auto-redeem fails and nobody redeems, so the ticket EXPIRES after the compressed lifetime (2 %); no auto-redeem
/// (gas limit 0), redeemed manually later (3 %) or never (2 %, expires); ETH deposits (6 %, stay SENT: their L2 deposit
/// transaction is a Nitro transaction type anvil cannot execute).</item>
/// <item>Arbitrum withdrawals: executed on the L1 outbox after the compressed challenge window plus a delay (9 %, some first
/// try too early and are refused on chain), never executed (2 %, READY_TO_FINALIZE forever).</item>
/// <item>Scroll deposits: relayed after a delay (25 %); the relay fails and a replay succeeds later (6 %); fails and is never
/// replayed (1 %); never relayed (1 %). Scroll withdrawals (10 %): relayed on the L1 after a few seconds standing for the
/// batch proof (not checked on the devnet).</item>
/// </list>
/// Failures are deliberate and deterministic: the target (<see cref="DevnetReceiver"/>) refuses a message until its
/// notBefore time. Everything is sent from <see cref="DevnetAccounts.ArbitrumAndScroll"/>.
/// </summary>
public sealed class ArbitrumScrollTraffic : IDevnetTraffic
{
    private static readonly BigInteger Gwei = 1_000_000_000;

    public string Name => "Arbitrum and Scroll";

    /// <summary>How often a new message flow starts.</summary>
    public TimeSpan FlowInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Flows in progress at most (each waits on its own delays).</summary>
    public int MaxConcurrentFlows { get; init; } = 48;

    /// <summary>Scales the flows' own delays (arrival, relay, redeem, proof); never the compressed challenge window or
    /// ticket lifetime, and a deliberate failure always lasts at least <see cref="MinFailure"/>.</summary>
    public double DelayScale { get; init; } = 1;

    /// <summary>The shortest time a message meant to fail first is refused by its receiver (a few block times of `up`).</summary>
    public static TimeSpan MinFailure { get; } = TimeSpan.FromSeconds(5);

    public async Task RunAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        var stats = await RunWithStatsAsync(deployment, options, logger, ct);
        if (stats.Failure is { } failure)
        {
            throw new InvalidOperationException($"Arbitrum and Scroll traffic stopped after {WeightedFlowRun.MaxConsecutiveErrors} consecutive failures; is the devnet still running?", failure);
        }
    }

    /// <summary>The run of <see cref="RunAsync"/>, returning what it did (flows completed by name, errors) instead of throwing.</summary>
    internal async Task<DevnetTrafficStats> RunWithStatsAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        var wallets = new AccountWallets(deployment, DevnetAccounts.ArbitrumAndScroll, logger);
        var arbitrum = new ArbitrumSimulator(wallets, logger);
        var scroll = new ScrollSimulator(wallets);
        var flows = Flows(arbitrum, scroll);
        if (flows.Count == 0)
        {
            logger.LogInformation("No Arbitrum or Scroll rollup on this devnet: no traffic for them");
            return DevnetTrafficStats.Empty;
        }

        logger.LogInformation(
            "Arbitrum and Scroll traffic: a flow every {Interval} s on Arbitrum {Arbitrum} and Scroll {Scroll}; compressed waits: challenge window {Window} s, ticket lifetime {Lifetime} s",
            FlowInterval.TotalSeconds, string.Join(", ", arbitrum.Rollups), string.Join(", ", scroll.Rollups),
            ArbitrumRollupBridge.ChallengeWindowSeconds, ArbitrumRollupBridge.RetryableLifetimeSeconds);
        var stats = await new WeightedFlowRun(logger, MaxConcurrentFlows).RunAsync(flows, new Random(options.Seed), FlowInterval, options.MaxDeposits, ct);
        logger.LogInformation("Arbitrum and Scroll traffic stopped: {Stats}", stats);
        return stats;
    }

    private List<DevnetFlow> Flows(ArbitrumSimulator arbitrum, ScrollSimulator scroll)
    {
        var flows = new List<DevnetFlow>();
        if (arbitrum.Rollups.Count > 0)
        {
            flows.Add(new DevnetFlow("retryable auto-redeemed", 26, r => Retryable(arbitrum, r, RetryableScenario.AutoRedeemed)));
            flows.Add(new DevnetFlow("retryable failed, redeemed later", 7, r => Retryable(arbitrum, r, RetryableScenario.FailedThenRedeemed)));
            flows.Add(new DevnetFlow("retryable failed, expires", 2, r => Retryable(arbitrum, r, RetryableScenario.FailedNeverRedeemed)));
            flows.Add(new DevnetFlow("retryable manual redeem", 3, r => Retryable(arbitrum, r, RetryableScenario.ManuallyRedeemed)));
            flows.Add(new DevnetFlow("retryable never redeemed, expires", 2, r => Retryable(arbitrum, r, RetryableScenario.NeverRedeemed)));
            flows.Add(new DevnetFlow("ETH deposit", 6, r =>
            {
                var (l2, value) = (Pick(r, arbitrum.Rollups), Gwei * r.Next(1, 1_000_000));
                return ct => arbitrum.SendEthDepositAsync(l2, value, ct);
            }));
            flows.Add(new DevnetFlow("withdrawal executed", 9, r => Withdrawal(arbitrum, r, execute: true)));
            flows.Add(new DevnetFlow("withdrawal never executed", 2, r => Withdrawal(arbitrum, r, execute: false)));
        }

        if (scroll.Rollups.Count > 0)
        {
            flows.Add(new DevnetFlow("Scroll deposit", 25, r => ScrollDeposit(scroll, r, ScrollScenario.Relayed)));
            flows.Add(new DevnetFlow("Scroll deposit failed, replayed", 6, r => ScrollDeposit(scroll, r, ScrollScenario.FailedThenReplayed)));
            flows.Add(new DevnetFlow("Scroll deposit failed for good", 1, r => ScrollDeposit(scroll, r, ScrollScenario.FailedForGood)));
            flows.Add(new DevnetFlow("Scroll deposit never relayed", 1, r => ScrollDeposit(scroll, r, ScrollScenario.NeverRelayed)));
            flows.Add(new DevnetFlow("Scroll withdrawal", 10, r => ScrollWithdrawal(scroll, r)));
        }

        return flows;
    }

    private enum RetryableScenario
    {
        AutoRedeemed,
        FailedThenRedeemed,
        FailedNeverRedeemed,
        ManuallyRedeemed,
        NeverRedeemed,
    }

    private enum ScrollScenario
    {
        Relayed,
        FailedThenReplayed,
        FailedForGood,
        NeverRelayed,
    }

    private Func<CancellationToken, Task> Retryable(ArbitrumSimulator arbitrum, Random r, RetryableScenario scenario)
    {
        var l2 = Pick(r, arbitrum.Rollups);
        var arrival = Seconds(r, 1, 5);      // L1 -> L2: the message waits for the sequencer to include it
        var failFor = FailFor(r);
        var redeemAfter = Seconds(r, 4, 15); // a manual redeem, well inside the compressed ticket lifetime
        var value = Gwei * r.Next(0, 100_000);
        var payload = Payload(r);
        return async ct =>
        {
            var failUntil = Now() + (long)Math.Ceiling((arrival + failFor).TotalSeconds);
            var notBefore = scenario switch
            {
                RetryableScenario.FailedThenRedeemed => failUntil,
                RetryableScenario.FailedNeverRedeemed => DevnetReceiver.Never,
                _ => BigInteger.Zero,
            };
            var autoRedeem = scenario is not (RetryableScenario.ManuallyRedeemed or RetryableScenario.NeverRedeemed);
            var sent = await arbitrum.SendRetryableAsync(l2, arbitrum.ReceiverRetryable(notBefore, payload, value, autoRedeem), ct);
            await Task.Delay(arrival, ct);
            await arbitrum.CreateTicketAsync(sent, ct);
            if (autoRedeem)
            {
                var auto = await arbitrum.RedeemAsync(sent, auto: true, ct);
                Expect(auto.Succeeded == (scenario == RetryableScenario.AutoRedeemed), $"auto-redeem of ticket {sent.TicketId} (retry {auto.RetryTxHash})", auto.Succeeded);
            }

            if (scenario is RetryableScenario.FailedThenRedeemed or RetryableScenario.ManuallyRedeemed)
            {
                if (scenario == RetryableScenario.FailedThenRedeemed)
                {
                    await WaitUntilAsync(failUntil + 1, ct);
                }
                else
                {
                    await Task.Delay(redeemAfter, ct);
                }

                var manual = await arbitrum.RedeemAsync(sent, auto: false, ct);
                Expect(manual.Succeeded, $"manual redeem of ticket {sent.TicketId} (retry {manual.RetryTxHash})", manual.Succeeded);
            }
        };
    }

    private Func<CancellationToken, Task> Withdrawal(ArbitrumSimulator arbitrum, Random r, bool execute)
    {
        var l2 = Pick(r, arbitrum.Rollups);
        var value = Gwei * r.Next(0, 1_000_000);
        var withData = r.Next(2) == 0;
        var payload = Payload(r);
        var assertAfter = Seconds(r, 1, 3);
        var executeLate = Seconds(r, 0, 10);
        var tryEarly = r.Next(4) == 0;
        return async ct =>
        {
            var sent = withData
                ? await arbitrum.WithdrawAsync(l2, DevnetReceiver.Address, value, DevnetReceiver.Message(0, payload), ct)
                : await arbitrum.WithdrawAsync(l2, arbitrum.Operator, value, [], ct);
            await Task.Delay(assertAfter, ct);
            await arbitrum.RecordSendAsync(sent, ct);
            if (!execute)
            {
                return;
            }

            if (tryEarly && (await arbitrum.TryExecuteAsync(sent, ct)).Executed)
            {
                throw new InvalidOperationException($"The outbox executed withdrawal {sent.Position} of chain {l2} inside its challenge window.");
            }

            await Task.Delay(executeLate, ct);
            var execution = await arbitrum.ExecuteWhenReadyAsync(sent, ct);
            if (!execution.Executed)
            {
                throw new InvalidOperationException($"The outbox refused withdrawal {sent.Position} of chain {l2} after its challenge window (tx {execution.L1TxHash}).");
            }
        };
    }

    private Func<CancellationToken, Task> ScrollDeposit(ScrollSimulator scroll, Random r, ScrollScenario scenario)
    {
        var l2 = Pick(r, scroll.Rollups);
        var relayAfter = Seconds(r, 1, 8);
        var failFor = FailFor(r);
        var value = Gwei * r.Next(0, 1_000_000);
        var payload = Payload(r);
        return async ct =>
        {
            var failUntil = Now() + (long)Math.Ceiling((relayAfter + failFor).TotalSeconds);
            var notBefore = scenario switch
            {
                ScrollScenario.FailedThenReplayed => failUntil,
                ScrollScenario.FailedForGood => DevnetReceiver.Never,
                _ => BigInteger.Zero,
            };
            var sent = await scroll.SendDepositAsync(l2, DevnetReceiver.Address, value, DevnetReceiver.Message(notBefore, payload), 200_000, ct);
            if (scenario == ScrollScenario.NeverRelayed)
            {
                return;
            }

            await Task.Delay(relayAfter, ct);
            var relay = await scroll.RelayDepositAsync(sent, ct);
            Expect(relay.Succeeded == (scenario == ScrollScenario.Relayed), $"relay of Scroll deposit {sent.Hash} (tx {relay.TxHash})", relay.Succeeded);
            if (scenario == ScrollScenario.FailedThenReplayed)
            {
                await WaitUntilAsync(failUntil + 1, ct);
                var replay = await scroll.ReplayDepositAsync(sent, ct);
                Expect(replay.Succeeded, $"replay of Scroll deposit {sent.Hash} (tx {replay.TxHash})", replay.Succeeded);
            }
        };
    }

    private Func<CancellationToken, Task> ScrollWithdrawal(ScrollSimulator scroll, Random r)
    {
        var l2 = Pick(r, scroll.Rollups);
        var provenAfter = Seconds(r, 3, 12); // stands for the batch being committed, proven and finalized on L1
        var value = Gwei * r.Next(0, 1_000_000);
        var payload = Payload(r);
        return async ct =>
        {
            var sent = await scroll.SendWithdrawalAsync(l2, DevnetReceiver.Address, value, DevnetReceiver.Message(0, payload), 200_000, ct);
            await Task.Delay(provenAfter, ct);
            var relay = await scroll.RelayWithdrawalAsync(sent, ct);
            Expect(relay.Succeeded, $"L1 relay of Scroll withdrawal {sent.Hash} (tx {relay.TxHash})", relay.Succeeded);
        };
    }

    // A flow whose outcome is not the one planned failed (counted, logged), whatever the chain said.
    private static void Expect(bool asPlanned, string what, bool succeeded)
    {
        if (!asPlanned)
        {
            throw new InvalidOperationException($"Unplanned outcome: the {what} {(succeeded ? "succeeded" : "failed")}.");
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static long Pick(Random r, IReadOnlyList<long> chains) => chains[r.Next(chains.Count)];

    private TimeSpan Seconds(Random r, int min, int max) => TimeSpan.FromMilliseconds(r.Next(min * 1000, (max * 1000) + 1) * DelayScale);

    // How long a fail-first message is refused: from its send, past the first attempt, until the retry may succeed.
    private TimeSpan FailFor(Random r) => TimeSpan.FromTicks(Math.Max(Seconds(r, 6, 15).Ticks, MinFailure.Ticks));

    private static async Task WaitUntilAsync(long unixSeconds, CancellationToken ct)
    {
        var wait = DateTimeOffset.FromUnixTimeSeconds(unixSeconds) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
    }

    private static byte[] Payload(Random r)
    {
        var payload = new byte[r.Next(0, 96)];
        r.NextBytes(payload);
        return payload;
    }
}
