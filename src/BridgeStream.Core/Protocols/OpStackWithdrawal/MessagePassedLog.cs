using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// MessagePassed(uint256 indexed nonce, address indexed sender, address indexed target, uint256 value, uint256 gasLimit,
/// bytes data, bytes32 withdrawalHash): topics [sig, nonce, sender, target]; data words [value, gasLimit, offset, hash].
/// </summary>
internal static class MessagePassedLog
{
    public static (BridgeEvent? Event, string? Error) TryDecode(RawLog log, DecodeContext context)
    {
        if (log.Topics.Length != 4)
        {
            return (null, $"MessagePassed needs 4 topics (signature, nonce, sender, target), got {log.Topics.Length}");
        }

        if (!TopicWords.TryAddress(log.Topics[2], out var sender) || !TopicWords.TryAddress(log.Topics[3], out var target))
        {
            return (null, "MessagePassed sender or target topic is not an address");
        }

        var reader = new AbiReader(log.Data.Span);
        if (!reader.TryWord(0, out var value) || !reader.TryWord(1, out var gasLimit) || !reader.TryWord(3, out var emittedHash))
        {
            return (null, $"MessagePassed data is {reader.Length} bytes, needs at least 128");
        }

        if (!reader.TryBytes(2, out var dataRange, out var bytesError))
        {
            return (null, $"MessagePassed data: {bytesError}");
        }

        var nonce = log.Topics[1];
        var payload = log.Data[dataRange];
        var hash = WithdrawalHash.Compute(nonce, sender, target, value, gasLimit, payload.Span);
        if (hash != emittedHash)
        {
            return (null, $"MessagePassed withdrawalHash {emittedHash} differs from hashWithdrawal of its fields {hash}");
        }

        var contract = context.Contracts.Find(log.ChainId, log.Address);
        return (new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpStackWithdrawal,
            Kind = EventKind.MessageSent,
            CorrelationKey = hash,
            SourceChainId = log.ChainId,
            DestinationChainId = contract?.CounterpartyChainId ?? 0,
            Sender = sender,
            Target = target,
            Value = value,
            MessageNonce = nonce,
            // gasLimit is a uint256 in the event; anything above 2^64 cannot be met on L1 anyway, so it saturates.
            GasLimit = gasLimit.FitsInUInt64 ? gasLimit.LowUInt64 : ulong.MaxValue,
            Payload = payload,
            CarriedMessageId = OpStack.CrossDomainMessageHash.OfRelayCall(payload.Span),
            Asset = Address.Zero,
            Amount = value,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        }, null);
    }
}
