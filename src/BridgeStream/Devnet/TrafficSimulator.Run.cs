using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

public sealed partial class TrafficSimulator
{
    private const int MaxConsecutiveErrors = 10;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Continuous traffic: sender loops put deposits on the L1 (random L2, target, value, payload); one loop per L2 has the
    /// op-node include each after a random delay, makes a fraction fail and replays those later, and never includes a
    /// fraction (the lost ones: on a real chain op-node would include them; here they stand for deposits still pending).
    /// Beside them, the portal-only deposits, withdrawals and L2 -> L1 messages of the lifecycle loop.
    /// Returns the counters when cancelled, or when <see cref="SimulatorOptions.MaxDeposits"/> were sent and relayed.
    /// </summary>
    public async Task<SimulatorStats> RunAsync(SimulatorOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var run = new RunState(options, _deployment.OpStackChainIds.ToList());
        var clock = Stopwatch.StartNew();
        var senders = DevnetAccounts.DepositSenders.Take(options.SenderCount).Select(account => SendLoopAsync(run, account, cancellationToken)).ToList();
        var relayers = run.Schedules.Select(pair => RelayLoopAsync(run, pair.Key, pair.Value, cancellationToken)).ToList();
        var lifecycles = LifecycleLoopAsync(run, cancellationToken);
        try
        {
            await Task.WhenAll(senders);
        }
        finally
        {
            run.SendingFinished = true;
        }

        await Task.WhenAll(relayers);
        await lifecycles;
        var stats = run.Snapshot(clock.Elapsed);
        _logger.LogInformation("Traffic run finished: {Stats}", stats);
        return stats;
    }

    private async Task SendLoopAsync(RunState run, int account, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && run.TryReserveDeposit())
        {
            if (!await WaitForSlotAsync(run, cancellationToken))
            {
                return;
            }

            var l2 = run.PickL2();
            await GuardAsync(run, async () =>
            {
                var deposit = await SendDepositAsync(l2, _factory.Next(_deployment.TargetsOn(l2)), account, cancellationToken);
                run.CountDeposit();
                run.PlanRelay(deposit);
            }, cancellationToken);
        }
    }

    private static async Task<bool> WaitForSlotAsync(RunState run, CancellationToken cancellationToken)
    {
        var wait = run.NextSlotDelay();
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(wait, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RelayLoopAsync(RunState run, long l2ChainId, RelaySchedule schedule, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = schedule.TakeDue(DateTime.UtcNow);
            if (due is null)
            {
                if (run.SendingFinished && schedule.IsEmpty)
                {
                    return;
                }

                try
                {
                    await Task.Delay(IdlePoll, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await GuardAsync(run, () => RelayScheduledAsync(run, schedule, due, cancellationToken), cancellationToken);
        }
    }

    private async Task RelayScheduledAsync(RunState run, RelaySchedule schedule, ScheduledRelay due, CancellationToken cancellationToken)
    {
        var result = due.IsReplay
            ? await ReplayAsync(due.Deposit, cancellationToken)
            : await RelayAsync(due.Deposit, due.MakeFail, cancellationToken);
        run.CountRelay(result.Outcome, due.IsReplay);
        if (result.Outcome == RelayOutcome.Failed)
        {
            schedule.Add(due with { IsReplay = true, MakeFail = false }, DateTime.UtcNow + run.Options.ReplayDelay);
        }
    }

    // Logs and counts a failed step; stops the run (throws) only when the chain keeps failing.
    private async Task GuardAsync(RunState run, Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step();
            run.ResetErrors();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var consecutive = run.CountError();
            _logger.LogWarning(ex, "Traffic step failed ({Consecutive} in a row)", consecutive);
            if (consecutive >= MaxConsecutiveErrors)
            {
                throw new InvalidOperationException($"Traffic simulator stopped after {consecutive} consecutive failures; is the devnet still running?", ex);
            }
        }
    }
}
