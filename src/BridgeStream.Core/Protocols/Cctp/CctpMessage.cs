using System.Buffers.Binary;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// The packed CCTP message header. v1 (src/messages/Message.sol): version uint32, sourceDomain uint32,
/// destinationDomain uint32, nonce uint64, sender bytes32, recipient bytes32, destinationCaller bytes32, body (at 116).
/// v2 (src/messages/v2/MessageV2.sol): the nonce is bytes32 and two uint32 follow destinationCaller
/// (minFinalityThreshold, finalityThresholdExecuted); body at 148. The v1 nonce is stored right-aligned in
/// <see cref="Nonce"/>, so both versions share one shape.
/// </summary>
public readonly record struct CctpMessage(
    uint Version, uint SourceDomain, uint DestinationDomain, Hash32 Nonce, Hash32 Sender, Hash32 Recipient,
    Hash32 DestinationCaller, uint MinFinalityThreshold, uint FinalityThresholdExecuted, int BodyOffset)
{
    public const uint V1Version = 0;
    public const uint V2Version = 1;
    public const int V1HeaderLength = 116;
    public const int V2HeaderLength = 148;

    /// <summary>The version word alone; false when the message is shorter than 4 bytes.</summary>
    public static bool TryReadVersion(ReadOnlySpan<byte> message, out uint version)
    {
        version = message.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(message) : 0;
        return message.Length >= 4;
    }

    public static bool TryParseV1(ReadOnlySpan<byte> message, out CctpMessage parsed, out string? error)
    {
        parsed = default;
        error = Check(message, V1Version, V1HeaderLength);
        if (error is not null)
        {
            return false;
        }

        parsed = new CctpMessage(
            V1Version, U32(message, 4), U32(message, 8), Hash32.FromUInt64(BinaryPrimitives.ReadUInt64BigEndian(message[12..])),
            Word(message, 20), Word(message, 52), Word(message, 84), 0, 0, V1HeaderLength);
        return true;
    }

    public static bool TryParseV2(ReadOnlySpan<byte> message, out CctpMessage parsed, out string? error)
    {
        parsed = default;
        error = Check(message, V2Version, V2HeaderLength);
        if (error is not null)
        {
            return false;
        }

        parsed = new CctpMessage(
            V2Version, U32(message, 4), U32(message, 8), Word(message, 12), Word(message, 44), Word(message, 76),
            Word(message, 108), U32(message, 140), U32(message, 144), V2HeaderLength);
        return true;
    }

    private static string? Check(ReadOnlySpan<byte> message, uint version, int headerLength)
    {
        if (!TryReadVersion(message, out var actual) || actual != version)
        {
            return $"CCTP message version is not {version}";
        }

        return message.Length < headerLength ? $"CCTP v{version + 1} message is {message.Length} bytes, shorter than its {headerLength}-byte header" : null;
    }

    private static uint U32(ReadOnlySpan<byte> message, int offset) => BinaryPrimitives.ReadUInt32BigEndian(message[offset..]);

    private static Hash32 Word(ReadOnlySpan<byte> message, int offset) => new(message.Slice(offset, 32));
}
