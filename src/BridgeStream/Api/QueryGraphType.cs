using BridgeStream.Api.Alerts;
using BridgeStream.Api.Scalars;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace BridgeStream.Api;

/// <summary>The GraphQL <c>Query</c> root: <c>messages</c> (paged list), <c>message</c> (by id), <c>messageByTransaction</c>.</summary>
public sealed class QueryGraphType : ObjectGraphType
{
    public const int DefaultPageSize = 20;

    public QueryGraphType()
    {
        Name = "Query";
        Field<NonNullGraphType<MessageConnectionGraphType>>("messages")
            .Description("Messages matching the filter, in the given order; cursors stay valid while new messages arrive.")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = DefaultPageSize)
            .Argument<StringGraphType>("after")
            .Argument<MessageFilterInputGraphType>("filter")
            .Argument<MessageOrderGraphType>("orderBy", argument => argument.DefaultValue = MessageOrder.SentAtDesc)
            // Everything selected below a page is paid once per row the page may hold.
            .WithComplexityImpact(context => new FieldComplexityResult(1, Math.Clamp(context.GetArgument("first", DefaultPageSize), 1, MessageQueries.MaxPageSize)))
            .ResolveAsync(async context => await ResolveMessagesAsync(context));
        Field<MessageGraphType>("message")
            .Description("One message by its id (correlation key).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
                await Queries(context).FindByIdAsync(context.GetArgument<string>("id"), context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MessageGraphType>>>>("messageByTransaction")
            .Description("Every message sent, received, retried or proven in this transaction (at most 1000), oldest first.")
            .Argument<NonNullGraphType<LongScalarGraphType>>("chainId")
            .Argument<NonNullGraphType<HashGraphType>>("txHash")
            .ResolveAsync(async context => await ResolveByTransactionAsync(context));
        Settlement.SettlementFields.AddTo(this);
        this.AddAlertQueries();
        Analytics.AnalyticsQueryFields.AddTo(this);
    }

    internal static MessageQueries Queries(IResolveFieldContext context) =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set."))
            .GetRequiredService<MessageQueries>();

    internal static MessageFilter ValidFilter(IResolveFieldContext context)
    {
        var filter = context.GetArgument<MessageFilter?>("filter") ?? MessageFilter.None;
        if (filter.SourceChainId < 0 || filter.DestinationChainId < 0)
        {
            throw new ExecutionError("Chain ids in 'filter' must not be negative.") { Code = "BAD_FILTER" };
        }

        if (filter.MinLatencySeconds is { } latency && !double.IsFinite(latency))
        {
            throw new ExecutionError("'filter.minLatencySeconds' must be a finite number.") { Code = "BAD_FILTER" };
        }

        return filter;
    }

    private static async Task<object?> ResolveByTransactionAsync(IResolveFieldContext context)
    {
        var chainId = context.GetArgument<long>("chainId");
        if (chainId < 0)
        {
            throw new ExecutionError("Argument 'chainId' must not be negative.") { Code = "BAD_CHAIN_ID" };
        }

        return await Queries(context).FindByTransactionAsync(chainId, context.GetArgument<string>("txHash"), context.CancellationToken);
    }

    private static async Task<MessageConnection> ResolveMessagesAsync(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
        if (first is < 1 or > MessageQueries.MaxPageSize)
        {
            throw new ExecutionError($"Argument 'first' must be between 1 and {MessageQueries.MaxPageSize}; got {first}.")
            {
                Code = "BAD_FIRST",
            };
        }

        var filter = ValidFilter(context);
        var order = context.GetArgument("orderBy", MessageOrder.SentAtDesc);
        var after = ParseCursor(context.GetArgument<string?>("after"), order);
        return await Queries(context).ListAsync(filter, order, first, after, context.CancellationToken);
    }

    private static MessageCursor? ParseCursor(string? after, MessageOrder order)
    {
        if (after is null)
        {
            return null;
        }

        if (!MessageCursor.TryDecode(after, out var cursor))
        {
            throw new ExecutionError("Argument 'after' is not a cursor returned by this API.") { Code = "BAD_CURSOR" };
        }

        return cursor.Order == order
            ? cursor
            : throw new ExecutionError($"Argument 'after' is a cursor of ordering {cursor.Order}, not of the requested one; cursors only continue their own ordering.")
            {
                Code = "BAD_CURSOR",
            };
    }
}
