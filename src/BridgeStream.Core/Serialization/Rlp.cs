using System.Buffers.Binary;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Serialization;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B), only what hashing a transaction needs:
/// byte strings, unsigned integers (big-endian, no leading zeros, zero is the empty string) and list headers.
/// Callers size the buffer with the *Length methods first, then write into it: no allocation per item.
/// </summary>
public static class Rlp
{
    private const byte ShortString = 0x80;
    private const byte LongString = 0xb7;
    private const byte ShortList = 0xc0;
    private const byte LongList = 0xf7;

    /// <summary>The encoded size of a byte string.</summary>
    public static int StringLength(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < ShortString ? 1 : HeaderLength(value.Length) + value.Length;

    /// <summary>The encoded size of a uint256 given as a big-endian word.</summary>
    public static int UIntLength(Hash32 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.CopyTo(word);
        return StringLength(TrimLeadingZeros(word));
    }

    public static int UIntLength(ulong value) => UIntLength(Hash32.FromUInt64(value));

    /// <summary>The encoded size of a list whose items take <paramref name="payloadLength"/> bytes.</summary>
    public static int ListLength(int payloadLength) => HeaderLength(payloadLength) + payloadLength;

    public static int WriteString(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < ShortString)
        {
            destination[0] = value[0];
            return 1;
        }

        var header = WriteHeader(destination, value.Length, ShortString, LongString);
        value.CopyTo(destination[header..]);
        return header + value.Length;
    }

    public static int WriteUInt(Span<byte> destination, Hash32 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.CopyTo(word);
        return WriteString(destination, TrimLeadingZeros(word));
    }

    public static int WriteUInt(Span<byte> destination, ulong value) => WriteUInt(destination, Hash32.FromUInt64(value));

    /// <summary>Writes the header of a list whose items (written next, by the caller) take <paramref name="payloadLength"/> bytes.</summary>
    public static int WriteListHeader(Span<byte> destination, int payloadLength) =>
        WriteHeader(destination, payloadLength, ShortList, LongList);

    private static int HeaderLength(int payloadLength) => payloadLength < 56 ? 1 : 1 + LengthOfLength(payloadLength);

    private static int WriteHeader(Span<byte> destination, int payloadLength, byte shortBase, byte longBase)
    {
        if (payloadLength < 56)
        {
            destination[0] = (byte)(shortBase + payloadLength);
            return 1;
        }

        var lengthOfLength = LengthOfLength(payloadLength);
        destination[0] = (byte)(longBase + lengthOfLength);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, payloadLength);
        length[(4 - lengthOfLength)..].CopyTo(destination[1..]);
        return 1 + lengthOfLength;
    }

    private static int LengthOfLength(int payloadLength) => payloadLength switch
    {
        < 0x100 => 1,
        < 0x10000 => 2,
        < 0x1000000 => 3,
        _ => 4,
    };

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> bigEndian)
    {
        var first = bigEndian.IndexOfAnyExcept((byte)0);
        return first < 0 ? [] : bigEndian[first..];
    }
}
