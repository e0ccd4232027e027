using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// Arbitrum L1->L2 messages: retryable tickets (delayed-inbox kind 9) and ETH deposits (kind 12).
/// <list type="bullet">
/// <item>MessageSent (L1): Bridge MessageDelivered paired with the Inbox's InboxMessageDelivered of the same message
/// number in the same transaction (the Inbox named in MessageDelivered must be the emitter, and keccak256 of its data must
/// equal messageDataHash). Key: kind 9, the retryable ticket id = hash of the ArbitrumSubmitRetryableTx Nitro derives;
/// kind 12, the hash of the ArbitrumDepositTx. Other kinds (L2 messages, batch posting reports, ...) are not bridge
/// messages and produce nothing.</item>
/// <item>MessageArrived (L2): ArbRetryableTx TicketCreated(ticketId), emitted by the submit-retryable tx whose hash is the
/// ticket id. An ETH deposit has no L2 event: its arrival is the deposit tx (the key) itself, found by receipt lookup.</item>
/// <item>MessageRelayed (L2): ArbRetryableTx RedeemScheduled(ticketId, retryTxHash, sequenceNum, ...), a redeem attempt
/// (sequenceNum 0 = the auto-redeem, in the same tx as TicketCreated; later numbers = manual redeems). It does NOT say the
/// redeem succeeded: a failed redeem is the retry tx (hash retryTxHash, type 0x68) ending with receipt status 0, with no
/// event of its own, and the ticket stays redeemable for its lifetime (7 days, renewable). So several RedeemScheduled can
/// share one key, and "relayed" is only certain once the receipt of retryTxHash has status 1: the event's
/// OutcomeTransaction is retryTxHash, so the ingestor reads that receipt (on the same L2) before publishing and turns the
/// event into MessageRelayFailed when the retry failed. MessageNonce carries the sequenceNum, GasLimit the donatedGas,
/// Sender the gasDonor.</item>
/// </list>
/// L2 events are taken only from the precompile address 0x6E. Sender on L1 events is the un-aliased L1 caller of the
/// Inbox (the ticket id hashes the aliased one). Amount: kind 12, the deposited ETH; kind 9, the ETH l2CallValue (token
/// deposits through the gateways ride in the retry data as finalizeInboundTransfer calls: then Asset is the L1 token and
/// Amount its amount, see <see cref="ArbitrumGatewayCall"/>).
/// </summary>
public sealed class ArbitrumRetryableDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.ArbitrumRetryable;

    public IReadOnlyList<Hash32> Topics => ArbitrumRetryableSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        for (var i = 0; i < transactionLogs.Length; i++)
        {
            var log = transactionLogs[i];
            var topic = log.Topic0;
            if (topic == ArbitrumRetryableSignatures.MessageDelivered)
            {
                DecodeDelivered(log, transactionLogs, context, sink);
            }
            else if (topic == ArbitrumRetryableSignatures.InboxMessageDelivered && !HasDelivered(transactionLogs, log))
            {
                sink.OnRejected(new RejectedLog(log, "InboxMessageDelivered without a MessageDelivered of the same message number in its transaction"));
            }
            else if (log.Address == ArbitrumRetryableContracts.ArbRetryableTx)
            {
                DecodePrecompileLog(log, topic, context, sink);
            }
        }
    }

    private static void DecodePrecompileLog(RawLog log, Hash32 topic, DecodeContext context, IDecodeSink sink)
    {
        if (topic == ArbitrumRetryableSignatures.TicketCreated)
        {
            DecodeTicketCreated(log, context, sink);
        }
        else if (topic == ArbitrumRetryableSignatures.RedeemScheduled)
        {
            DecodeRedeemScheduled(log, context, sink);
        }
    }

    private static void DecodeDelivered(RawLog log, ReadOnlySpan<RawLog> logs, DecodeContext context, IDecodeSink sink)
    {
        var error = DeliveredMessage.TryRead(log, out var delivered);
        if (error is null && delivered.Kind is not (L1MessageKind.SubmitRetryable or L1MessageKind.EthDeposit))
        {
            return;
        }

        ReadOnlyMemory<byte> inboxData = default;
        error ??= TryPairInboxData(log, logs, delivered, out inboxData);
        var l2ChainId = ArbitrumRetryableContracts.CounterpartyOf(context.Contracts, log.ChainId, log.Address);
        if (error is null && l2ChainId == 0)
        {
            error = $"bridge {log.Address} on chain {log.ChainId} is not a known deployment: its L2 chain id (part of the key) is unknown";
        }

        var send = error is null ? BuildSend(log, delivered, inboxData, l2ChainId, out error) : null;
        if (send is null)
        {
            sink.OnRejected(new RejectedLog(log, error!));
            return;
        }

        sink.OnEvent(send with { ObservedAtUnixNanos = context.ObservedAtUnixNanos });
    }

    private static string? TryPairInboxData(RawLog bridgeLog, ReadOnlySpan<RawLog> logs, DeliveredMessage delivered, out ReadOnlyMemory<byte> inboxData)
    {
        inboxData = default;
        foreach (var candidate in logs)
        {
            if (candidate.Topic0 != ArbitrumRetryableSignatures.InboxMessageDelivered || candidate.Topics.Length != 2
                || candidate.Topics[1] != delivered.MessageIndex || candidate.Address != delivered.Inbox)
            {
                continue;
            }

            if (!new AbiReader(candidate.Data.Span).TryBytes(0, out var range, out var bytesError))
            {
                return $"InboxMessageDelivered data: {bytesError}";
            }

            inboxData = candidate.Data[range];
            return Keccak256.Hash(inboxData.Span) == delivered.MessageDataHash
                ? null
                : "InboxMessageDelivered data does not hash to MessageDelivered.messageDataHash";
        }

        return $"MessageDelivered {delivered.MessageIndex.ToBigInteger()} without its InboxMessageDelivered from inbox {delivered.Inbox} (bridge {bridgeLog.Address})";
    }

    private static BridgeEvent? BuildSend(RawLog log, DeliveredMessage delivered, ReadOnlyMemory<byte> inboxData, ulong l2ChainId, out string? error)
    {
        var common = new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ArbitrumRetryable,
            Kind = EventKind.MessageSent,
            CorrelationKey = default,
            SourceChainId = log.ChainId,
            DestinationChainId = l2ChainId,
            Sender = AddressAlias.UndoL1ToL2(delivered.AliasedSender),
            MessageNonce = delivered.MessageIndex,
        };

        if (delivered.Kind == L1MessageKind.EthDeposit)
        {
            error = InboxMessageData.TryParseEthDeposit(inboxData.Span, out var deposit);
            return error is not null ? null : common with
            {
                CorrelationKey = ArbitrumL2TxHash.EthDeposit(l2ChainId, delivered.MessageIndex, delivered.AliasedSender, deposit),
                Target = deposit.To,
                Value = deposit.Value,
                Amount = deposit.Value,
            };
        }

        error = InboxMessageData.TryParseSubmitRetryable(inboxData, out var retryable);
        if (error is not null)
        {
            return null;
        }

        // A token gateway deposit carries its L1 token and amount in the retry data; otherwise the transfer is the ETH call value.
        var token = ArbitrumGatewayCall.TryRead(retryable.Data.Span, out var l1Token, out var tokenAmount);
        return common with
        {
            CorrelationKey = ArbitrumL2TxHash.SubmitRetryable(l2ChainId, delivered.MessageIndex, delivered.AliasedSender, delivered.BaseFeeL1, retryable),
            Target = retryable.To,
            Value = retryable.L2CallValue,
            Asset = token ? l1Token : Address.Zero,
            Amount = token ? tokenAmount : retryable.L2CallValue,
            GasLimit = retryable.GasLimit,
            Payload = retryable.Data,
        };
    }

    private static bool HasDelivered(ReadOnlySpan<RawLog> logs, RawLog inboxLog)
    {
        if (inboxLog.Topics.Length != 2)
        {
            return false;
        }

        foreach (var candidate in logs)
        {
            if (candidate.Topic0 == ArbitrumRetryableSignatures.MessageDelivered && candidate.Topics.Length == 3
                && candidate.Topics[1] == inboxLog.Topics[1])
            {
                return true;
            }
        }

        return false;
    }

    private static void DecodeTicketCreated(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        if (log.Topics.Length != 2)
        {
            sink.OnRejected(new RejectedLog(log, $"TicketCreated needs 2 topics (signature, ticketId), got {log.Topics.Length}"));
            return;
        }

        sink.OnEvent(L2Event(log, EventKind.MessageArrived, context));
    }

    private static void DecodeRedeemScheduled(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TryReadRedeem(log, out var sequenceNumber, out var donatedGas, out var gasDonor);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        sink.OnEvent(L2Event(log, EventKind.MessageRelayed, context) with
        {
            MessageNonce = Hash32.FromUInt64(sequenceNumber),
            GasLimit = donatedGas,
            Sender = gasDonor,
            OutcomeTransaction = log.Topics[2],
        });
    }

    private static string? TryReadRedeem(RawLog log, out ulong sequenceNumber, out ulong donatedGas, out Address gasDonor)
    {
        sequenceNumber = donatedGas = 0;
        gasDonor = default;
        if (log.Topics.Length != 4)
        {
            return $"RedeemScheduled needs 4 topics (signature, ticketId, retryTxHash, sequenceNum), got {log.Topics.Length}";
        }

        if (!log.Topics[3].FitsInUInt64)
        {
            return "RedeemScheduled sequenceNum does not fit in 64 bits";
        }

        sequenceNumber = log.Topics[3].LowUInt64;
        var data = new AbiReader(log.Data.Span);
        if (data.Length < 4 * 32)
        {
            return $"RedeemScheduled data is {data.Length} bytes, needs 128 (donatedGas, gasDonor, maxRefund, submissionFeeRefund)";
        }

        return !data.TryUInt64(0, out donatedGas) ? "RedeemScheduled donatedGas does not fit in 64 bits"
            : !data.TryAddress(1, out gasDonor) ? "RedeemScheduled gasDonor is not an address"
            : null;
    }

    private static BridgeEvent L2Event(RawLog log, EventKind kind, DecodeContext context) => new()
    {
        Position = LogPosition.Of(log),
        Protocol = Protocol.ArbitrumRetryable,
        Kind = kind,
        CorrelationKey = log.Topics[1],
        SourceChainId = ArbitrumRetryableContracts.CounterpartyOf(context.Contracts, log.ChainId, log.Address),
        DestinationChainId = log.ChainId,
        ObservedAtUnixNanos = context.ObservedAtUnixNanos,
    };
}
