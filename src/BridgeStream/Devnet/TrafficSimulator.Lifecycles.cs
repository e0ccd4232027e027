using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

public sealed partial class TrafficSimulator
{
    private static readonly string[] LifecycleNames = ["portal deposit", "withdrawal", "L2 -> L1 message", "standard-bridge deposit"];

    /// <summary>
    /// The OP Stack's other lifecycles, beside the messenger deposits of <see cref="RunAsync"/>, at
    /// <see cref="SimulatorOptions.LifecyclesPerSecond"/>: portal-only deposits (ETH to fresh accounts, calls to targets,
    /// some reverting on L2: FAILED), plain withdrawals (proven after a few seconds, finalized once the COMPRESSED proof
    /// maturity delay has passed; some never proven; some whose L1 call fails: FAILED), and L2 -> L1 messenger messages
    /// (relayed on L1 by their finalized withdrawal; some fail on L1 and are replayed later). A bounded run stops starting
    /// new ones when its deposits are sent and leaves the unfinished ones as they are.
    /// </summary>
    private async Task LifecycleLoopAsync(RunState run, CancellationToken ct)
    {
        var options = run.Options;
        if (options.LifecyclesPerSecond <= 0)
        {
            return;
        }

        var random = new Random(options.Seed + 17);
        var schedule = new PriorityQueue<Func<Task>, DateTime>();
        var running = new ConcurrentDictionary<Task, bool>();
        var counters = new ConcurrentDictionary<string, int>();
        var consecutiveErrors = 0;
        var interval = TimeSpan.FromSeconds(1 / options.LifecyclesPerSecond);
        var nextStart = DateTime.UtcNow + interval;
        var l2s = _deployment.OpStackChainIds.ToList();

        void Count(string what) => counters.AddOrUpdate(what, 1, (_, n) => n + 1);
        void Later(TimeSpan delay, Func<Task> step)
        {
            lock (schedule)
            {
                schedule.Enqueue(step, DateTime.UtcNow + delay);
            }
        }

        TimeSpan Between(TimeSpan min, TimeSpan max)
        {
            lock (random)
            {
                return min + ((max - min) * random.NextDouble());
            }
        }

        double Roll()
        {
            lock (random)
            {
                return random.NextDouble();
            }
        }

        void Run(Func<Task> step)
        {
            var task = Task.Run(async () =>
            {
                try
                {
                    await step().ConfigureAwait(false);
                    Interlocked.Exchange(ref consecutiveErrors, 0);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Count("errors");
                    _logger.LogWarning(ex, "OP Stack lifecycle step failed ({Consecutive} in a row)", Interlocked.Increment(ref consecutiveErrors));
                }
            }, CancellationToken.None);
            running[task] = true;
            _ = task.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
        }

        while (!ct.IsCancellationRequested && !run.SendingFinished && Volatile.Read(ref consecutiveErrors) < MaxConsecutiveErrors)
        {
            if (DateTime.UtcNow >= nextStart)
            {
                nextStart += interval;
                int l2Index, kind;
                lock (random)
                {
                    l2Index = random.Next(l2s.Count);
                    kind = random.Next(LifecycleNames.Length);
                }

                var l2 = l2s[l2Index];
                Run(kind switch
                {
                    0 => () => PortalDepositLifecycleAsync(l2, Roll(), Between(options.MinRelayDelay, options.MaxRelayDelay), Later, Count, ct),
                    1 => () => WithdrawalLifecycleAsync(l2, Roll(), Between, Later, Count, ct),
                    3 => () => StandardBridgeLifecycleAsync(l2, Roll(), Between(options.MinRelayDelay, options.MaxRelayDelay), Later, Count, ct),
                    _ => () => L2ToL1MessageLifecycleAsync(l2, Roll(), Between, options.ReplayDelay, Later, Count, ct),
                });
            }

            Func<Task>? due = null;
            lock (schedule)
            {
                if (schedule.TryPeek(out _, out var at) && at <= DateTime.UtcNow)
                {
                    due = schedule.Dequeue();
                }
            }

            if (due is not null)
            {
                Run(due);
                continue;
            }

            try
            {
                await Task.Delay(IdlePoll, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running.Keys).ConfigureAwait(false);
        _logger.LogInformation("OP Stack lifecycle traffic stopped: {Counters}", string.Join(", ", counters.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));
    }

    // 60 %: ETH to a fresh L2 account; 25 %: a call to a MessageTarget; 15 %: call data the target rejects (FAILED on L2).
    private async Task PortalDepositLifecycleAsync(long l2, double roll, TimeSpan derivationDelay, Action<TimeSpan, Func<Task>> later, Action<string> count, CancellationToken ct)
    {
        var target = _deployment.TargetsOn(l2)[0];
        var (to, value, data) = roll switch
        {
            < 0.60 => (FreshAddress(), new BigInteger(1_000_000_000_000) * (1 + (int)(roll * 1000)), Array.Empty<byte>()),
            < 0.85 => (target.Address, BigInteger.Zero, _factory.ToContract(target, BigInteger.Zero, 50_000).Message),
            _ => (target.Address, BigInteger.Zero, new byte[] { 0xde, 0xad, 0xbe, 0xef }),
        };
        var deposit = await SendPortalDepositAsync(l2, to, value, 150_000, data, mint: value + 1, ct: ct);
        count("portal deposits sent");
        later(derivationDelay, async () => count((await IncludeDepositAsync(deposit, ct)).Succeeded ? "portal deposits executed" : "portal deposits failed on L2"));
    }

    // ETH or the devnet token through the StandardBridge stand-in: a messenger deposit whose message records asset and amount.
    private async Task StandardBridgeLifecycleAsync(long l2, double roll, TimeSpan derivationDelay, Action<TimeSpan, Func<Task>> later, Action<string> count, CancellationToken ct)
    {
        var amount = new BigInteger(1_000_000_000_000) * (1 + (int)(roll * 1000));
        var deposit = roll < 0.5 ? await BridgeEthAsync(l2, FreshAddress(), amount, ct: ct) : (await BridgeErc20Async(l2, FreshAddress(), amount, ct: ct)).Deposit;
        count(roll < 0.5 ? "standard-bridge ETH deposits sent" : "standard-bridge token deposits sent");
        later(derivationDelay, async () => count((await RelayAsync(deposit, makeFail: false, ct)).Outcome == RelayOutcome.Relayed
            ? "standard-bridge deposits finalized" : "standard-bridge deposits failed"));
    }

    // 10 %: never proven; 15 %: the L1 call fails on finalization (FAILED); the rest proven and finalized.
    private async Task WithdrawalLifecycleAsync(long l2, double roll, Func<TimeSpan, TimeSpan, TimeSpan> between, Action<TimeSpan, Func<Task>> later, Action<string> count, CancellationToken ct)
    {
        var account = DevnetAccounts.DepositSenders[(int)(roll * 1000) % DevnetAccounts.DepositSenders.Count];
        var failing = roll is >= 0.10 and < 0.25;
        var (target, call, tag) = L1TargetCall(l2);
        var withdrawal = failing
            ? await InitiateWithdrawalAsync(l2, target, 0, 60_000, call, account, ct)
            : await InitiateWithdrawalAsync(l2, FreshAddress(), new BigInteger(1_000_000_000_000) * (1 + (int)(roll * 1000)), 100_000, [], account, ct);
        count("withdrawals sent");
        if (roll < 0.10)
        {
            count("withdrawals never proven");
            return;
        }

        later(between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), async () =>
        {
            await ProveWithdrawalAsync(withdrawal, ct);
            count("withdrawals proven");
            later(FinalizeDelay(l2, between), async () =>
            {
                if (failing)
                {
                    await SetL1TargetBlockedAsync(target, tag, blocked: true, ct);
                }

                count((await FinalizeWithdrawalAsync(withdrawal, ct)).Success ? "withdrawals finalized" : "withdrawals finalized, call failed");
            });
        });
    }

    // An L2 -> L1 messenger message: proven, finalized (the L1 messenger relays it); a FailFraction-like share fails on L1, replayed later.
    private async Task L2ToL1MessageLifecycleAsync(
        long l2, double roll, Func<TimeSpan, TimeSpan, TimeSpan> between, TimeSpan replayDelay, Action<TimeSpan, Func<Task>> later, Action<string> count,
        CancellationToken ct)
    {
        var account = DevnetAccounts.DepositSenders[(int)(roll * 1000) % DevnetAccounts.DepositSenders.Count];
        var (target, call, tag) = L1TargetCall(l2);
        var message = await SendMessageToL1Async(l2, target, call, 50_000, 0, tag, account, ct);
        count("L2 -> L1 messages sent");
        later(between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), async () =>
        {
            await ProveWithdrawalAsync(message.Withdrawal, ct);
            later(FinalizeDelay(l2, between), async () =>
            {
                var fail = roll < 0.2;
                if (fail)
                {
                    await SetL1TargetBlockedAsync(target, tag, blocked: true, ct);
                }

                var finalized = await FinalizeWithdrawalAsync(message.Withdrawal, ct);
                count(finalized.MessengerOutcome == RelayOutcome.Relayed ? "L2 -> L1 messages relayed" : "L2 -> L1 messages failed on L1");
                if (finalized.MessengerOutcome == RelayOutcome.Failed)
                {
                    later(replayDelay, async () => count((await ReplayOnL1Async(message, ct)).Outcome == RelayOutcome.Relayed ? "L2 -> L1 messages replayed" : "L2 -> L1 replays failed"));
                }
            });
        });
    }

    private static string FreshAddress() => "0x" + Guid.NewGuid().ToString("N") + "0000beef";

    // The portal finalizes once block.timestamp - provenAt > the (compressed) delay; a little later, so the L1 block time is past it.
    private TimeSpan FinalizeDelay(long l2, Func<TimeSpan, TimeSpan, TimeSpan> between) =>
        TimeSpan.FromSeconds(_deployment.ChallengeWindowSeconds(l2) + 2) + between(TimeSpan.Zero, TimeSpan.FromSeconds(10));
}
