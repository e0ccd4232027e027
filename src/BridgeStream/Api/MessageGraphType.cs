using GraphQL.Types;

namespace BridgeStream.Api;

/// <summary>The GraphQL <c>Message</c> type. Field order follows schemas/graphql/schema.graphql.</summary>
public sealed class MessageGraphType : ObjectGraphType<MessageRecord>
{
    public MessageGraphType()
    {
        Name = "Message";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The protocol's correlation key, 0x-hex (OP Stack: hashCrossDomainMessageV1).")
            .Resolve(context => context.Source.Id);
        Field<NonNullGraphType<ProtocolGraphType>>("protocol").Resolve(context => context.Source.Protocol);
        Field<NonNullGraphType<MessageStatusGraphType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<LongScalarGraphType>>("sourceChainId").Resolve(context => context.Source.SourceChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("destinationChainId").Resolve(context => context.Source.DestinationChainId);
        Field<StringGraphType>("sender").Resolve(context => context.Source.Sender);
        Field<StringGraphType>("target").Resolve(context => context.Source.Target);
        Field<StringGraphType>("value").Description("uint256 as a decimal string.").Resolve(context => context.Source.Value);
        Field<StringGraphType>("nonce")
            .Description("uint256 as a decimal string (OP Stack: the versioned nonce).")
            .Resolve(context => context.Source.Nonce);
        Field<StringGraphType>("sourceTxHash").Resolve(context => context.Source.SourceTxHash);
        Field<LongScalarGraphType>("sourceBlockNumber").Resolve(context => context.Source.SourceBlockNumber);
        Field<StringGraphType>("destinationTxHash").Resolve(context => context.Source.DestinationTxHash);
        Field<LongScalarGraphType>("destinationBlockNumber").Resolve(context => context.Source.DestinationBlockNumber);
        Field<UtcDateTimeGraphType>("sentAt").Resolve(context => context.Source.SentAt);
        Field<UtcDateTimeGraphType>("deliveredAt").Resolve(context => context.Source.DeliveredAt);
        Field<FloatGraphType>("latencySeconds")
            .Description("Seconds from the send's block to the delivery's block.")
            .Resolve(context => context.Source.LatencySeconds);
        Field<NonNullGraphType<IntGraphType>>("failedAttempts").Resolve(context => context.Source.FailedAttempts);
    }
}
