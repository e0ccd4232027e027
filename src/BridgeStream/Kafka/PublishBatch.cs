using Confluent.Kafka;

namespace BridgeStream.Kafka;

/// <summary>
/// The records of one unit of work (an ingested block range), acknowledged together: <see cref="AcknowledgedAsync"/>
/// completes when Kafka has acknowledged every record published through this batch, and fails with the first delivery
/// error. Unlike a producer-wide flush it does not wait for other ranges or chains still producing.
/// </summary>
public sealed class PublishBatch
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<DeliveryReport<byte[], byte[]>> _countPublished;
    private int _outstanding;
    private int _sealed;
    private Exception? _error;

    internal PublishBatch(Action<DeliveryReport<byte[], byte[]>> countPublished)
    {
        _countPublished = countPublished;
        Handler = OnDelivered;
    }

    /// <summary>Records produced through this batch.</summary>
    public int Count { get; private set; }

    internal Action<DeliveryReport<byte[], byte[]>> Handler { get; }

    internal void Adding()
    {
        Count++;
        Interlocked.Increment(ref _outstanding);
    }

    /// <summary>No more records will be added; completes once the ones added are acknowledged (at once for an empty batch).</summary>
    public Task AcknowledgedAsync()
    {
        Volatile.Write(ref _sealed, 1);
        if (Volatile.Read(ref _outstanding) == 0)
        {
            Complete();
        }

        return _done.Task;
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _error, new KafkaException(report.Error), null);
        }
        else
        {
            _countPublished(report);
        }

        if (Interlocked.Decrement(ref _outstanding) == 0 && Volatile.Read(ref _sealed) == 1)
        {
            Complete();
        }
    }

    private void Complete()
    {
        if (Volatile.Read(ref _error) is { } error)
        {
            _done.TrySetException(new InvalidOperationException("Kafka did not acknowledge every event of the range; its checkpoint stays where it was.", error));
        }
        else
        {
            _done.TrySetResult();
        }
    }
}
