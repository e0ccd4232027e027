namespace BridgeStream.Devnet;

/// <summary>Shared state of one traffic run: pacing, random choices, relay schedules and counters.</summary>
internal sealed class RunState
{
    private readonly object _gate = new();
    private readonly Random _random;
    private readonly IReadOnlyList<long> _l2s;
    private readonly TimeSpan _interval;
    private DateTime _nextSlot = DateTime.UtcNow;
    private long _reserved;
    private long _deposits, _relayed, _failed, _replayed, _lost, _errors, _consecutiveErrors;

    public RunState(SimulatorOptions options, IReadOnlyList<long> l2s)
    {
        Options = options;
        _l2s = l2s.Count > 0 ? l2s : throw new ArgumentException("The deployment has no L2.", nameof(l2s));
        _random = new Random(options.Seed);
        _interval = options.DepositsPerSecond > 0 ? TimeSpan.FromSeconds(1 / options.DepositsPerSecond) : TimeSpan.Zero;
        Schedules = l2s.ToDictionary(id => id, _ => new RelaySchedule());
    }

    public SimulatorOptions Options { get; }

    public IReadOnlyDictionary<long, RelaySchedule> Schedules { get; }

    public volatile bool SendingFinished;

    public bool TryReserveDeposit() => Options.MaxDeposits is not { } max || Interlocked.Increment(ref _reserved) <= max;

    /// <summary>How long to wait before the next deposit so that all senders together keep the target rate.</summary>
    public TimeSpan NextSlotDelay()
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + _interval;
            return slot - now;
        }
    }

    public long PickL2()
    {
        lock (_gate)
        {
            return _l2s[_random.Next(_l2s.Count)];
        }
    }

    /// <summary>Decides the deposit's fate (lost, relayed, relayed-to-fail) and when it is relayed.</summary>
    public void PlanRelay(SentDeposit deposit)
    {
        double roll;
        TimeSpan delay;
        lock (_gate)
        {
            roll = _random.NextDouble();
            delay = Options.MinRelayDelay + ((Options.MaxRelayDelay - Options.MinRelayDelay) * _random.NextDouble());
        }

        if (roll < Options.LostFraction)
        {
            Interlocked.Increment(ref _lost);
            return;
        }

        // Only MessageTarget calls can be made to revert; the fail share is taken from those.
        var makeFail = deposit.TargetTag is not null && roll < Options.LostFraction + Options.FailFraction;
        Schedules[deposit.L2ChainId].Add(new ScheduledRelay(deposit, IsReplay: false, makeFail), DateTime.UtcNow + delay);
    }

    public void CountDeposit() => Interlocked.Increment(ref _deposits);

    public void CountRelay(RelayOutcome outcome, bool isReplay)
    {
        if (outcome == RelayOutcome.Failed)
        {
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref isReplay ? ref _replayed : ref _relayed);
        }
    }

    public long CountError()
    {
        Interlocked.Increment(ref _errors);
        return Interlocked.Increment(ref _consecutiveErrors);
    }

    public void ResetErrors() => Interlocked.Exchange(ref _consecutiveErrors, 0);

    public SimulatorStats Snapshot(TimeSpan elapsed) => new(
        Interlocked.Read(ref _deposits),
        Interlocked.Read(ref _relayed),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _replayed),
        Interlocked.Read(ref _lost),
        Interlocked.Read(ref _errors),
        elapsed);
}
