using BridgeStream.Api.Scalars;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace BridgeStream.Api.Analytics;

public sealed class WindowGraphType : EnumerationGraphType
{
    public WindowGraphType()
    {
        Name = "Window";
        Description = "A sliding window that ends now, in whole minutes (the current minute included).";
        Add("LAST_HOUR", AnalyticsWindow.LastHour, "The last 60 minutes.");
        Add("LAST_DAY", AnalyticsWindow.LastDay, "The last 24 hours.");
        Add("LAST_WEEK", AnalyticsWindow.LastWeek, "The last 7 days.");
        Add("LAST_30_DAYS", AnalyticsWindow.Last30Days, "The last 30 days.");
    }
}

public sealed class RouteDimensionGraphType : EnumerationGraphType
{
    public RouteDimensionGraphType()
    {
        Name = "RouteDimension";
        Description = "What route aggregates are grouped by; grouping by protocol brings its proof system along.";
        Add("SOURCE_CHAIN", RouteDimension.SourceChain);
        Add("DESTINATION_CHAIN", RouteDimension.DestinationChain);
        Add("PROTOCOL", RouteDimension.Protocol);
        Add("PROOF_SYSTEM", RouteDimension.ProofSystem);
    }
}

public sealed class LatencyStageGraphType : EnumerationGraphType
{
    public LatencyStageGraphType()
    {
        Name = "LatencyStage";
        Description = "Which two steps of a message a latency spans.";
        Add("DELIVERY", LatencyStage.Delivery, "Send -> successful execution on the destination.");
        Add("ARRIVAL", LatencyStage.Arrival, "Send -> arrival before execution (Arbitrum ticket created, LayerZero packet verified).");
        Add("PROOF", LatencyStage.Proof, "Send -> proof on L1 (an OP withdrawal initiated -> proven).");
        Add("FINALIZATION", LatencyStage.Finalization,
            "Proof -> delivery (an OP withdrawal proven -> finalized: the challenge window and the finalizer's delay).");
    }
}

public sealed class TimeRangeInputGraphType : InputObjectGraphType<TimeRangeInput>
{
    public TimeRangeInputGraphType()
    {
        Name = "TimeRange";
        Description = "An explicit time range [from, to) in whole minutes; it takes precedence over a window.";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("from");
        Field<UtcDateTimeGraphType>("to").Description("Default: now.");
    }
}

public sealed class RouteFilterInputGraphType : InputObjectGraphType<RouteFilter>
{
    public RouteFilterInputGraphType()
    {
        Name = "RouteFilter";
        Field<LongScalarGraphType>("sourceChainId");
        Field<LongScalarGraphType>("destinationChainId");
        Field<ProtocolGraphType>("protocol");
        Field<ProofSystemGraphType>("proofSystem");
    }
}

public sealed class LatencyStatsGraphType : ObjectGraphType<LatencyStats>
{
    public LatencyStatsGraphType()
    {
        Name = "LatencyStats";
        Description = """
            Latency percentiles in seconds, from a log-linear histogram: 1-second bins below 64 s, then bins 1/64 wide
            (64 * (65/64)^k). A percentile q is the lower edge of the bin holding the nearest-rank sample ceil(q * count): exact
            below 64 s for whole-second latencies (block times are whole seconds), at most 1.54 % below the true value above.
            max is the lower edge of the highest non-empty bin.
            """;
        Field<NonNullGraphType<LatencyStageGraphType>>("stage").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<LongScalarGraphType>>("count").Description("Latencies counted (for DELIVERY: deliveries whose send is known).").Resolve(c => c.Source.Count);
        Field<FloatGraphType>("p50").Resolve(c => c.Source.P50);
        Field<FloatGraphType>("p95").Resolve(c => c.Source.P95);
        Field<FloatGraphType>("p99").Resolve(c => c.Source.P99);
        Field<FloatGraphType>("max").Resolve(c => c.Source.Max);
    }
}

