using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// Bridge.MessageDelivered(uint256 indexed messageIndex, bytes32 indexed beforeInboxAcc, address inbox, uint8 kind,
/// address sender, bytes32 messageDataHash, uint256 baseFeeL1, uint64 timestamp). Nitro turns it into the delayed
/// message header: RequestId = bytes32(messageIndex), Poster = sender (already aliased), L1BaseFee = baseFeeL1.
/// </summary>
public readonly record struct DeliveredMessage(
    Hash32 MessageIndex, Address Inbox, byte Kind, Address AliasedSender, Hash32 MessageDataHash, Hash32 BaseFeeL1, ulong Timestamp)
{
    public static string? TryRead(RawLog log, out DeliveredMessage message)
    {
        message = default;
        if (log.Topics.Length != 3)
        {
            return $"MessageDelivered needs 3 topics (signature, messageIndex, beforeInboxAcc), got {log.Topics.Length}";
        }

        var data = new AbiReader(log.Data.Span);
        if (data.Length < 6 * 32)
        {
            return $"MessageDelivered data is {data.Length} bytes, needs 192";
        }

        if (!data.TryAddress(0, out var inbox) || !data.TryAddress(2, out var sender))
        {
            return "MessageDelivered inbox or sender is not an address";
        }

        if (!data.TryUInt64(1, out var kind) || kind > byte.MaxValue)
        {
            return "MessageDelivered kind is not a uint8";
        }

        if (!data.TryUInt64(5, out var timestamp))
        {
            return "MessageDelivered timestamp does not fit in 64 bits";
        }

        data.TryWord(3, out var dataHash);
        data.TryWord(4, out var baseFee);
        message = new DeliveredMessage(log.Topics[1], inbox, (byte)kind, sender, dataHash, baseFee, timestamp);
        return null;
    }
}
