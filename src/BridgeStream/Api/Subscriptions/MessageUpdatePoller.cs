using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Subscriptions;

/// <summary>
/// The one poller behind every <c>messageUpdated</c> subscription of the process: while anyone listens it asks
/// ClickHouse every <see cref="ApiOptions.SubscriptionPollMilliseconds"/> for message rows whose updated_at is newer
/// than the newest it has seen, and hands each new row version to every listener (who filter for themselves).
/// Rows written slightly out of updated_at order (two processors, clocks a little apart) are still caught: each poll
/// looks back <see cref="LookBack"/> and skips the (id, version) pairs it has already handed out.
/// </summary>
public sealed class MessageUpdatePoller(MessageQueries queries, IOptions<ApiOptions> options, ILogger<MessageUpdatePoller> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan LookBack = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly SemaphoreSlim starting = new(1, 1);
    private readonly Dictionary<(string Id, ulong Version), long> handedOut = [];
    private Action<MessageRecord>[] listeners = [];
    private CancellationTokenSource? stopping;
    private Task? loop;
    private long sinceMillis;

    /// <summary>
    /// Registers <paramref name="onUpdate"/> and, when it is the first listener, starts polling from the table's newest
    /// updated_at; returns once polling has its starting point, so every row written afterwards reaches the listener.
    /// Dispose the result to stop listening; the poller stops with its last listener.
    /// </summary>
    public async Task<IDisposable> ListenAsync(Action<MessageRecord> onUpdate, CancellationToken cancellationToken)
    {
        await starting.WaitAsync(cancellationToken);
        try
        {
            if (loop is null)
            {
                sinceMillis = await queries.LatestUpdateMillisAsync(cancellationToken);
                stopping = new CancellationTokenSource();
                loop = Task.Run(() => PollAsync(stopping.Token), CancellationToken.None);
            }

            lock (gate)
            {
                listeners = [.. listeners, onUpdate];
            }
        }
        finally
        {
            starting.Release();
        }

        return new Listening(this, onUpdate);
    }

    /// <summary>How many listeners are registered (for tests and diagnostics).</summary>
    public int ListenerCount => Volatile.Read(ref listeners).Length;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        starting.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.SubscriptionPollMilliseconds, 20, 10_000));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                await PollOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Polling ClickHouse for message updates failed; retrying");
                await Task.Delay(ErrorPause, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var rows = await queries.UpdatedSinceAsync(sinceMillis - (long)LookBack.TotalMilliseconds, cancellationToken);
        var current = Volatile.Read(ref listeners);
        foreach (var row in rows)
        {
            if (!handedOut.TryAdd((row.Id, row.Version), row.UpdatedAtMillis))
            {
                continue;
            }

            sinceMillis = Math.Max(sinceMillis, row.UpdatedAtMillis);
            foreach (var listener in current)
            {
                listener(row);
            }
        }

        ForgetOlderThan(sinceMillis - (long)LookBack.TotalMilliseconds);
    }

    private void ForgetOlderThan(long millis)
    {
        foreach (var key in handedOut.Where(entry => entry.Value < millis).Select(entry => entry.Key).ToList())
        {
            handedOut.Remove(key);
        }
    }

    private void Remove(Action<MessageRecord> listener)
    {
        bool last;
        lock (gate)
        {
            listeners = [.. listeners.Where(existing => existing != listener)];
            last = listeners.Length == 0;
        }

        if (last)
        {
            _ = StopWhenStillUnusedAsync();
        }
    }

    private async Task StopWhenStillUnusedAsync()
    {
        await starting.WaitAsync();
        try
        {
            if (ListenerCount == 0)
            {
                await StopLoopAsync();
            }
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task StopAsync()
    {
        await starting.WaitAsync();
        try
        {
            await StopLoopAsync();
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task StopLoopAsync()
    {
        if (loop is null)
        {
            return;
        }

        await stopping!.CancelAsync();
        await loop;
        stopping.Dispose();
        (loop, stopping) = (null, null);
        handedOut.Clear();
    }

    private sealed class Listening(MessageUpdatePoller poller, Action<MessageRecord> listener) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                poller.Remove(listener);
            }
        }
    }
}
