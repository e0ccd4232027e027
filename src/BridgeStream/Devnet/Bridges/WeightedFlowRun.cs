using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges;

/// <summary>One kind of message flow of a devnet traffic: its share of the starts and how to plan one from the random source.</summary>
internal sealed record DevnetFlow(string Name, int Weight, Func<Random, Func<CancellationToken, Task>> Plan);

/// <summary>What a traffic run did: flows completed by name, failed flows, and the failure that stopped it (if any).</summary>
internal sealed record DevnetTrafficStats(IReadOnlyDictionary<string, long> Completed, long Errors, Exception? Failure)
{
    public static DevnetTrafficStats Empty { get; } = new(new Dictionary<string, long>(), 0, null);

    public override string ToString() =>
        string.Join(", ", Completed.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")) + $"; failed flows: {Errors}";
}

/// <summary>
/// Starts weighted random flows at a fixed interval, at most <c>maxConcurrent</c> at once, until cancelled, a flow limit
/// is reached or <see cref="MaxConsecutiveErrors"/> flows failed in a row (the consecutive-failure rule of
/// <see cref="IDevnetTraffic"/>); then waits for the flows in progress. Shared by the devnet traffics that run flows.
/// </summary>
internal sealed class WeightedFlowRun(ILogger logger, int maxConcurrent)
{
    public const int MaxConsecutiveErrors = 10;

    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly ConcurrentDictionary<string, long> _completed = new();
    private long _errors;
    private int _consecutiveErrors;
    private Exception? _failure;

    public async Task<DevnetTrafficStats> RunAsync(IReadOnlyList<DevnetFlow> flows, Random random, TimeSpan interval, long? maxFlows, CancellationToken ct)
    {
        var totalWeight = flows.Sum(f => f.Weight);
        try
        {
            for (long started = 0; !ct.IsCancellationRequested && !Failing && (maxFlows is not { } max || started < max); started++)
            {
                var pick = random.Next(totalWeight);
                var flow = flows.First(f => (pick -= f.Weight) < 0);
                await StartAsync(flow.Name, flow.Plan(random), ct);
                await Task.Delay(interval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }

        await Task.WhenAll(_running.Keys);
        return new(new Dictionary<string, long>(_completed, StringComparer.Ordinal), Interlocked.Read(ref _errors), Volatile.Read(ref _failure));
    }

    private bool Failing => Volatile.Read(ref _failure) is not null;

    private async Task StartAsync(string name, Func<CancellationToken, Task> flow, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var task = Task.Run(() => RunFlowAsync(name, flow, ct), CancellationToken.None);
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RunFlowAsync(string name, Func<CancellationToken, Task> flow, CancellationToken ct)
    {
        try
        {
            await flow(ct);
            _completed.AddOrUpdate(name, 1, (_, n) => n + 1);
            Interlocked.Exchange(ref _consecutiveErrors, 0);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _errors);
            var consecutive = Interlocked.Increment(ref _consecutiveErrors);
            logger.LogWarning(ex, "{Flow} failed ({Consecutive} in a row)", name, consecutive);
            if (consecutive >= MaxConsecutiveErrors)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
