using System.Threading.Channels;
using BridgeStream.Core.Alerting;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Alerting;

/// <summary>
/// Sends recorded alert changes to every sink, each from its own queue and worker: a slow or failing webhook delays only
/// itself, never the engine, the correlator or the other sinks. A batch is retried with exponential backoff and full
/// jitter (honouring Retry-After) up to the sink's attempts; a receiver's 4xx (except 408, 425, 429) is final. Each batch
/// a sink acknowledges is recorded in alert_deliveries, so that whoever owns the partition next re-sends only what was
/// never acknowledged: delivery is at least once, and a duplicate needs a crash between a receiver's acknowledgement and
/// that record. Changes of a partition this process no longer owns are dropped from the queues (its new owner sends them).
/// </summary>
public sealed class AlertDispatcher : IAsyncDisposable
{
    private const int QueueCapacity = 100_000;

    private readonly IReadOnlyList<Worker> _workers;
    private readonly AlertStore _store;
    private readonly AlertMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Dictionary<int, int> _epochs = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private List<Task> _running = [];

    public AlertDispatcher(IEnumerable<IAlertSink> sinks, AlertStore store, AlertMetrics metrics, ILogger<AlertDispatcher> logger)
    {
        _workers = [.. sinks.Select(s => new Worker(s, Channel.CreateBounded<Item>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite })))];
        _store = store;
        _metrics = metrics;
        _logger = logger;
    }

    public IReadOnlyList<string> SinkNames => [.. _workers.Select(w => w.Sink.Name)];

    public IEnumerable<IAlertSink> Sinks => _workers.Select(w => w.Sink);

    public void Start() => _running = [.. _workers.Select(w => Task.Run(() => RunAsync(w, _stop.Token)))];

    /// <summary>Queues recorded changes for every sink that wants them.</summary>
    public void Enqueue(IReadOnlyList<AlertChange> changes)
    {
        foreach (var worker in _workers)
        {
            Enqueue(worker, changes.Where(worker.Sink.Wants), resend: false);
        }
    }

    /// <summary>Queues changes for one sink (re-sending what a previous owner did not deliver).</summary>
    public void Enqueue(string sink, IEnumerable<AlertChange> changes)
    {
        if (_workers.FirstOrDefault(w => w.Sink.Name == sink) is { } worker)
        {
            Enqueue(worker, changes.Where(worker.Sink.Wants), resend: false);
        }
    }

    /// <summary>Firing alerts for the sinks that need to hear them again (Alertmanager); not recorded as deliveries.</summary>
    public void Resend(IReadOnlyList<AlertChange> firing, DateTimeOffset now)
    {
        foreach (var worker in _workers.Where(w => w.Sink.ResendInterval is { } every && now - w.LastResend >= every))
        {
            worker.LastResend = now;
            Enqueue(worker, firing.Where(worker.Sink.Wants), resend: true);
        }
    }

    /// <summary>Partitions this process no longer owns: their queued changes are dropped (in-flight ones finish).</summary>
    public void Forget(IEnumerable<int> partitions)
    {
        lock (_gate)
        {
            foreach (var p in partitions)
            {
                _epochs[p] = _epochs.GetValueOrDefault(p) + 1;
            }
        }
    }

    /// <summary>Idempotent: the engine disposes it when it stops, and the container again at shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        foreach (var worker in _workers)
        {
            worker.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(_running).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var worker in _workers)
        {
            worker.Sink.Dispose();
        }

        _stop.Dispose();
    }

    private void Enqueue(Worker worker, IEnumerable<AlertChange> changes, bool resend)
    {
        foreach (var change in changes)
        {
            int epoch;
            lock (_gate)
            {
                epoch = _epochs.GetValueOrDefault(change.Partition);
            }

            if (!worker.Queue.Writer.TryWrite(new Item(change, epoch, resend)))
            {
                _metrics.Notification(worker.Sink.Name, "queue_full");
                _logger.LogError("Alert sink {Sink}: queue full ({Capacity}); dropped {Transition} (it stays recorded in ClickHouse alerts)", worker.Sink.Name, QueueCapacity, change.TransitionId);
            }
        }
    }

    private bool Current(Item item)
    {
        lock (_gate)
        {
            return _epochs.GetValueOrDefault(item.Change.Partition) == item.Epoch;
        }
    }

    private async Task RunAsync(Worker worker, CancellationToken ct)
    {
        var reader = worker.Queue.Reader;
        var batch = new List<Item>();
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < worker.Sink.MaxBatch && reader.TryPeek(out var next))
                {
                    // A batch is either all resends or all recorded changes (only the latter are acknowledged in ClickHouse).
                    if (batch.Count > 0 && next.Resend != batch[0].Resend)
                    {
                        break;
                    }

                    reader.TryRead(out var item);
                    if (Current(item))
                    {
                        batch.Add(item);
                    }
                }

                if (batch.Count > 0)
                {
                    await DeliverAsync(worker, batch, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping: whatever is queued was recorded and is re-sent by the next owner of its partition
        }
    }

    private async Task DeliverAsync(Worker worker, List<Item> batch, CancellationToken ct)
    {
        var sink = worker.Sink;
        var changes = batch.Select(i => i.Change).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sink.SendAsync(changes, batch[0].Resend, ct).ConfigureAwait(false);
                _metrics.Notification(sink.Name, batch[0].Resend ? "resent" : "delivered", changes.Count);
                if (!batch[0].Resend)
                {
                    await RecordAsync(sink.Name, changes, ct).ConfigureAwait(false);
                }

                return;
            }
            catch (AlertDeliveryException ex)
            {
                if (!ex.Retryable || attempt >= sink.MaxAttempts)
                {
                    _metrics.Notification(sink.Name, "dropped", changes.Count);
                    _logger.LogError("Alert sink {Sink}: giving up on {Count} changes after {Attempts} attempts ({Reason}); first: {Transition}", sink.Name, changes.Count, attempt, ex.Message, changes[0].TransitionId);
                    return;
                }

                var delay = ex.RetryAfter is { } after && after > TimeSpan.Zero ? after : sink.Backoff(attempt + 1);
                _metrics.Notification(sink.Name, "retried", changes.Count);
                _logger.LogWarning("Alert sink {Sink}: attempt {Attempt} failed ({Reason}); retrying in {Delay} ms", sink.Name, attempt, ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                changes = [.. batch.Where(Current).Select(i => i.Change)];
                if (changes.Count == 0)
                {
                    return;
                }
            }
        }
    }

    // The acknowledgement is what prevents a re-send after a takeover; a failure to record it only risks a duplicate.
    private async Task RecordAsync(string sink, List<AlertChange> changes, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await _store.RecordDeliveriesAsync(sink, [.. changes.Select(c => c.TransitionId)], ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Recording the delivery of {Count} alert changes to {Sink} failed (attempt {Attempt})", changes.Count, sink, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    private readonly record struct Item(AlertChange Change, int Epoch, bool Resend);

    private sealed class Worker(IAlertSink sink, Channel<Item> queue)
    {
        public IAlertSink Sink { get; } = sink;

        public Channel<Item> Queue { get; } = queue;

        public DateTimeOffset LastResend { get; set; }
    }
}
