using BridgeStream.Core.Alerting;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Alerts;

/// <summary>
/// The one poller behind every <c>alertChanged</c> subscription of the process: while anyone listens it asks ClickHouse
/// every <see cref="ApiOptions.SubscriptionPollMilliseconds"/> for alert changes inserted since the newest it has seen
/// (looking back a second, and skipping transition ids it already handed out, so a change inserted slightly out of order
/// or re-inserted by a retry reaches each listener once).
/// </summary>
public sealed class AlertChangePoller(AlertQueries queries, IOptions<ApiOptions> options, ILogger<AlertChangePoller> logger) : IAsyncDisposable
{
    private static readonly TimeSpan LookBack = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly Dictionary<string, long> _handedOut = new(StringComparer.Ordinal);
    private Action<AlertChange>[] _listeners = [];
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private long _sinceMillis;

    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    /// <summary>Registers a listener; returns once polling has its starting point (every later change reaches it).</summary>
    public async Task<IDisposable> ListenAsync(Action<AlertChange> onChange, CancellationToken ct)
    {
        await _starting.WaitAsync(ct);
        try
        {
            if (_loop is null)
            {
                _sinceMillis = await queries.LatestInsertMillisAsync(ct);
                _stopping = new CancellationTokenSource();
                _loop = Task.Run(() => PollAsync(_stopping.Token), CancellationToken.None);
            }

            lock (_gate)
            {
                _listeners = [.. _listeners, onChange];
            }
        }
        finally
        {
            _starting.Release();
        }

        return new Listening(this, onChange);
    }

    public async ValueTask DisposeAsync()
    {
        await _starting.WaitAsync();
        try
        {
            await StopLoopAsync();
        }
        finally
        {
            _starting.Release();
        }

        _starting.Dispose();
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.SubscriptionPollMilliseconds, 20, 10_000));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, ct);
                var rows = await queries.ChangesSinceAsync(_sinceMillis - (long)LookBack.TotalMilliseconds, ct);
                var current = Volatile.Read(ref _listeners);
                foreach (var (change, insertedAt) in rows)
                {
                    _sinceMillis = Math.Max(_sinceMillis, insertedAt);
                    if (!_handedOut.TryAdd(change.TransitionId, insertedAt))
                    {
                        continue;
                    }

                    foreach (var listener in current)
                    {
                        listener(change);
                    }
                }

                var forgetBefore = _sinceMillis - (long)(LookBack.TotalMilliseconds * 60);
                foreach (var key in _handedOut.Where(e => e.Value < forgetBefore).Select(e => e.Key).ToList())
                {
                    _handedOut.Remove(key);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling ClickHouse for alert changes failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Remove(Action<AlertChange> listener)
    {
        bool last;
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != listener)];
            last = _listeners.Length == 0;
        }

        if (last)
        {
            _ = StopWhenUnusedAsync();
        }
    }

    private async Task StopWhenUnusedAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (ListenerCount == 0)
            {
                await StopLoopAsync();
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task StopLoopAsync()
    {
        if (_loop is null)
        {
            return;
        }

        await _stopping!.CancelAsync();
        await _loop;
        _stopping.Dispose();
        (_loop, _stopping) = (null, null);
        _handedOut.Clear();
    }

    private sealed class Listening(AlertChangePoller poller, Action<AlertChange> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                poller.Remove(listener);
            }
        }
    }
}

/// <summary>One <c>alertChanged</c> subscription: the poller's changes that match its filter.</summary>
internal sealed class AlertChangeStream : IObservable<object?>
{
    private readonly AlertFilter _filter;
    private readonly Lock _gate = new();
    private readonly List<IObserver<object?>> _observers = [];
    private IDisposable? _listening;

    private AlertChangeStream(AlertFilter filter) => _filter = filter;

    public static async Task<AlertChangeStream> StartAsync(AlertChangePoller poller, AlertFilter filter, CancellationToken ct)
    {
        var stream = new AlertChangeStream(filter);
        stream._listening = await poller.ListenAsync(stream.OnChange, ct);
        return stream;
    }

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        lock (_gate)
        {
            _observers.Add(observer);
        }

        return new Unsubscriber(this, observer);
    }

    private void OnChange(AlertChange change)
    {
        if (!_filter.Matches(change))
        {
            return;
        }

        IObserver<object?>[] current;
        lock (_gate)
        {
            current = [.. _observers];
        }

        foreach (var observer in current)
        {
            observer.OnNext(change);
        }
    }

    private void Unsubscribe(IObserver<object?> observer)
    {
        bool empty;
        lock (_gate)
        {
            _observers.Remove(observer);
            empty = _observers.Count == 0;
        }

        if (empty)
        {
            _listening?.Dispose();
        }
    }

    private sealed class Unsubscriber(AlertChangeStream stream, IObserver<object?> observer) : IDisposable
    {
        public void Dispose() => stream.Unsubscribe(observer);
    }
}
