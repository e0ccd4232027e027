using BridgeStream.Api.Scalars;
using GraphQL;
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
        Field<AddressGraphType>("sender").Resolve(context => context.Source.Sender);
        Field<AddressGraphType>("target").Description("The recipient on the destination chain.").Resolve(context => context.Source.Target);
        Field<Uint256GraphType>("value").Description("Native value carried, in wei.").Resolve(context => context.Source.Value);
        Field<Uint256GraphType>("nonce")
            .Description("The protocol's nonce (OP Stack: the versioned nonce).")
            .Resolve(context => context.Source.Nonce);
        Field<HashGraphType>("sourceTxHash").Resolve(context => context.Source.SourceTxHash);
        Field<LongScalarGraphType>("sourceBlockNumber").Resolve(context => context.Source.SourceBlockNumber);
        Field<HashGraphType>("destinationTxHash").Resolve(context => context.Source.DestinationTxHash);
        Field<LongScalarGraphType>("destinationBlockNumber").Resolve(context => context.Source.DestinationBlockNumber);
        Field<UtcDateTimeGraphType>("sentAt").Resolve(context => context.Source.SentAt);
        Field<UtcDateTimeGraphType>("deliveredAt").Resolve(context => context.Source.DeliveredAt);
        Field<FloatGraphType>("latencySeconds")
            .Description("Seconds from the send's block to the delivery's block.")
            .Resolve(context => context.Source.LatencySeconds);
        Field<NonNullGraphType<IntGraphType>>("failedAttempts").Resolve(context => context.Source.FailedAttempts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HistoryStepGraphType>>>>("history")
            .Description("Every on-chain event of this message, in time order. Loaded for a whole page in one query.")
            .Resolve(context => context.RequestServices!.GetRequiredService<MessageHistoryLoader>().Load(context.Source.Id));
    }
}

/// <summary>The GraphQL <c>HistoryStep</c> type: one row of bridge_events.</summary>
public sealed class HistoryStepGraphType : ObjectGraphType<HistoryStep>
{
    public HistoryStepGraphType()
    {
        Name = "HistoryStep";
        Field<NonNullGraphType<HistoryStepKindGraphType>>("kind").Resolve(context => context.Source.Kind);
        Field<NonNullGraphType<LongScalarGraphType>>("chainId").Resolve(context => context.Source.ChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("blockNumber").Resolve(context => context.Source.BlockNumber);
        Field<NonNullGraphType<HashGraphType>>("blockHash").Resolve(context => context.Source.BlockHash);
        Field<NonNullGraphType<HashGraphType>>("txHash").Resolve(context => context.Source.TxHash);
        Field<NonNullGraphType<LongScalarGraphType>>("logIndex").Resolve(context => context.Source.LogIndex);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("time").Description("The block's timestamp.").Resolve(context => context.Source.Time);
    }
}
