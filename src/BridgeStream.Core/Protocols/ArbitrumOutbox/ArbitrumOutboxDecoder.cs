using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumOutbox;

/// <summary>
/// Arbitrum L2->L1 messages (withdrawals and any ArbSys.sendTxToL1 call), Nitro era.
/// <list type="bullet">
/// <item>MessageSent (L2): ArbSys (0x64) L2ToL1Tx(caller, destination, hash, position, arbBlockNum, ethBlockNum,
/// timestamp, callvalue, data). Key: <see cref="ArbitrumOutboxKey"/> of the chain and position, the leaf index in the
/// chain's send Merkle tree (ArbSys.go: size - 1). Sender = caller, Target = destination, Value = callvalue; Asset and
/// Amount: a token gateway withdrawal's L1 token and amount (its data is a finalizeInboundTransfer call, see
/// ArbitrumGatewayCall), else the ETH callvalue; Payload = data, MessageNonce = position.</item>
/// <item>MessageRelayed (L1): Outbox OutBoxTransactionExecuted(to, l2Sender, zero, transactionIndex). Key:
/// transactionIndex, the leaf index Outbox.executeTransaction was called with and marked spent, i.e. the same position.
/// Outbox.executeTransaction reverts when the L1 call fails, so there is no failure event: an unexecuted message simply
/// stays unspent and anyone may retry later.</item>
/// </list>
/// There is no per-message proof step (MessageProven): the rollup confirms a whole assertion, and its send root, after
/// ConfirmPeriodBlocks L1 blocks (ArbitrumOutboxContracts.ChallengeWindow). The position counts per chain, so Arbitrum One
/// and Nova both have a position 5: the key is <see cref="ArbitrumOutboxKey"/>, keccak256(L2 chain id, position), with the
/// L2 of a relay taken from its Outbox's counterparty (a relay from an outbox of unknown L2 is rejected). A relay whose third topic is not zero comes from a pre-Nitro (classic) outbox,
/// whose sends were never L2ToL1Tx; it is rejected with that reason.
/// </summary>
public sealed class ArbitrumOutboxDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.ArbitrumOutbox;

    public IReadOnlyList<Hash32> Topics => ArbitrumOutboxSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == ArbitrumOutboxSignatures.L2ToL1Tx && log.Address == ArbitrumOutboxContracts.ArbSys)
            {
                Report(log, TryReadSend(log, context), sink);
            }
            else if (log.Topic0 == ArbitrumOutboxSignatures.OutBoxTransactionExecuted)
            {
                Report(log, TryReadRelay(log, context), sink);
            }
        }
    }

    private static void Report(RawLog log, (BridgeEvent? Event, string? Error) result, IDecodeSink sink)
    {
        if (result.Event is not null)
        {
            sink.OnEvent(result.Event);
        }
        else
        {
            sink.OnRejected(new RejectedLog(log, result.Error!));
        }
    }

    private static (BridgeEvent?, string?) TryReadSend(RawLog log, DecodeContext context)
    {
        if (log.Topics.Length != 4)
        {
            return (null, $"L2ToL1Tx needs 4 topics (signature, destination, hash, position), got {log.Topics.Length}");
        }

        if (!TryTopicAddress(log.Topics[1], out var destination))
        {
            return (null, "L2ToL1Tx destination topic is not an address");
        }

        var data = new AbiReader(log.Data.Span);
        if (data.Length < 7 * 32)
        {
            return (null, $"L2ToL1Tx data is {data.Length} bytes, needs at least 224");
        }

        if (!data.TryAddress(0, out var caller))
        {
            return (null, "L2ToL1Tx caller is not an address");
        }

        if (!data.TryBytes(5, out var payloadRange, out var bytesError))
        {
            return (null, $"L2ToL1Tx data: {bytesError}");
        }

        data.TryWord(4, out var callValue);
        var payload = log.Data[payloadRange];
        var token = ArbitrumRetryable.ArbitrumGatewayCall.TryRead(payload.Span, out var l1Token, out var tokenAmount);
        return (new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ArbitrumOutbox,
            Kind = EventKind.MessageSent,
            CorrelationKey = ArbitrumOutboxKey.Of(log.ChainId, log.Topics[3]),
            SourceChainId = log.ChainId,
            DestinationChainId = ArbitrumOutboxContracts.CounterpartyOf(context.Contracts, log.ChainId, log.Address),
            Sender = caller,
            Target = destination,
            Value = callValue,
            Asset = token ? l1Token : Address.Zero,
            Amount = token ? tokenAmount : callValue,
            MessageNonce = log.Topics[3],
            Payload = payload,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        }, null);
    }

    private static (BridgeEvent?, string?) TryReadRelay(RawLog log, DecodeContext context)
    {
        if (log.Topics.Length != 4)
        {
            return (null, $"OutBoxTransactionExecuted needs 4 topics (signature, to, l2Sender, zero), got {log.Topics.Length}");
        }

        if (!TryTopicAddress(log.Topics[1], out var to) || !TryTopicAddress(log.Topics[2], out var l2Sender))
        {
            return (null, "OutBoxTransactionExecuted to or l2Sender topic is not an address");
        }

        if (!new AbiReader(log.Data.Span).TryWord(0, out var transactionIndex))
        {
            return (null, $"OutBoxTransactionExecuted data is {log.Data.Length} bytes, needs 32 (transactionIndex)");
        }

        if (!log.Topics[3].IsZero)
        {
            return (null, $"OutBoxTransactionExecuted from a pre-Nitro (classic) outbox: batch {log.Topics[3].ToBigInteger()}, index {transactionIndex.ToBigInteger()}; classic sends are not decoded");
        }

        var l2ChainId = ArbitrumOutboxContracts.CounterpartyOf(context.Contracts, log.ChainId, log.Address);
        if (l2ChainId == 0)
        {
            return (null, $"OutBoxTransactionExecuted from {log.Address}, an outbox whose L2 is not known (configure it with its CounterpartyChainId); its position cannot be keyed");
        }

        return (new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ArbitrumOutbox,
            Kind = EventKind.MessageRelayed,
            CorrelationKey = ArbitrumOutboxKey.Of(l2ChainId, transactionIndex),
            SourceChainId = l2ChainId,
            DestinationChainId = log.ChainId,
            Sender = l2Sender,
            Target = to,
            MessageNonce = transactionIndex,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        }, null);
    }

    private static bool TryTopicAddress(Hash32 topic, out Address address)
    {
        Span<byte> bytes = stackalloc byte[32];
        topic.CopyTo(bytes);
        return new AbiReader(bytes).TryAddress(0, out address);
    }
}
