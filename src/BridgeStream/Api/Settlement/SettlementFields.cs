using BridgeStream.Api.Scalars;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace BridgeStream.Api.Settlement;

/// <summary>
/// The settlement fields: <c>Message.sourceSettlement</c> (<see cref="AddSourceSettlement"/>) and the Query fields
/// rollupSettlement, rollupSettlementStatus, settlementLagSeries and settlementByProofSystem (<see cref="AddTo"/>), so that
/// the shared MessageGraphType and QueryGraphType grow by one line each.
/// </summary>
public static class SettlementFields
{
    public const int MaxSteps = 1000;
    public const int MaxBuckets = 2016;

    public static void AddSourceSettlement(this ObjectGraphType<MessageRecord> message) =>
        message.Field<SourceSettlementGraphType>("sourceSettlement")
            .Description("When the source block reached each settlement milestone on L1, for a message sent on a followed rollup. Loaded for a whole page in one query.")
            .Resolve(c => c.RequestServices!.GetRequiredService<SourceSettlementLoader>().Load(c.Source.Id));

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RollupSettlementStepGraphType>>>>("rollupSettlement")
            .Description("A rollup's settlement steps on L1, newest first (with the derived confirmations of OP output proposals).")
            .Argument<NonNullGraphType<LongScalarGraphType>>("chainId")
            .Argument<SettlementStageGraphType>("stage")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .WithComplexityImpact(c => new FieldComplexityResult(10, Math.Clamp(c.GetArgument("first", 100), 1, MaxSteps)))
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 100);
                if (first is < 1 or > MaxSteps)
                {
                    throw new ExecutionError($"Argument 'first' must be between 1 and {MaxSteps}; got {first}.") { Code = "BAD_FIRST" };
                }

                return await Queries(c).StepsAsync(ChainId(c, "chainId")!.Value, c.GetArgument<string?>("stage"), first, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RollupSettlementStatusGraphType>>>>("rollupSettlementStatus")
            .Description("Every followed rollup's settlement now (or one's): highest proposed and settled L2 blocks, the settled state's age, time since the last step.")
            .Argument<LongScalarGraphType>("chainId")
            .WithComplexityImpact(10, 50)
            .ResolveAsync(async c => await Queries(c).StatusAsync(ChainId(c, "chainId"), c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SettlementLagPointGraphType>>>>("settlementLagSeries")
            .Description("A rollup's settlement lag over time: its steps of one milestone per bucket (bucketSeconds >= 1; at most 2016 buckets; default range: the last day).")
            .Argument<NonNullGraphType<LongScalarGraphType>>("chainId")
            .Argument<NonNullGraphType<IntGraphType>>("bucketSeconds")
            .Argument<SettlementMilestoneGraphType>("milestone", a => a.DefaultValue = "SETTLED")
            .Argument<UtcDateTimeGraphType>("from")
            .Argument<UtcDateTimeGraphType>("to")
            .WithComplexityImpact(10, 100)
            .ResolveAsync(async c =>
            {
                var (from, to) = Range(c);
                var bucket = c.GetArgument<int>("bucketSeconds");
                if (bucket < 1 || (to - from).TotalSeconds / bucket > MaxBuckets)
                {
                    throw new ExecutionError($"Argument 'bucketSeconds' must be at least 1 and give at most {MaxBuckets} buckets over the range.") { Code = "BAD_ARGUMENT" };
                }

                return await Queries(c).LagSeriesAsync(ChainId(c, "chainId")!.Value, c.GetArgument("milestone", "SETTLED"), bucket, from, to, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProofSystemSettlementGraphType>>>>("settlementByProofSystem")
            .Description("Messages sent in a range (default: the last day) by their route's proof system: delivery latency and source settlement lag.")
            .Argument<UtcDateTimeGraphType>("sentAfter")
            .Argument<UtcDateTimeGraphType>("sentBefore")
            .WithComplexityImpact(10, 10)
            .ResolveAsync(async c =>
            {
                var before = c.GetArgument<DateTime?>("sentBefore") ?? DateTime.UtcNow.AddMinutes(1);
                var after = c.GetArgument<DateTime?>("sentAfter") ?? before.AddDays(-1);
                return await Queries(c).ByProofSystemAsync(after, before, c.CancellationToken);
            });
    }

    private static SettlementQueries Queries(IResolveFieldContext context) =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set.")).GetRequiredService<SettlementQueries>();

    private static long? ChainId(IResolveFieldContext context, string name)
    {
        var chainId = context.GetArgument<long?>(name);
        return chainId < 0 ? throw new ExecutionError($"Argument '{name}' must not be negative.") { Code = "BAD_CHAIN_ID" } : chainId;
    }

    private static (DateTime From, DateTime To) Range(IResolveFieldContext context)
    {
        var to = context.GetArgument<DateTime?>("to") ?? DateTime.UtcNow.AddMinutes(1);
        var from = context.GetArgument<DateTime?>("from") ?? to.AddDays(-1);
        return from < to ? (from, to) : throw new ExecutionError("Argument 'from' must be before 'to'.") { Code = "BAD_ARGUMENT" };
    }
}
