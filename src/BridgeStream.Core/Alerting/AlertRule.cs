using System.Numerics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Alerting;

/// <summary>How urgent an alert is: a warning can wait for working hours, a critical one pages.</summary>
public enum AlertSeverity
{
    Warning = 1,
    Critical = 2,
}

/// <summary>
/// An alert's lifecycle: Pending (the condition holds, not yet for the rule's <c>for</c>), Firing, Resolved (the condition
/// cleared). Each episode goes through each state at most once; a condition that holds again starts a new episode.
/// </summary>
public enum AlertState
{
    Pending = 1,
    Firing = 2,
    Resolved = 3,
}

/// <summary>What a rule watches. The first four are per message (timers), the others per chain or per route.</summary>
public enum AlertRuleType
{
    /// <summary>A message still not executed on its destination this long after its send (delayed / stuck).</summary>
    Undelivered = 1,

    /// <summary>A message whose execution failed (OP FailedRelayedMessage, a failed Arbitrum redeem) or that arrived but was
    /// never executed (an Arbitrum retryable not redeemed), this long after that step: it awaits a replay.</summary>
    RelayFailed = 2,

    /// <summary>An unredeemed message this close to its expiry (an Arbitrum retryable ticket, messages.expires_at).</summary>
    RetryableExpiry = 3,

    /// <summary>A withdrawal still not finalized this long after its challenge window ended (messages.finalizable_at).</summary>
    WithdrawalFinalization = 4,

    /// <summary>No new block seen for a chain (liveness).</summary>
    ChainLiveness = 5,

    /// <summary>A chain's finalized head has not advanced.</summary>
    FinalityStalled = 6,

    /// <summary>Ingestion lags behind a chain's head.</summary>
    IngestLag = 7,

    /// <summary>Value in flight (sent, not delivered) on a route above a threshold.</summary>
    ValueAtRisk = 8,

    /// <summary>A rollup's state has not been settled on L1 (no settling step: confirmed proposal, finalized batch) for
    /// this long of L1 time.</summary>
    SettlementStalled = 9,
}

/// <summary>Which clock a rule's condition was evaluated against.</summary>
public enum AlertClock
{
    /// <summary>The destination chain's time up to which the pipeline has seen and applied every event (block time and
    /// ingestion heartbeats): a lagging or restarting pipeline cannot make a delivered message look stuck.</summary>
    EventTime = 1,

    /// <summary>The wall clock, bounded by how far the processor has read the chain-heads stream.</summary>
    WallClock = 2,
}

/// <summary>Whether a message rule applies to native-bridge withdrawals (rollup to its L1, which wait out a challenge
/// window or a validity proof before they can be executed).</summary>
public enum WithdrawalScope
{
    Include = 0,
    Exclude = 1,
    Only = 2,
}

/// <summary>
/// Whether a message rule applies to transports: messages that carry another protocol's message (an OP portal deposit
/// or withdrawal carrying a CrossDomainMessenger message). Excluded by default: the carried message has its own alerts,
/// and a stuck deposit would otherwise page twice.
/// </summary>
public enum TransportScope
{
    Exclude = 0,
    Include = 1,
}

/// <summary>Which messages (or routes) a rule applies to. Empty sets mean "any".</summary>
public sealed record MessageMatch
{
    public static MessageMatch All { get; } = new();

    public IReadOnlySet<Protocol>? Protocols { get; init; }

    public IReadOnlySet<Protocol>? ExcludeProtocols { get; init; }

    public IReadOnlySet<ulong>? SourceChainIds { get; init; }

    public IReadOnlySet<ulong>? DestinationChainIds { get; init; }

    public IReadOnlySet<ulong>? ExcludeSourceChainIds { get; init; }

    public IReadOnlySet<ulong>? ExcludeDestinationChainIds { get; init; }

    public WithdrawalScope Withdrawals { get; init; }

    public TransportScope Transports { get; init; }

    /// <summary>Whether a message that carries another (see <see cref="TransportScope"/>) is matched.</summary>
    public bool MatchesTransport(bool carriesMessage) => !carriesMessage || Transports == TransportScope.Include;

    public bool Matches(Protocol protocol, ulong source, ulong destination, IReadOnlySet<ulong> l1ChainIds)
    {
        if ((Protocols is not null && !Protocols.Contains(protocol)) || (ExcludeProtocols?.Contains(protocol) ?? false)
            || (SourceChainIds is not null && !SourceChainIds.Contains(source)) || (ExcludeSourceChainIds?.Contains(source) ?? false)
            || (DestinationChainIds is not null && !DestinationChainIds.Contains(destination)) || (ExcludeDestinationChainIds?.Contains(destination) ?? false))
        {
            return false;
        }

        return Withdrawals switch
        {
            WithdrawalScope.Exclude => !IsNativeWithdrawal(protocol, source, destination, l1ChainIds),
            WithdrawalScope.Only => IsNativeWithdrawal(protocol, source, destination, l1ChainIds),
            _ => true,
        };
    }

