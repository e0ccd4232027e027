namespace BridgeStream.Devnet;

/// <summary>A relay (first delivery, possibly made to fail) or a replay of a failed one, due at some time.</summary>
internal sealed record ScheduledRelay(SentDeposit Deposit, bool IsReplay, bool MakeFail);

/// <summary>Thread-safe time-ordered queue of the relays one L2 still owes.</summary>
internal sealed class RelaySchedule
{
    private readonly PriorityQueue<ScheduledRelay, DateTime> _queue = new();
    private readonly object _gate = new();

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count == 0;
            }
        }
    }

    public void Add(ScheduledRelay relay, DateTime dueAt)
    {
        lock (_gate)
        {
            _queue.Enqueue(relay, dueAt);
        }
    }

    public ScheduledRelay? TakeDue(DateTime now)
    {
        lock (_gate)
        {
            return _queue.TryPeek(out _, out var dueAt) && dueAt <= now ? _queue.Dequeue() : null;
        }
    }
}
