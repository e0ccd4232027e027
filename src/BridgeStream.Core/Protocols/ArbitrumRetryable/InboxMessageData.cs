using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// A kind-9 message as Inbox.createRetryableTicket packs it (nitro-contracts src/bridge/AbsInbox.sol
/// _createRetryableTicket: abi.encodePacked of nine words, then the data) and Nitro unpacks it
/// (OffchainLabs/nitro arbos/parse_l2.go parseSubmitRetryableMessage).
/// </summary>
public readonly record struct SubmitRetryableMessage(
    Address To,
    Hash32 L2CallValue,
    Hash32 Deposit,
    Hash32 MaxSubmissionCost,
    Address ExcessFeeRefundAddress,
    Address CallValueRefundAddress,
    ulong GasLimit,
    Hash32 MaxFeePerGas,
    ReadOnlyMemory<byte> Data);

/// <summary>A kind-12 message as Inbox.depositEth packs it: abi.encodePacked(address dest, uint256 value), 52 bytes
/// (Nitro: arbos/parse_l2.go parseEthDepositMessage reads a 20-byte address, then a 32-byte value).</summary>
public readonly record struct EthDepositMessage(Address To, Hash32 Value);

/// <summary>Parses the `data` of InboxMessageDelivered for the two kinds that carry a bridge message. Never throws.</summary>
public static class InboxMessageData
{
    private const int HeadWords = 9;

    public static string? TryParseSubmitRetryable(ReadOnlyMemory<byte> message, out SubmitRetryableMessage parsed)
    {
        parsed = default;
        var words = new AbiReader(message.Span);
        if (words.Length < HeadWords * 32)
        {
            return $"retryable message is {words.Length} bytes, needs at least {HeadWords * 32}";
        }

        words.TryWord(1, out var l2CallValue);
        words.TryWord(2, out var deposit);
        words.TryWord(3, out var maxSubmissionCost);
        words.TryWord(7, out var maxFeePerGas);
        if (!words.TryUInt64(6, out var gasLimit))
        {
            return "retryable gas limit does not fit in 64 bits";
        }

        if (!words.TryUInt64(8, out var dataLength) || dataLength > (ulong)(words.Length - (HeadWords * 32)))
        {
            return $"retryable data length exceeds the {words.Length - (HeadWords * 32)} bytes present";
        }

        var dataStart = HeadWords * 32;
        parsed = new SubmitRetryableMessage(
            LowAddress(message.Span, 0),
            l2CallValue,
            deposit,
            maxSubmissionCost,
            LowAddress(message.Span, 4),
            LowAddress(message.Span, 5),
            gasLimit,
            maxFeePerGas,
            message.Slice(dataStart, (int)dataLength));
        return null;
    }

    public static string? TryParseEthDeposit(ReadOnlySpan<byte> message, out EthDepositMessage parsed)
    {
        parsed = default;
        if (message.Length < 20 + 32)
        {
            return $"ETH deposit message is {message.Length} bytes, needs 52 (address, value)";
        }

        parsed = new EthDepositMessage(new Address(message[..20]), new Hash32(message.Slice(20, 32)));
        return null;
    }

    // Nitro's AddressFrom256FromReader keeps the low 20 bytes of the word, whatever the high 12 hold.
    private static Address LowAddress(ReadOnlySpan<byte> message, int wordIndex) => new(message.Slice((wordIndex * 32) + 12, 20));
}