    /// <summary>A rollup's own bridge (optimistic or ZK) carrying a message from the rollup to an L1.</summary>
    public static bool IsNativeWithdrawal(Protocol protocol, ulong source, ulong destination, IReadOnlySet<ulong> l1ChainIds) =>
        protocol != Protocol.Unspecified && l1ChainIds.Contains(destination) && !l1ChainIds.Contains(source)
        && ProtocolCatalog.Module(protocol).ProofSystem is ProofSystem.Optimistic or ProofSystem.Zk;
}

/// <summary>
/// A threshold learned from the route's own recent deliveries: the <see cref="Quantile"/> of the latency of messages
/// delivered within <see cref="Window"/>, times <see cref="Factor"/>, never below <see cref="Floor"/> (nor above
/// <see cref="Ceiling"/>). With fewer than <see cref="MinSamples"/> deliveries the rule's static threshold applies.
/// </summary>
public sealed record AdaptiveThreshold(double Quantile, double Factor, TimeSpan Floor, TimeSpan Window, int MinSamples, TimeSpan Refresh, TimeSpan? Ceiling)
{
    public TimeSpan Apply(double quantileSeconds) =>
        TimeSpan.FromSeconds(Math.Min(Math.Max(Floor.TotalSeconds, quantileSeconds * Factor), Ceiling?.TotalSeconds ?? double.MaxValue));
}

/// <summary>One rule of the rules file, validated. See infra/alerts/rules.yaml and the README for the format.</summary>
public sealed record AlertRule
{
    public required string Id { get; init; }

    public required AlertRuleType Type { get; init; }

    public required AlertSeverity Severity { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Undelivered: the static threshold (the adaptive one's fallback); chain rules: how long; ingest lag: seconds behind.</summary>
    public TimeSpan? Threshold { get; init; }

    public AdaptiveThreshold? Adaptive { get; init; }

    /// <summary>How long the condition must hold before the alert fires (pending until then).</summary>
    public TimeSpan For { get; init; }

    /// <summary>RelayFailed: how long after the failure (or arrival); WithdrawalFinalization: how long after the window ended.</summary>
    public TimeSpan After { get; init; }

    /// <summary>RetryableExpiry: how long before the expiry.</summary>
    public TimeSpan Before { get; init; }

    /// <summary>IngestLag: blocks behind the head (either this or <see cref="Threshold"/> fires).</summary>
    public long? Blocks { get; init; }

    /// <summary>ValueAtRisk: the amount in flight, in the asset's smallest unit (wei for the native asset).</summary>
    public BigInteger? ThresholdAmount { get; init; }

    /// <summary>ValueAtRisk: the token (on the source chain) whose amounts are summed; null sums the native value.</summary>
    public Address? Asset { get; init; }

    /// <summary>ValueAtRisk: count only messages in flight for at least this long.</summary>
    public TimeSpan MinAge { get; init; }

    /// <summary>ValueAtRisk: how often the sum is computed (it is a ClickHouse aggregation, not a timer).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    public MessageMatch Match { get; init; } = MessageMatch.All;

    /// <summary>Message rules: the stored statuses the rule applies to.</summary>
    public IReadOnlySet<MessageStatus> Statuses { get; init; } = new HashSet<MessageStatus>();

    /// <summary>Chain rules: the chains (null: every followed chain).</summary>
    public IReadOnlySet<ulong>? ChainIds { get; init; }

    public bool IsMessageRule => Type is AlertRuleType.Undelivered or AlertRuleType.RelayFailed or AlertRuleType.RetryableExpiry or AlertRuleType.WithdrawalFinalization;

    public bool IsChainRule => Type is AlertRuleType.ChainLiveness or AlertRuleType.FinalityStalled or AlertRuleType.IngestLag;

    public bool IsSettlementRule => Type == AlertRuleType.SettlementStalled;

    public bool AppliesToChain(ulong chainId) => ChainIds is null || ChainIds.Contains(chainId);
}

/// <summary>A validated rules file: the rules, the evaluation interval, and which chains are L1s.</summary>
public sealed record AlertRuleSet(TimeSpan EvaluationInterval, IReadOnlySet<ulong> L1ChainIds, IReadOnlyList<AlertRule> Rules)
{
    public static AlertRuleSet Empty { get; } = new(TimeSpan.FromSeconds(15), new HashSet<ulong>(), []);

    /// <summary>Where it was read from and the content's checksum (for logs, health and metrics).</summary>
    public string Source { get; init; } = "";

    public string Checksum { get; init; } = "";

    public IEnumerable<AlertRule> MessageRules => Rules.Where(r => r.IsMessageRule);

    public AlertRule? Find(string id) => Rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));
}
