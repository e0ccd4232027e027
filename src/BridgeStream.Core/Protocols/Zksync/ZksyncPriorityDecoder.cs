using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// zkSync L1 -> L2 priority requests (deposits and any other L1-initiated L2 transaction). Lifecycle:
/// <list type="bullet">
/// <item>NewPriorityRequest on a chain's diamond proxy (L1) -> <see cref="EventKind.MessageSent"/>, keyed by the L2
/// transaction hash it carries. The hash is recomputed from the carried transaction
/// (<see cref="L2CanonicalTransaction"/>) and must equal the event's txHash, else the log is rejected.
/// NewPriorityRequestId (the indexed companion) is the send only when the transaction has no NewPriorityRequest for the
/// same hash from the same emitter (newer diamonds emit both; one send per request), and only from a known diamond
/// (its signature is a generic one; NewPriorityRequest's is not, and its hash check makes any emitter safe).</item>
/// <item>On L2 the priority transaction has no event of its own, but the bootloader sends an L2->L1 log (key = the
/// transaction hash, value = 1 success / 0 failure) that the L1Messenger (0x…8008) emits as L2ToL1LogSent with sender =
/// the bootloader (0x…8001), in the transaction itself, success or not -> <see cref="EventKind.MessageRelayed"/> or
/// <see cref="EventKind.MessageRelayFailed"/> (a failed deposit's funds are then claimable back on L1). So the arrival
/// needs no receipt lookup, only the L2 ingestor following 0x…8008's L2ToL1LogSent; logs from other senders (a
/// withdrawal's own L2->L1 log, sender 0x…8008) are not this protocol's and are left alone.</item>
/// </list>
/// Sender/Target/Value are the L2 transaction's from (aliased by the mailbox when a contract requested it), to and value;
/// GasLimit its L2 gas limit; MessageNonce the priority op id (txId). Asset/Amount: a legacy-format ERC20 deposit's L2
/// call finalizeDeposit(_l1Sender, _l2Receiver, _l1Token, _amount, _data) moves `_amount` of `_l1Token` (an L1 token,
/// the source chain's); any other request moves its L2 value in ETH. (The asset router's newer
/// finalizeDeposit(uint256,bytes32,bytes) format names the token by asset id and is recorded as moving its value only.)
/// </summary>
public sealed class ZksyncPriorityDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.ZksyncPriorityRequest;

    public IReadOnlyList<Hash32> Topics => ZksyncSignatures.PriorityTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == ZksyncSignatures.NewPriorityRequest)
            {
                DecodeRequest(log, context, sink);
            }
            else if (log.Topic0 == ZksyncSignatures.NewPriorityRequestId && ZksyncContracts.IsKind(log, context, ZksyncContracts.DiamondKind, ZksyncContracts.EraDiamond))
            {
                DecodeRequestId(log, transactionLogs, context, sink);
            }
            else if (log.Topic0 == ZksyncSignatures.L2ToL1LogSent && ZksyncContracts.IsL1Messenger(log, context))
            {
                DecodeStatusLog(log, context, sink);
            }
        }
    }

    private static void DecodeRequest(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var data = new AbiReader(log.Data.Span);
        if (log.Topics.Length != 1)
        {
            sink.OnRejected(new RejectedLog(log, $"NewPriorityRequest has no indexed arguments, got {log.Topics.Length} topics"));
            return;
        }

        if (!data.TryWord(0, out var txId) || !data.TryWord(1, out var txHash) || !data.TryUInt64(2, out _))
        {
            sink.OnRejected(new RejectedLog(log, $"NewPriorityRequest data is {data.Length} bytes or its expirationTimestamp is not a uint64"));
            return;
        }

        var error = L2CanonicalTransaction.TryRead(log.Data.Span, 3, out var transaction);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, $"NewPriorityRequest {error}"));
            return;
        }

        if (transaction.Hash != txHash)
        {
            sink.OnRejected(new RejectedLog(log, $"NewPriorityRequest txHash {txHash} is not the hash of its transaction ({transaction.Hash})"));
            return;
        }

        var payload = log.Data[transaction.Data];
        var (asset, amount) = Transfer(transaction.Value, payload.Span);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ZksyncPriorityRequest,
            Kind = EventKind.MessageSent,
            CorrelationKey = txHash,
            SourceChainId = log.ChainId,
            DestinationChainId = ZksyncContracts.CounterpartyOf(log, context),
            Sender = transaction.From,
            Target = transaction.To,
            Value = transaction.Value,
            MessageNonce = txId,
            GasLimit = transaction.GasLimit,
            Payload = payload,
            Asset = asset,
            Amount = amount,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static void DecodeRequestId(RawLog log, ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        if (log.Topics.Length != 3 || !log.Data.IsEmpty)
        {
            sink.OnRejected(new RejectedLog(log, $"NewPriorityRequestId needs 3 topics (signature, txId, txHash) and no data, got {log.Topics.Length} topics and {log.Data.Length} bytes"));
            return;
        }

        var txHash = log.Topics[2];
        foreach (var other in transactionLogs)
        {
            if (other.Topic0 == ZksyncSignatures.NewPriorityRequest && other.Address == log.Address
                && new AbiReader(other.Data.Span).TryWord(1, out var fullHash) && fullHash == txHash)
            {
                return; // the full event of the same request is the send
            }
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ZksyncPriorityRequest,
            Kind = EventKind.MessageSent,
            CorrelationKey = txHash,
            SourceChainId = log.ChainId,
            DestinationChainId = ZksyncContracts.CounterpartyOf(log, context),
            MessageNonce = log.Topics[1],
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    // L2ToL1LogSent((uint8 l2ShardId, bool isService, uint16 txNumberInBlock, address sender, bytes32 key, bytes32 value)).
    private static void DecodeStatusLog(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var data = new AbiReader(log.Data.Span);
        if (log.Topics.Length != 1 || data.Length != 6 * 32)
        {
            sink.OnRejected(new RejectedLog(log, $"L2ToL1LogSent needs 1 topic and 192 bytes of data, got {log.Topics.Length} and {data.Length}"));
            return;
        }

        if (!data.TryAddress(3, out var sender))
        {
            sink.OnRejected(new RejectedLog(log, "L2ToL1LogSent sender is not an address"));
            return;
        }

        if (sender != ZksyncContracts.Bootloader)
        {
            return; // not a priority transaction's status log
        }

        data.TryWord(4, out var txHash);
        if (!data.TryUInt64(5, out var status) || status > 1)
        {
            sink.OnRejected(new RejectedLog(log, "L2ToL1LogSent from the bootloader: value is not a status (0 or 1)"));
            return;
        }

        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ZksyncPriorityRequest,
            Kind = status == 1 ? EventKind.MessageRelayed : EventKind.MessageRelayFailed,
            CorrelationKey = txHash,
            SourceChainId = ZksyncContracts.CounterpartyOf(log, context),
            DestinationChainId = log.ChainId,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private static (Address Asset, Hash32 Amount) Transfer(Hash32 value, ReadOnlySpan<byte> data)
    {
        if (data.Length >= 4 + (32 * 5) && BinaryPrimitives.ReadUInt32BigEndian(data) == ZksyncSignatures.LegacyFinalizeDepositSelector)
        {
            var arguments = new AbiReader(data[4..]);
            if (arguments.TryAddress(2, out var l1Token) && arguments.TryWord(3, out var amount))
            {
                return (l1Token, amount);
            }
        }

        return (Address.Zero, value);
    }
}
