namespace BridgeStream.Devnet;

/// <summary>Shape of the continuous traffic of <see cref="TrafficSimulator.RunAsync"/>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Target deposits per second over all L2s; 0 sends as fast as the chains allow.</summary>
    public double DepositsPerSecond { get; init; } = 5;

    /// <summary>Concurrent L1 sending loops (each its own dev account), 1..4.</summary>
    public int SenderCount { get; init; } = 2;

    /// <summary>A relay happens a uniformly random delay in [Min, Max] after its deposit.</summary>
    public TimeSpan MinRelayDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRelayDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Fraction of relays whose target reverts (FailedRelayedMessage); each is replayed later.</summary>
    public double FailFraction { get; init; } = 0.1;

    /// <summary>Fraction of deposits that are never relayed.</summary>
    public double LostFraction { get; init; } = 0.01;

    public TimeSpan ReplayDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Stop after this many deposits (the run then waits for their relays); null runs until cancelled.</summary>
    public long? MaxDeposits { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>
    /// New OP Stack portal-deposit / withdrawal / L2 -> L1 message lifecycles started per second over all OP Stack L2s, beside
    /// the messenger deposits; 0 turns them off.
    /// </summary>
    public double LifecyclesPerSecond { get; init; } = 0.5;

    public void Validate()
    {
        static bool IsFraction(double f) => f is >= 0 and <= 1;
        if (DepositsPerSecond < 0 || !double.IsFinite(DepositsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(DepositsPerSecond), DepositsPerSecond, "Must be >= 0 (0 = unthrottled).");
        }

        if (SenderCount < 1 || SenderCount > DevnetAccounts.DepositSenders.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(SenderCount), SenderCount, $"Must be 1..{DevnetAccounts.DepositSenders.Count}.");
        }

        if (MinRelayDelay < TimeSpan.Zero || MaxRelayDelay < MinRelayDelay || ReplayDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRelayDelay), "Need 0 <= MinRelayDelay <= MaxRelayDelay and ReplayDelay >= 0.");
        }

        if (!IsFraction(FailFraction) || !IsFraction(LostFraction) || FailFraction + LostFraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailFraction), "FailFraction and LostFraction must be in [0, 1] and sum to at most 1.");
        }

        if (LifecyclesPerSecond < 0 || !double.IsFinite(LifecyclesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(LifecyclesPerSecond), LifecyclesPerSecond, "Must be >= 0 (0 = off).");
        }

        if (MaxDeposits is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDeposits), MaxDeposits, "Must be positive (or null).");
        }
    }
}
