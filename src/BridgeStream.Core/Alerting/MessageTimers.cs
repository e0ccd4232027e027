using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Alerting;

/// <summary>A timer that came due: the rule (its index in the rule list), the message as it was, and when.</summary>
public readonly record struct DueTimer(int RuleIndex, OpenMessage Message, long DueMs, long ClockMs);

/// <summary>
/// The open messages of one partition and their timers. Each message rule that applies to a message puts one entry into
/// the queue of (rule, route), ordered by the message's anchor time (its send, failure, expiry or challenge-window end).
/// Every message of a queue shares the route's threshold and its destination chain's clock, so the head of each queue
/// is the next timer to come due: a sweep costs one peek per queue plus one pop per due timer, however many messages are
/// open, and a threshold that changes (adaptive ones do) needs no re-sorting. A message that changes bumps its slot's
/// generation; its old entries turn stale and are skipped when they surface (or compacted away when they pile up).
/// Not thread-safe: one owner (the alerting loop) uses it.
/// </summary>
public sealed class MessageTimers
{
    private const int CompactAbove = 4096;
    private const int ChunkBits = 12; // slots live in chunks of 4096: growing never copies, and wastes at most one chunk
    private const int ChunkSize = 1 << ChunkBits;

    private readonly Dictionary<Hash32, int> _slots = [];
    private readonly Dictionary<(int Rule, RouteKey Route), TimerQueue> _queues = [];
    private readonly List<Slot[]> _chunks = [];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;
    private IReadOnlyList<AlertRule> _rules;
    private IReadOnlySet<ulong> _l1ChainIds;

    public MessageTimers(IReadOnlyList<AlertRule> messageRules, IReadOnlySet<ulong> l1ChainIds)
    {
        if (messageRules.Count > 32)
        {
            throw new ArgumentException("At most 32 message rules.", nameof(messageRules));
        }

        _rules = messageRules;
        _l1ChainIds = l1ChainIds;
    }

    private ref Slot At(int slot) => ref _chunks[slot >> ChunkBits][slot & (ChunkSize - 1)];

    /// <summary>Open messages held.</summary>
    public int Count => _slots.Count;

    /// <summary>Queue entries, stale ones included.</summary>
    public long Entries => _queues.Values.Sum(q => (long)q.Heap.Count);

    public int Queues => _queues.Count;

    public IReadOnlyList<AlertRule> Rules => _rules;

    public bool TryGet(Hash32 id, out OpenMessage message)
    {
        if (_slots.TryGetValue(id, out var slot))
        {
            message = At(slot).Message;
            return true;
        }

        message = default;
        return false;
    }

    public IEnumerable<OpenMessage> Messages => _slots.Values.Select(s => At(s).Message);

    /// <summary>
    /// Takes a newer snapshot of a message: stores it (or drops it when delivered or gone) and arms its timers. Returns
    /// false, changing nothing, when the snapshot is not newer than the one held.
    /// </summary>
    public bool Upsert(in OpenMessage message)
    {
        if (_slots.TryGetValue(message.Id, out var slot))
        {
            if (message.Version <= At(slot).Message.Version && message.Version != 0)
            {
                return false;
            }

            Disarm(slot);
            if (message.IsClosed)
            {
                Release(slot);
                return true;
            }
        }
        else
        {
            if (message.IsClosed)
            {
                return true;
            }

            slot = Allocate();
            _slots[message.Id] = slot;
        }

        At(slot).Message = message;
        Arm(slot);
        return true;
    }

    /// <summary>Re-arms every message for a new rule list (after a reload).</summary>
    public void Rebuild(IReadOnlyList<AlertRule> messageRules, IReadOnlySet<ulong> l1ChainIds)
    {
        _rules = messageRules;
        _l1ChainIds = l1ChainIds;
        _queues.Clear();
        foreach (var slot in _slots.Values)
        {
            At(slot).Armed = 0;
            At(slot).Generation++;
            Arm(slot);
        }
    }

    public static long Anchor(AlertRule rule, in OpenMessage m) => rule.Type switch
    {
        AlertRuleType.Undelivered => m.SentAtMs,
        AlertRuleType.RelayFailed => m.DestinationStepAtMs,
        AlertRuleType.RetryableExpiry => m.ExpiresAtMs,
        AlertRuleType.WithdrawalFinalization => m.FinalizableAtMs,
        _ => OpenMessage.None,
    };

