using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace BridgeStream.Api;

/// <summary>The GraphQL <c>Query</c> root: <c>messages</c> (paged list) and <c>message</c> (one by id).</summary>
public sealed class QueryGraphType : ObjectGraphType
{
    public const int DefaultPageSize = 20;

    public QueryGraphType()
    {
        Name = "Query";
        Field<NonNullGraphType<MessageConnectionGraphType>>("messages")
            .Description("Messages, newest first; cursors stay valid while new messages arrive.")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = DefaultPageSize)
            .Argument<StringGraphType>("after")
            .Argument<MessageFilterInputGraphType>("filter")
            .ResolveAsync(async context => await ResolveMessagesAsync(context));
        Field<MessageGraphType>("message")
            .Description("One message by its id (correlation key).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
                await Queries(context).FindByIdAsync(context.GetArgument<string>("id"), context.CancellationToken));
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

        var filter = context.GetArgument<MessageFilter?>("filter") ?? MessageFilter.None;
        RejectNegativeChainIds(filter);
        var after = ParseCursor(context.GetArgument<string?>("after"));
        return await Queries(context).ListAsync(filter, first, after, context.CancellationToken);
    }

    private static MessageCursor? ParseCursor(string? after)
    {
        if (after is null)
        {
            return null;
        }

        return MessageCursor.TryDecode(after, out var cursor)
            ? cursor
            : throw new ExecutionError("Argument 'after' is not a cursor returned by this API.") { Code = "BAD_CURSOR" };
    }

    private static void RejectNegativeChainIds(MessageFilter filter)
    {
        if (filter.SourceChainId < 0 || filter.DestinationChainId < 0)
        {
            throw new ExecutionError("Chain ids in 'filter' must not be negative.") { Code = "BAD_FILTER" };
        }
    }

    private static MessageQueries Queries(IResolveFieldContext context) =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set."))
            .GetRequiredService<MessageQueries>();
}
