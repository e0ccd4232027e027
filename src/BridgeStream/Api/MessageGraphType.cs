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
            .Description("The protocol's correlation key, 0x-hex (OP Stack: hashCrossDomainMessageV1; Hyperlane: the message id; ...).")
            .Resolve(context => context.Source.Id);
        Field<NonNullGraphType<ProtocolGraphType>>("protocol").Resolve(context => context.Source.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Description("What the route's delivery trusts.").Resolve(context => context.Source.ProofSystem);
        Field<NonNullGraphType<MessageStatusGraphType>>("status")
            .Description("The status now: READY_TO_FINALIZE and EXPIRED compare the message's deadlines with wall-clock time.")
            .Resolve(context => context.Source.Status);
        Field<NonNullGraphType<LongScalarGraphType>>("sourceChainId").Resolve(context => context.Source.SourceChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("destinationChainId").Resolve(context => context.Source.DestinationChainId);
        Field<AddressGraphType>("sourceContract").Description("The contract that emitted the send.").Resolve(context => context.Source.SourceContract);
        Field<AddressGraphType>("destinationContract")
            .Description("The contract that emitted the latest destination-side event (delivery, failure, proof or arrival).")
            .Resolve(context => context.Source.DestinationContract);
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
        Field<AddressGraphType>("asset")
            .Description("The token a transfer riding on the message moves, on the source chain; the zero address is the native asset.")
            .Resolve(context => context.Source.Asset);
        Field<Uint256GraphType>("amount").Description("The transferred amount, in the token's smallest unit.").Resolve(context => context.Source.Amount);
        Field<UtcDateTimeGraphType>("sentAt").Resolve(context => context.Source.SentAt);
        Field<UtcDateTimeGraphType>("arrivedAt")
            .Description("Reached the destination before execution (Arbitrum ticket created, LayerZero packet verified).")
            .Resolve(context => context.Source.ArrivedAt);
        Field<UtcDateTimeGraphType>("provenAt").Description("A withdrawal's first proof on L1.").Resolve(context => context.Source.ProvenAt);
        Field<UtcDateTimeGraphType>("deliveredAt").Resolve(context => context.Source.DeliveredAt);
        Field<UtcDateTimeGraphType>("finalizableAt")
            .Description("When the challenge window ends (OP: proof + proof maturity delay; Arbitrum: send + confirm period, estimated).")
            .Resolve(context => context.Source.FinalizableAt);
        Field<FloatGraphType>("challengeSecondsLeft")
            .Description("Seconds until finalizableAt from now (wall clock), 0 once it has passed; null without a challenge window or once delivered.")
            .Resolve(context => SecondsLeft(context.Source.FinalizableAt, context.Source.DeliveredAt));
        Field<UtcDateTimeGraphType>("expiresAt")
            .Description("When it can no longer be executed (an Arbitrum retryable ticket: creation + its lifetime).")
            .Resolve(context => context.Source.ExpiresAt);
        Field<IdGraphType>("carriedMessageId")
            .Description("For an OP portal deposit or withdrawal that transports a CrossDomainMessenger message: that message's id.")
            .Resolve(context => context.Source.CarriedMessageId);
        Field<FloatGraphType>("latencySeconds")
            .Description("Seconds from the send's block to the delivery's block.")
            .Resolve(context => context.Source.LatencySeconds);
        Field<FloatGraphType>("sourceFinalityLagSeconds")
            .Description("Seconds from the send's block time until that block was first seen finalized (message_finality); null while it is not final.")
            .Resolve(context => context.RequestServices!.GetRequiredService<Analytics.SourceFinalityLoader>().Load(context.Source.Id));
        Field<NonNullGraphType<IntGraphType>>("failedAttempts").Resolve(context => context.Source.FailedAttempts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HistoryStepGraphType>>>>("history")
            .Description("Every on-chain event of this message, in time order. Loaded for a whole page in one query.")
            .Resolve(context => context.RequestServices!.GetRequiredService<MessageHistoryLoader>().Load(context.Source.Id));
        Settlement.SettlementFields.AddSourceSettlement(this);
    }

    private static double? SecondsLeft(DateTime? until, DateTime? deliveredAt) =>
        until is { } end && deliveredAt is null ? Math.Max(0, (end - DateTime.UtcNow).TotalSeconds) : null;
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