    /// <summary>The rule applies to the message in its current state (status, route, and the time it counts from).</summary>
    public bool Applies(AlertRule rule, in OpenMessage m) =>
        !m.IsClosed && rule.Statuses.Contains(m.Status) && Anchor(rule, m) != OpenMessage.None
        && rule.Match.Matches(m.Protocol, m.Source, m.Destination, _l1ChainIds) && rule.Match.MatchesTransport(m.CarriesMessage);

    /// <summary>
    /// Pops every timer that is due: anchor + offset at or before the clock of its destination chain (null: that chain's
    /// clock is unknown, its timers wait). Each due timer is returned once; it is not re-armed until the message changes.
    /// </summary>
    public int CollectDue(Func<ulong, long?> clockOf, Func<int, RouteKey, long> offsetMs, List<DueTimer> due)
    {
        var found = 0;
        List<(int, RouteKey)>? compact = null;
        foreach (var ((rule, route), queue) in _queues)
        {
            if (queue.Heap.Count == 0 || clockOf(route.Destination) is not { } clock)
            {
                continue;
            }

            var offset = offsetMs(rule, route);
            var bit = 1u << rule;
            while (queue.Heap.TryPeek(out var entry, out var anchor) && anchor + offset <= clock)
            {
                queue.Heap.Dequeue();
                if (At(entry.Slot).Generation != entry.Generation || (At(entry.Slot).Armed & bit) == 0)
                {
                    queue.Stale = Math.Max(0, queue.Stale - 1);
                    continue;
                }

                At(entry.Slot).Armed &= ~bit;
                due.Add(new DueTimer(rule, At(entry.Slot).Message, anchor + offset, clock));
                found++;
            }

            if (queue.Stale > CompactAbove && queue.Stale > queue.Heap.Count / 2)
            {
                (compact ??= []).Add((rule, route));
            }
        }

        foreach (var key in compact ?? [])
        {
            Compact(key, _queues[key]);
        }

        return found;
    }

    private void Arm(int slot)
    {
        ref readonly var m = ref At(slot).Message;
        for (var i = 0; i < _rules.Count; i++)
        {
            var rule = _rules[i];
            if (!Applies(rule, m))
            {
                continue;
            }

            var key = (i, m.Route);
            if (!_queues.TryGetValue(key, out var queue))
            {
                _queues[key] = queue = new TimerQueue();
            }

            queue.Heap.Enqueue(new Entry(slot, At(slot).Generation), Anchor(rule, m));
            At(slot).Armed |= 1u << i;
        }
    }

    // The slot's entries turn stale: counted, so that a queue full of them gets compacted.
    private void Disarm(int slot)
    {
        var armed = At(slot).Armed;
        if (armed != 0)
        {
            var route = At(slot).Message.Route;
            for (var i = 0; i < _rules.Count; i++)
            {
                if ((armed & (1u << i)) != 0 && _queues.TryGetValue((i, route), out var queue))
                {
                    queue.Stale++;
                }
            }
        }

        At(slot).Armed = 0;
        At(slot).Generation++;
    }

    private void Compact((int Rule, RouteKey Route) key, TimerQueue queue)
    {
        var bit = 1u << key.Rule;
        var live = queue.Heap.UnorderedItems.Where(e => At(e.Element.Slot).Generation == e.Element.Generation && (At(e.Element.Slot).Armed & bit) != 0).ToList();
        queue.Heap.Clear();
        queue.Heap.EnqueueRange(live);
        queue.Stale = 0;
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_used == _chunks.Count * ChunkSize)
        {
            _chunks.Add(new Slot[ChunkSize]);
        }

        return _used++;
    }

    private void Release(int slot)
    {
        _slots.Remove(At(slot).Message.Id);
        At(slot).Message = default;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
    }

    private readonly record struct Entry(int Slot, uint Generation);

    /// <summary>A message and its timer bookkeeping: which rules have a live entry, and the generation entries must carry.</summary>
    private struct Slot
    {
        public OpenMessage Message;
        public uint Generation;
        public uint Armed;
    }

    private sealed class TimerQueue
    {
        public PriorityQueue<Entry, long> Heap { get; } = new();

        public int Stale { get; set; }
    }
}