public sealed class RouteStatsGraphType : ObjectGraphType<RouteStats>
{
    public RouteStatsGraphType()
    {
        Name = "RouteStats";
        Field<LongScalarGraphType>("sourceChainId").Description("Null when not grouped by the source chain.").Resolve(c => c.Source.Key.SourceChainId);
        Field<LongScalarGraphType>("destinationChainId").Description("Null when not grouped by the destination chain.").Resolve(c => c.Source.Key.DestinationChainId);
        Field<ProtocolGraphType>("protocol").Description("Null when not grouped by protocol.").Resolve(c => c.Source.Key.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Description("Null when grouped by neither protocol nor proof system.").Resolve(c => c.Source.Key.ProofSystem);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("from")
            .Description("Start of the range the figures cover (the window in whole minutes; ends older than 7 days in whole hours).")
            .Resolve(c => c.Source.From);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("to").Description("End of the covered range (exclusive).").Resolve(c => c.Source.To);
        Field<NonNullGraphType<LongScalarGraphType>>("sent").Description("Messages sent in the range.").Resolve(c => c.Source.Sent);
        Field<NonNullGraphType<LongScalarGraphType>>("delivered").Description("Successful executions in the range.").Resolve(c => c.Source.Delivered);
        Field<NonNullGraphType<LongScalarGraphType>>("failedAttempts").Description("Failed execution attempts in the range.").Resolve(c => c.Source.FailedAttempts);
        Field<FloatGraphType>("successRate").Description("delivered / (delivered + failedAttempts); null without executions.").Resolve(c => c.Source.SuccessRate);
        Field<NonNullGraphType<LatencyStatsGraphType>>("latency")
            .Description("Delivery latency (send -> execution) of the deliveries in the range.")
            .Resolve(c => c.Source.Latency);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LatencyStatsGraphType>>>>("stages")
            .Description("Every stage, in the order DELIVERY, ARRIVAL, PROOF, FINALIZATION.")
            .WithComplexityImpact(1, 4)
            .Resolve(c => c.Source.Stages);
    }
}

public sealed class RoutePointGraphType : ObjectGraphType<RoutePoint>
{
    public RoutePointGraphType()
    {
        Name = "RoutePoint";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("time").Description("Start of the bucket.").Resolve(c => c.Source.Time);
        Field<NonNullGraphType<LongScalarGraphType>>("sent").Resolve(c => c.Source.Sent);
        Field<NonNullGraphType<LongScalarGraphType>>("delivered").Resolve(c => c.Source.Delivered);
        Field<NonNullGraphType<LongScalarGraphType>>("failedAttempts").Resolve(c => c.Source.FailedAttempts);
        Field<NonNullGraphType<LatencyStatsGraphType>>("latency").Description("The requested stage's latencies of facts in this bucket.").Resolve(c => c.Source.Latency);
    }
}

public sealed class RouteSeriesGraphType : ObjectGraphType<RouteSeries>
{
    public RouteSeriesGraphType()
    {
        Name = "RouteSeries";
        Field<LongScalarGraphType>("sourceChainId").Resolve(c => c.Source.Key.SourceChainId);
        Field<LongScalarGraphType>("destinationChainId").Resolve(c => c.Source.Key.DestinationChainId);
        Field<ProtocolGraphType>("protocol").Resolve(c => c.Source.Key.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.Key.ProofSystem);
        Field<NonNullGraphType<IntGraphType>>("bucketSeconds").Resolve(c => c.Source.BucketSeconds);
        // The root field already multiplied by the number of points.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoutePointGraphType>>>>("points").WithComplexityImpact(1, 1).Resolve(c => c.Source.Points);
    }
}

public sealed class ChainLagGraphType : ObjectGraphType<ChainLag>
{
    public ChainLagGraphType()
    {
        Name = "ChainLag";
        Description = "Head-to-safe and head-to-finalized lag over a span, from every head observation in it (block times of the heads).";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<LongScalarGraphType>>("observations").Resolve(c => c.Source.Observations);
        Field<FloatGraphType>("avgSafeLagSeconds").Resolve(c => c.Source.AvgSafeLagSeconds);
        Field<FloatGraphType>("maxSafeLagSeconds").Resolve(c => c.Source.MaxSafeLagSeconds);
        Field<FloatGraphType>("avgFinalizedLagSeconds").Resolve(c => c.Source.AvgFinalizedLagSeconds);
        Field<FloatGraphType>("maxFinalizedLagSeconds").Resolve(c => c.Source.MaxFinalizedLagSeconds);
        Field<FloatGraphType>("avgSafeLagBlocks").Resolve(c => c.Source.AvgSafeLagBlocks);
        Field<FloatGraphType>("maxSafeLagBlocks").Resolve(c => c.Source.MaxSafeLagBlocks);
        Field<FloatGraphType>("avgFinalizedLagBlocks").Resolve(c => c.Source.AvgFinalizedLagBlocks);
        Field<FloatGraphType>("maxFinalizedLagBlocks").Resolve(c => c.Source.MaxFinalizedLagBlocks);
    }
}

public sealed class ChainStatsGraphType : ObjectGraphType<ChainStats>
{
    public ChainStatsGraphType()
    {
        Name = "ChainStats";
        Field<NonNullGraphType<LongScalarGraphType>>("chainId").Resolve(c => c.Source.ChainId);
        Field<StringGraphType>("name").Description("From the chain registry.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("layer")
            .Description("L1 (Ethereum), L2 (one of its rollups) or OTHER, from the chain registry; null when the registry does not list the chain.")
            .Resolve(c => c.Source.Layer);
        Field<UtcDateTimeGraphType>("observedAt").Description("When the newest head observation was made.").Resolve(c => c.Source.ObservedAt);
        Field<LongScalarGraphType>("latestBlock").Resolve(c => c.Source.LatestBlock);
        Field<UtcDateTimeGraphType>("latestBlockTime").Resolve(c => c.Source.LatestBlockTime);
        Field<LongScalarGraphType>("safeBlock").Resolve(c => c.Source.SafeBlock);
        Field<LongScalarGraphType>("finalizedBlock").Resolve(c => c.Source.FinalizedBlock);
        Field<LongScalarGraphType>("safeLagBlocks").Description("Now: latest - safe, in blocks.").Resolve(c => c.Source.SafeLagBlocks);
        Field<LongScalarGraphType>("finalizedLagBlocks").Description("Now: latest - finalized, in blocks.").Resolve(c => c.Source.FinalizedLagBlocks);
        Field<FloatGraphType>("safeLagSeconds").Description("Now: block time of latest - block time of safe.").Resolve(c => c.Source.SafeLagSeconds);
        Field<FloatGraphType>("finalizedLagSeconds").Description("Now: block time of latest - block time of finalized.").Resolve(c => c.Source.FinalizedLagSeconds);
        Field<NonNullGraphType<ChainLagGraphType>>("lag").Description("Over the requested window.").Resolve(c => c.Source.Lag);
    }
}

public sealed class ChainLagSeriesGraphType : ObjectGraphType<ChainLagSeries>
{
    public ChainLagSeriesGraphType()
    {
        Name = "ChainLagSeries";
        Field<NonNullGraphType<LongScalarGraphType>>("chainId").Resolve(c => c.Source.ChainId);
        Field<NonNullGraphType<IntGraphType>>("bucketSeconds").Resolve(c => c.Source.BucketSeconds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLagGraphType>>>>("points").WithComplexityImpact(1, 1).Resolve(c => c.Source.Points);
    }
}

public sealed class AssetTokenGraphType : ObjectGraphType<AssetToken>
{
    public AssetTokenGraphType()
    {
        Name = "AssetToken";
        Field<NonNullGraphType<LongScalarGraphType>>("chainId").Resolve(c => c.Source.ChainId);
        Field<NonNullGraphType<AddressGraphType>>("token").Description("The zero address is the chain's native asset.").Resolve(c => c.Source.Token);
        Field<NonNullGraphType<IntGraphType>>("decimals").Resolve(c => c.Source.Decimals);
        Field<NonNullGraphType<StringGraphType>>("source").Description("Where the entry comes from.").Resolve(c => c.Source.Source);
    }
}

public sealed class AssetGraphType : ObjectGraphType<AssetInfo>
{
    public AssetGraphType()
    {
        Name = "Asset";
        Field<NonNullGraphType<StringGraphType>>("asset").Description("The canonical name, the same on every chain.").Resolve(c => c.Source.Asset);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssetTokenGraphType>>>>("tokens").Resolve(c => c.Source.Tokens);
    }
}

public sealed class ChainSupplyGraphType : ObjectGraphType<ChainSupply>
{
    public ChainSupplyGraphType()
    {
        Name = "ChainSupply";
        Description = """
            One chain's share of an asset's bridged supply: what bridges delivered to it minus what was sent from it, since
            indexing began, in whole units of the asset (decimals applied). The asset's origin chain (where it is locked or burned)
            has a negative supply and no share.
            """;
        Field<NonNullGraphType<LongScalarGraphType>>("chainId").Resolve(c => c.Source.ChainId);
        Field<NonNullGraphType<FloatGraphType>>("supply").Description("At the end of the range.").Resolve(c => c.Source.Supply);
        Field<FloatGraphType>("share").Description("supply / (sum of the positive supplies); null unless positive.").Resolve(c => c.Source.Share);
        Field<NonNullGraphType<FloatGraphType>>("inflow").Description("Delivered to the chain within the range.").Resolve(c => c.Source.Inflow);
        Field<NonNullGraphType<FloatGraphType>>("outflow").Description("Sent from the chain within the range.").Resolve(c => c.Source.Outflow);
        Field<NonNullGraphType<FloatGraphType>>("netFlow").Description("inflow - outflow.").Resolve(c => c.Source.NetFlow);
    }
}

public sealed class AssetFlowGraphType : ObjectGraphType<AssetFlow>
{
    public AssetFlowGraphType()
    {
        Name = "AssetFlow";
        Description = "Transfers of the asset from one chain to another within the range: sent (by send time) and delivered (by delivery time).";
        Field<NonNullGraphType<LongScalarGraphType>>("sourceChainId").Resolve(c => c.Source.SourceChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("destinationChainId").Resolve(c => c.Source.DestinationChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("messages").Resolve(c => c.Source.Messages);
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<LongScalarGraphType>>("deliveredMessages").Resolve(c => c.Source.DeliveredMessages);
        Field<NonNullGraphType<FloatGraphType>>("deliveredAmount").Resolve(c => c.Source.DeliveredAmount);
    }
}

public sealed class L2ToL2RoutingGraphType : ObjectGraphType<L2Routing>
{
    public L2ToL2RoutingGraphType()
    {
        Name = "L2ToL2Routing";
        Description = """
            How the asset moved between rollups (L2 in the chain registry) within the range. Direct: messages whose source and
            destination are both L2s. Through L1: a withdrawal L2 -> L1 delivered to an address R, followed by the first deposit
            L1 -> another L2 sent by R in the same asset within hopWindowSeconds; counted once per deposit, by its send time. A hop
            through an intermediary (an exchange, a liquidity bridge) or to another address is not seen.
            """;
        Field<NonNullGraphType<LongScalarGraphType>>("directMessages").Resolve(c => c.Source.DirectMessages);
        Field<NonNullGraphType<FloatGraphType>>("directAmount").Resolve(c => c.Source.DirectAmount);
        Field<NonNullGraphType<LongScalarGraphType>>("viaL1Messages").Resolve(c => c.Source.ViaL1Messages);
        Field<NonNullGraphType<FloatGraphType>>("viaL1Amount").Resolve(c => c.Source.ViaL1Amount);
        Field<FloatGraphType>("viaL1Share").Description("viaL1Messages / (viaL1Messages + directMessages); null when both are 0.").Resolve(c => c.Source.ViaL1Share);
        Field<FloatGraphType>("viaL1AmountShare").Description("viaL1Amount / (viaL1Amount + directAmount); null when both are 0.").Resolve(c => c.Source.ViaL1AmountShare);
        Field<NonNullGraphType<IntGraphType>>("hopWindowSeconds").Resolve(c => (int)c.Source.HopWindow.TotalSeconds);
    }
}

public sealed class ChainAmountGraphType : ObjectGraphType<ChainAmount>
{
    public ChainAmountGraphType()
    {
        Name = "ChainAmount";
        Field<NonNullGraphType<LongScalarGraphType>>("chainId").Resolve(c => c.Source.ChainId);
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}

public sealed class FragmentationPointGraphType : ObjectGraphType<FragmentationPoint>
{
    public FragmentationPointGraphType()
    {
        Name = "FragmentationPoint";
        Description = "Concentration of the bridged supply at the end of one bucket.";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("time").Description("Start of the bucket; the figures hold at its end.").Resolve(c => c.Source.Time);
        Field<FloatGraphType>("hhi").Resolve(c => c.Source.Concentration.Hhi);
        Field<FloatGraphType>("effectiveChains").Resolve(c => c.Source.Concentration.EffectiveChains);
        Field<FloatGraphType>("normalizedEntropy").Resolve(c => c.Source.Concentration.NormalizedEntropy);
        Field<NonNullGraphType<IntGraphType>>("chainsWithSupply").Resolve(c => c.Source.Concentration.ChainsWithSupply);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainAmountGraphType>>>>("supplies").Resolve(c => c.Source.Supplies);
    }
}

public sealed class FragmentationGraphType : ObjectGraphType<Fragmentation>
{
    public FragmentationGraphType()
    {
        Name = "Fragmentation";
        Description = """
            Where an asset's bridged supply sits. Concentration is over the chains with a positive supply (shares s_i):
            hhi = sum s_i^2 (1/N when spread evenly over N chains, 1 on one chain), effectiveChains = 1/hhi, normalizedEntropy =
            -sum s_i ln s_i / ln N (1 even, 0 on one chain).
            """;
        Field<NonNullGraphType<StringGraphType>>("asset").Resolve(c => c.Source.Asset);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainSupplyGraphType>>>>("chains").Resolve(c => c.Source.Chains);
        Field<FloatGraphType>("hhi").Resolve(c => c.Source.Concentration.Hhi);
        Field<FloatGraphType>("effectiveChains").Resolve(c => c.Source.Concentration.EffectiveChains);
        Field<FloatGraphType>("normalizedEntropy").Resolve(c => c.Source.Concentration.NormalizedEntropy);
        Field<NonNullGraphType<IntGraphType>>("chainsWithSupply").Resolve(c => c.Source.Concentration.ChainsWithSupply);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssetFlowGraphType>>>>("flows").Resolve(c => c.Source.Flows);
        Field<NonNullGraphType<L2ToL2RoutingGraphType>>("l2ToL2")
            .ResolveAsync(async c => await AnalyticsQueryFields.Analytics(c).L2RoutingAsync(c.Source.Asset, c.Source.From, c.Source.To, c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FragmentationPointGraphType>>>>("series")
            .Description("The bridged supply and its concentration at the end of each bucket of the range (bucketSeconds: a multiple of 60).")
            .Argument<NonNullGraphType<IntGraphType>>("bucketSeconds")
            .WithComplexityImpact(context => new FieldComplexityResult(10, AnalyticsQueryFields.MaxPointsOf(context)))
            .ResolveAsync(async c =>
            {
                var bucket = AnalyticsQueryFields.ValidBucket(c.GetArgument<int>("bucketSeconds"), c.Source.From, c.Source.To);
                return await AnalyticsQueryFields.Analytics(c).FragmentationSeriesAsync(c.Source.Asset, bucket, c.Source.From, c.Source.To, c.CancellationToken);
            });
    }
}

public sealed class InFlightGroupGraphType : ObjectGraphType<InFlightGroup>
{
    public InFlightGroupGraphType()
    {
        Name = "InFlightGroup";
        Description = "Value in flight of one canonical asset in one group (dimensions not grouped by are null).";
        Field<NonNullGraphType<StringGraphType>>("asset").Resolve(c => c.Source.Asset);
        Field<NonNullGraphType<BooleanGraphType>>("registered")
            .Description("False for a token the asset registry does not know: its amount is in the token's smallest unit.")
            .Resolve(c => c.Source.Registered);
        Field<LongScalarGraphType>("sourceChainId").Resolve(c => c.Source.Key.SourceChainId);
        Field<LongScalarGraphType>("destinationChainId").Resolve(c => c.Source.Key.DestinationChainId);
        Field<ProtocolGraphType>("protocol").Resolve(c => c.Source.Key.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.Key.ProofSystem);
        Field<NonNullGraphType<LongScalarGraphType>>("messages").Description("Messages sent and not delivered yet.").Resolve(c => c.Source.Messages);
        Field<NonNullGraphType<FloatGraphType>>("amount").Description("Their value, in whole units of the asset.").Resolve(c => c.Source.Amount);
    }
}

public sealed class OpenExposureGraphType : ObjectGraphType<OpenExposure>
{
    public OpenExposureGraphType()
    {
        Name = "OpenExposure";
        Description = "An open message (sent, not delivered) and the transfer it carries.";
        Field<NonNullGraphType<IdGraphType>>("messageId").Resolve(c => c.Source.MessageId);
        Field<NonNullGraphType<StringGraphType>>("asset").Resolve(c => c.Source.Asset);
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<ProtocolGraphType>>("protocol").Resolve(c => c.Source.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.ProofSystem);
        Field<NonNullGraphType<LongScalarGraphType>>("sourceChainId").Resolve(c => c.Source.SourceChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("destinationChainId").Resolve(c => c.Source.DestinationChainId);
        Field<NonNullGraphType<MessageStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("sentAt").Resolve(c => c.Source.SentAt);
        Field<NonNullGraphType<FloatGraphType>>("ageSeconds").Resolve(c => c.Source.AgeSeconds);
    }
}

public sealed class ValueInFlightGraphType : ObjectGraphType<ValueInFlight>
{
    public const int MaxLargest = 100;

    public ValueInFlightGraphType()
    {
        Name = "ValueInFlight";
        Description = "What is exposed if one bridge, rollup or proof system fails: value sent and not yet delivered or finalized.";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InFlightGroupGraphType>>>>("groups").Resolve(c => c.Source.Groups);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OpenExposureGraphType>>>>("largest")
            .Description("The open messages with the largest transfers, at most `first` per asset, largest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 10);
                if (first is < 1 or > MaxLargest)
                {
                    throw new ExecutionError($"Argument 'first' must be between 1 and {MaxLargest}; got {first}.") { Code = "BAD_ARGUMENT" };
                }

                return await AnalyticsQueryFields.Analytics(c).LargestOpenAsync(c.Source.Asset, first, c.CancellationToken);
            });
    }
}

public sealed class InFlightPointGraphType : ObjectGraphType<InFlightPoint>
{
    public InFlightPointGraphType()
    {
        Name = "InFlightPoint";
        Field<NonNullGraphType<UtcDateTimeGraphType>>("time").Description("Start of the bucket; the figures hold at its end.").Resolve(c => c.Source.Time);
        Field<NonNullGraphType<LongScalarGraphType>>("messages").Resolve(c => c.Source.Messages);
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}

public sealed class InFlightSeriesGraphType : ObjectGraphType<InFlightSeries>
{
    public InFlightSeriesGraphType()
    {
        Name = "InFlightSeries";
        Field<NonNullGraphType<StringGraphType>>("asset").Resolve(c => c.Source.Asset);
        Field<LongScalarGraphType>("sourceChainId").Resolve(c => c.Source.Key.SourceChainId);
        Field<LongScalarGraphType>("destinationChainId").Resolve(c => c.Source.Key.DestinationChainId);
        Field<ProtocolGraphType>("protocol").Resolve(c => c.Source.Key.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.Key.ProofSystem);
        Field<NonNullGraphType<IntGraphType>>("bucketSeconds").Resolve(c => c.Source.BucketSeconds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InFlightPointGraphType>>>>("points").WithComplexityImpact(1, 1).Resolve(c => c.Source.Points);
    }
}

public sealed class StuckMessagesGraphType : ObjectGraphType<StuckMessages>
{
    public StuckMessagesGraphType()
    {
        Name = "StuckMessages";
        Description = """
            Messages sent longer ago than the threshold and not delivered, and, when they wait out a challenge window, that long
            past its end (from analytics_open_messages, not a scan of messages).
            """;
        Field<NonNullGraphType<LongScalarGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MessageGraphType>>>>("messages").Description("The oldest first.").Resolve(c => c.Source.Messages);
    }
}
