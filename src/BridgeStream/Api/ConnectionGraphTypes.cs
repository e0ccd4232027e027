using BridgeStream.Api.Scalars;
using GraphQL;
using GraphQL.Types;

namespace BridgeStream.Api;

/// <summary>The GraphQL <c>MessageEdge</c> type.</summary>
public sealed class MessageEdgeGraphType : ObjectGraphType<MessageEdge>
{
    public MessageEdgeGraphType()
    {
        Name = "MessageEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<MessageGraphType>>("node").Resolve(context => context.Source.Node);
    }
}

/// <summary>The GraphQL <c>PageInfo</c> type.</summary>
public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(context => context.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(context => context.Source.EndCursor);
    }
}

/// <summary>The GraphQL <c>MessageConnection</c> type; totalCount runs its count query only when selected.</summary>
public sealed class MessageConnectionGraphType : ObjectGraphType<MessageConnection>
{
    public MessageConnectionGraphType()
    {
        Name = "MessageConnection";
        Field<NonNullGraphType<LongScalarGraphType>>("totalCount")
            .ResolveAsync(async context => await context.Source.CountTotal(context.CancellationToken));
        // The page size already multiplies what is below (see Query.messages), so the list itself does not again.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MessageEdgeGraphType>>>>("edges")
            .WithComplexityImpact(1, 1)
            .Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(context => context.Source.PageInfo);
    }
}

/// <summary>The GraphQL <c>MessageFilter</c> input.</summary>
public sealed class MessageFilterInputGraphType : InputObjectGraphType<MessageFilter>
{
    public MessageFilterInputGraphType()
    {
        Name = "MessageFilter";
        Field<MessageStatusGraphType>("status");
        Field<ProtocolGraphType>("protocol");
        Field<ProofSystemGraphType>("proofSystem");
        Field<AddressGraphType>("asset").Description("The token on the source chain (the zero address: the native asset).");
        Field<LongScalarGraphType>("sourceChainId");
        Field<LongScalarGraphType>("destinationChainId");
        Field<AddressGraphType>("sender");
        Field<AddressGraphType>("target").Description("The recipient.");
        Field<UtcDateTimeGraphType>("sentAfter").Description("Sent at or after this time.");
        Field<UtcDateTimeGraphType>("sentBefore").Description("Sent strictly before this time.");
        Field<Uint256GraphType>("minValue").Description("Value (wei) at least this.");
        Field<FloatGraphType>("minLatencySeconds").Description("Delivered with a latency strictly above this many seconds.");
    }
}
