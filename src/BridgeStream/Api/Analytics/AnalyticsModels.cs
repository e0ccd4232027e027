namespace BridgeStream.Api.Analytics;

/// <summary>A sliding window ending now.</summary>
public enum AnalyticsWindow
{
    LastHour,
    LastDay,
    LastWeek,
    Last30Days,
}

/// <summary>What a route aggregate is grouped by.</summary>
public enum RouteDimension
{
    SourceChain,
    DestinationChain,
    Protocol,
    ProofSystem,
}

/// <summary>A latency stage: which pair of a message's steps a latency spans (fact kind in the route tables).</summary>
public enum LatencyStage
{
    Delivery,
    Arrival,
    Proof,
    Finalization,
}

/// <summary>An explicit time range (GraphQL input TimeRange).</summary>
public sealed class TimeRangeInput
{
    public DateTime From { get; set; }

    public DateTime? To { get; set; }
}

/// <summary>GraphQL input RouteFilter; enum values are the stored strings.</summary>
public sealed class RouteFilter
{
    public long? SourceChainId { get; set; }

    public long? DestinationChainId { get; set; }

    public string? Protocol { get; set; }

    public string? ProofSystem { get; set; }
}

/// <summary>A route aggregate's key; a member is null when the aggregate is not grouped by it.</summary>
public sealed record RouteKey(long? SourceChainId, long? DestinationChainId, string? Protocol, string? ProofSystem);

/// <summary>Percentiles of one latency stage (seconds), by the estimator of 0006_analytics.sql.</summary>
public sealed record LatencyStats(LatencyStage Stage, long Count, double? P50, double? P95, double? P99, double? Max)
{
    public static LatencyStats Empty(LatencyStage stage) => new(stage, 0, null, null, null, null);
}

public sealed record RouteStats(
    RouteKey Key, DateTime From, DateTime To, long Sent, long Delivered, long FailedAttempts, IReadOnlyList<LatencyStats> Stages)
{
    public double? SuccessRate => Delivered + FailedAttempts == 0 ? null : (double)Delivered / (Delivered + FailedAttempts);

    public LatencyStats Latency => Stage(LatencyStage.Delivery);

    public LatencyStats Stage(LatencyStage stage) => Stages.FirstOrDefault(s => s.Stage == stage) ?? LatencyStats.Empty(stage);
}

public sealed record RoutePoint(DateTime Time, long Sent, long Delivered, long FailedAttempts, LatencyStats Latency);

public sealed record RouteSeries(RouteKey Key, int BucketSeconds, DateTime From, DateTime To, IReadOnlyList<RoutePoint> Points);

/// <summary>Head-to-safe and head-to-finalized lag over a span (a window, or one bucket of a series).</summary>
public sealed record ChainLag(
    DateTime From, DateTime To, long Observations, double? AvgSafeLagSeconds, double? MaxSafeLagSeconds, double? AvgFinalizedLagSeconds,
    double? MaxFinalizedLagSeconds, double? AvgSafeLagBlocks, double? MaxSafeLagBlocks, double? AvgFinalizedLagBlocks, double? MaxFinalizedLagBlocks);

public sealed record ChainStats(
    long ChainId, string? Name, string? Layer, DateTime? ObservedAt, long? LatestBlock, DateTime? LatestBlockTime, long? SafeBlock,
    long? FinalizedBlock, long? SafeLagBlocks, long? FinalizedLagBlocks, double? SafeLagSeconds, double? FinalizedLagSeconds, ChainLag Lag);

public sealed record ChainLagSeries(long ChainId, int BucketSeconds, IReadOnlyList<ChainLag> Points);

public sealed record AssetToken(long ChainId, string Token, int Decimals, string Source);

public sealed record AssetInfo(string Asset, IReadOnlyList<AssetToken> Tokens);

public sealed record ChainSupply(long ChainId, double Supply, double? Share, double Inflow, double Outflow)
{
    public double NetFlow => Inflow - Outflow;
}

public sealed record AssetFlow(long SourceChainId, long DestinationChainId, long Messages, double Amount, long DeliveredMessages, double DeliveredAmount);

/// <summary>Concentration of the positive bridged supplies across chains.</summary>
public sealed record Concentration(double? Hhi, double? EffectiveChains, double? NormalizedEntropy, int ChainsWithSupply);

public sealed record L2Routing(long DirectMessages, double DirectAmount, long ViaL1Messages, double ViaL1Amount, TimeSpan HopWindow)
{
    public double? ViaL1Share => DirectMessages + ViaL1Messages == 0 ? null : (double)ViaL1Messages / (DirectMessages + ViaL1Messages);

    public double? ViaL1AmountShare => DirectAmount + ViaL1Amount == 0 ? null : ViaL1Amount / (DirectAmount + ViaL1Amount);
}

public sealed record ChainAmount(long ChainId, double Amount);

public sealed record FragmentationPoint(DateTime Time, Concentration Concentration, IReadOnlyList<ChainAmount> Supplies);

/// <summary>The figures of <c>fragmentation(asset, window)</c>; its series is read on demand.</summary>
public sealed record Fragmentation(
    string Asset, DateTime From, DateTime To, IReadOnlyList<ChainSupply> Chains, Concentration Concentration, IReadOnlyList<AssetFlow> Flows);

public sealed record InFlightGroup(string Asset, bool Registered, RouteKey Key, long Messages, double Amount);

public sealed record OpenExposure(
    string MessageId, string Asset, double Amount, string Protocol, string? ProofSystem, long SourceChainId, long DestinationChainId, string Status,
    DateTime SentAt, double AgeSeconds);

public sealed record InFlightPoint(DateTime Time, long Messages, double Amount);

public sealed record InFlightSeries(string Asset, RouteKey Key, int BucketSeconds, IReadOnlyList<InFlightPoint> Points);

/// <summary>The value in flight now; its largest open messages are read on demand.</summary>
public sealed record ValueInFlight(DateTime At, string? Asset, IReadOnlyList<InFlightGroup> Groups);

/// <summary>Messages open past the threshold (<c>stuckMessages</c>).</summary>
public sealed record StuckMessages(long TotalCount, IReadOnlyList<MessageRecord> Messages);
