using BridgeStream.Api.Scalars;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace BridgeStream.Api.Analytics;

/// <summary>
/// The analytics fields of the <c>Query</c> root (routes, routeSeries, routeSync, chains, chainLagSeries, assets, fragmentation,
/// valueInFlight, valueInFlightSeries), added by <see cref="AddTo"/> so that QueryGraphType stays one line longer.
/// Complexity: a list of aggregates costs its row limit, a series its row limit times its number of buckets.
/// </summary>
public static class AnalyticsQueryFields
{
    public const int MaxRoutes = 500;
    public const int MaxSeries = 100;

    private static readonly RouteDimension[] RouteGrouping = [RouteDimension.SourceChain, RouteDimension.DestinationChain, RouteDimension.Protocol];

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RouteStatsGraphType>>>>("routes")
            .Description("Per route (or coarser, see groupBy): counts, success rate and latency percentiles over a window, from pre-aggregated tables.")
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .Argument<ListGraphType<NonNullGraphType<RouteDimensionGraphType>>>("groupBy", a => a.DefaultValue = RouteGrouping)
            .Argument<RouteFilterInputGraphType>("filter")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .WithComplexityImpact(context => new FieldComplexityResult(10, Math.Clamp(context.GetArgument("first", 100), 1, MaxRoutes)))
            .ResolveAsync(async c =>
            {
                var first = ValidFirst(c, 100, MaxRoutes);
                var (from, to) = Range(c);
                var routes = await Analytics(c).RoutesAsync(from, to, Dimensions(c), c.GetArgument<RouteFilter?>("filter"), c.CancellationToken);
                return routes.Take(first).ToList();
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RouteSeriesGraphType>>>>("routeSeries")
            .Description("The same per time bucket (bucketSeconds: a multiple of 60; at most 2016 buckets), every bucket present.")
            .Argument<NonNullGraphType<IntGraphType>>("bucketSeconds")
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .Argument<ListGraphType<NonNullGraphType<RouteDimensionGraphType>>>("groupBy", a => a.DefaultValue = RouteGrouping)
            .Argument<RouteFilterInputGraphType>("filter")
            .Argument<LatencyStageGraphType>("stage", a => a.DefaultValue = LatencyStage.Delivery)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .WithComplexityImpact(context => new FieldComplexityResult(10, Math.Clamp(context.GetArgument("first", 20), 1, MaxSeries) * PointsOf(context)))
            .ResolveAsync(async c =>
            {
                var first = ValidFirst(c, 20, MaxSeries);
                var (from, to) = Range(c);
                var bucket = ValidBucket(c.GetArgument<int>("bucketSeconds"), from, to);
                var series = await Analytics(c).RouteSeriesAsync(
                    bucket, from, to, Dimensions(c), c.GetArgument<RouteFilter?>("filter"), c.GetArgument("stage", LatencyStage.Delivery), c.CancellationToken);
                return series.Take(first).ToList();
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RouteSyncGraphType>>>>("routeSync")
            .Description("""
                Per route (source, destination, protocol and proof system) with deliveries in the window: the send -> relay
                distance in seconds and destination blocks, and the shares relayed in the same block time or the next block.
                Synchronous routes (OP interop) come first among the routes of the same chain pair, for comparison.
                """)
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .Argument<RouteFilterInputGraphType>("filter")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .WithComplexityImpact(context => new FieldComplexityResult(10, Math.Clamp(context.GetArgument("first", 100), 1, MaxRoutes)))
            .ResolveAsync(async c =>
            {
                var first = ValidFirst(c, 100, MaxRoutes);
                var (from, to) = Range(c);
                var routes = await Analytics(c).RouteSyncAsync(from, to, c.GetArgument<RouteFilter?>("filter"), c.CancellationToken);
                return routes.Take(first).ToList();
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainStatsGraphType>>>>("chains")
            .Description("Every chain with head observations: its newest heads and finality lag, and the lag over a window.")
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .WithComplexityImpact(10, 50)
            .ResolveAsync(async c =>
            {
                var (from, to) = Range(c);
                return await Analytics(c).ChainsAsync(from, to, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLagSeriesGraphType>>>>("chainLagSeries")
            .Description("Head-to-safe and head-to-finalized lag per chain and time bucket (bucketSeconds: a multiple of 60; at most 2016 buckets).")
            .Argument<NonNullGraphType<IntGraphType>>("bucketSeconds")
            .Argument<LongScalarGraphType>("chainId")
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .WithComplexityImpact(context => new FieldComplexityResult(10, 10 * PointsOf(context)))
            .ResolveAsync(async c =>
            {
                var (from, to) = Range(c);
                var bucket = ValidBucket(c.GetArgument<int>("bucketSeconds"), from, to);
                var chainId = c.GetArgument<long?>("chainId");
                if (chainId < 0)
                {
                    throw new ExecutionError("Argument 'chainId' must not be negative.") { Code = "BAD_ARGUMENT" };
                }

                return await Analytics(c).ChainLagSeriesAsync(bucket, from, to, chainId, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssetGraphType>>>>("assets")
            .Description("The canonical assets of the asset registry, with their tokens per chain.")
            .ResolveAsync(async c => await Analytics(c).AssetsAsync(c.CancellationToken));
        query.Field<NonNullGraphType<FragmentationGraphType>>("fragmentation")
            .Description("Liquidity fragmentation of one canonical asset (a registry name such as \"ETH\", or \"chainId:0xtoken\" for a token the registry does not know).")
            .Argument<NonNullGraphType<StringGraphType>>("asset")
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .WithComplexityImpact(10, 20)
            .ResolveAsync(async c =>
            {
                var (from, to) = Range(c);
                return await Analytics(c).FragmentationAsync(ValidAsset(c.GetArgument<string>("asset")), from, to, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ValueInFlightGraphType>>("valueInFlight")
            .Description("Value sent and not delivered yet, now, per canonical asset and the chosen dimensions.")
            .Argument<StringGraphType>("asset")
            .Argument<ListGraphType<NonNullGraphType<RouteDimensionGraphType>>>("groupBy", a => a.DefaultValue = RouteGrouping)
            .WithComplexityImpact(10, 100)
            .ResolveAsync(async c =>
            {
                var asset = c.GetArgument<string?>("asset");
                return await Analytics(c).ValueInFlightAsync(asset is null ? null : ValidAsset(asset), Dimensions(c), c.CancellationToken);
            });
        query.Field<NonNullGraphType<StuckMessagesGraphType>>("stuckMessages")
            .Description("Messages open longer than olderThanSeconds (and that long past the end of any challenge window), oldest first.")
            .Argument<IntGraphType>("olderThanSeconds", a => a.DefaultValue = 1800)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 25)
            .ResolveAsync(async c =>
            {
                var first = ValidFirst(c, 25, MaxRoutes);
                var olderThan = c.GetArgument("olderThanSeconds", 1800);
                if (olderThan < 0)
                {
                    throw new ExecutionError("Argument 'olderThanSeconds' must not be negative.") { Code = "BAD_ARGUMENT" };
                }

                var analytics = Analytics(c);
                var (count, oldest) = await analytics.StuckAsync(TimeSpan.FromSeconds(olderThan), first, c.CancellationToken);
                return new StuckMessages(count, await analytics.MessagesAsync(oldest, c.CancellationToken));
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<InFlightSeriesGraphType>>>>("valueInFlightSeries")
            .Description("Value in flight at the end of each time bucket (bucketSeconds: a multiple of 60; at most 2016 buckets).")
            .Argument<NonNullGraphType<IntGraphType>>("bucketSeconds")
            .Argument<StringGraphType>("asset")
            .Argument<ListGraphType<NonNullGraphType<RouteDimensionGraphType>>>("groupBy", a => a.DefaultValue = new[] { RouteDimension.ProofSystem })
            .Argument<WindowGraphType>("window", a => a.DefaultValue = AnalyticsWindow.LastDay)
            .Argument<TimeRangeInputGraphType>("range")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .WithComplexityImpact(context => new FieldComplexityResult(10, Math.Clamp(context.GetArgument("first", 20), 1, MaxSeries) * PointsOf(context)))
            .ResolveAsync(async c =>
            {
                var first = ValidFirst(c, 20, MaxSeries);
                var (from, to) = Range(c);
                var bucket = ValidBucket(c.GetArgument<int>("bucketSeconds"), from, to);
                var asset = c.GetArgument<string?>("asset");
                var series = await Analytics(c).InFlightSeriesAsync(asset is null ? null : ValidAsset(asset), Dimensions(c), bucket, from, to, c.CancellationToken);
                return series.Take(first).ToList();
            });
    }

    internal static AnalyticsQueries Analytics(IResolveFieldContext context) =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set.")).GetRequiredService<AnalyticsQueries>();

    public static TimeSpan Length(AnalyticsWindow window) => window switch
    {
        AnalyticsWindow.LastHour => TimeSpan.FromHours(1),
        AnalyticsWindow.LastWeek => TimeSpan.FromDays(7),
        AnalyticsWindow.Last30Days => TimeSpan.FromDays(30),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>A window ends with the current minute (included); a range is taken as given, `to` defaulting to now.</summary>
    public static (DateTime From, DateTime To) Range(AnalyticsWindow window, TimeRangeInput? range, DateTime now)
    {
        if (range is not null)
        {
            var from = DateTime.SpecifyKind(range.From, DateTimeKind.Utc);
            var to = range.To is { } end ? DateTime.SpecifyKind(end, DateTimeKind.Utc) : now;
            if (to <= from)
            {
                throw new ExecutionError("'range.to' must be after 'range.from'.") { Code = "BAD_ARGUMENT" };
            }

            if (from < AnalyticsTiles.Beginning)
            {
                throw new ExecutionError("'range.from' must not be before 1970-01-01.") { Code = "BAD_ARGUMENT" };
            }

            return (from, to);
        }

        var windowEnd = AnalyticsTiles.Floor(now, AnalyticsLevel.Minute).AddMinutes(1);
        return (windowEnd - Length(window), windowEnd);
    }

    private static (DateTime From, DateTime To) Range(IResolveFieldContext c) =>
        Range(c.GetArgument("window", AnalyticsWindow.LastDay), c.GetArgument<TimeRangeInput?>("range"), Analytics(c).Now);

    internal static int ValidBucket(int bucketSeconds, DateTime from, DateTime to)
    {
        if (bucketSeconds < 60 || bucketSeconds % 60 != 0)
        {
            throw new ExecutionError($"Argument 'bucketSeconds' must be a positive multiple of 60; got {bucketSeconds}.") { Code = "BAD_ARGUMENT" };
        }

        var points = Math.Ceiling((to - from).TotalSeconds / bucketSeconds) + 1;
        return points <= AnalyticsQueries.MaxPoints
            ? bucketSeconds
            : throw new ExecutionError(
                $"{points:0} buckets of {bucketSeconds} s would cover the range; at most {AnalyticsQueries.MaxPoints} are served: choose larger buckets or a shorter range.")
            {
                Code = "BAD_ARGUMENT",
            };
    }

    internal static string ValidAsset(string asset) =>
        asset.Length is > 0 and <= 100 ? asset : throw new ExecutionError("Argument 'asset' must be 1 to 100 characters.") { Code = "BAD_ARGUMENT" };

    private static int ValidFirst(IResolveFieldContext c, int defaultValue, int max)
    {
        var first = c.GetArgument("first", defaultValue);
        return first is >= 1 && first <= max
            ? first
            : throw new ExecutionError($"Argument 'first' must be between 1 and {max}; got {first}.") { Code = "BAD_ARGUMENT" };
    }

    private static List<RouteDimension> Dimensions(IResolveFieldContext c) =>
        c.GetArgument<List<RouteDimension>?>("groupBy") ?? [.. RouteGrouping];

    // The number of buckets a series asks for (window or range / bucketSeconds), for the complexity limit; an argument
    // that cannot be read here (a variable not given yet) counts as the most a series may hold.
    internal static int PointsOf(FieldImpactContext context) => PointsOf(context, context);

    private static int PointsOf(FieldImpactContext bucketContext, FieldImpactContext rangeContext)
    {
        try
        {
            var bucket = bucketContext.GetArgument("bucketSeconds", 0);
            if (bucket < 60)
            {
                return AnalyticsQueries.MaxPoints;
            }

            var range = rangeContext.GetArgument<TimeRangeInput?>("range", null);
            var length = range is null
                ? Length(rangeContext.GetArgument("window", AnalyticsWindow.LastDay))
                : (range.To ?? DateTime.UtcNow) - range.From;
            return (int)Math.Clamp(Math.Ceiling(length.TotalSeconds / bucket) + 1, 1, AnalyticsQueries.MaxPoints);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidCastException or ArgumentException)
        {
            return AnalyticsQueries.MaxPoints;
        }
    }

    /// <summary>For a nested series (fragmentation.series): its buckets over the parent's range, else the most a series may hold.</summary>
    internal static int MaxPointsOf(FieldImpactContext context) =>
        context.Parent is { } parent ? PointsOf(context, parent) : AnalyticsQueries.MaxPoints;
}
