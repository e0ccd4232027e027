using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// The subset of RLP (Ethereum yellow paper, appendix B) that Arbitrum's typed L2 transactions need: one flat list of
/// byte strings and unsigned integers. Callers measure first (the *Length methods), rent an exact buffer, then write,
/// so hashing a ticket id allocates nothing per event.
/// </summary>
internal ref struct RlpWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public RlpWriter(Span<byte> buffer) => _buffer = buffer;

    public readonly int Position => _position;

    /// <summary>Encoded size of a byte string (a single byte below 0x80 is its own encoding).</summary>
    public static int StringLength(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < 0x80 ? 1 : HeaderLength(value.Length) + value.Length;

    /// <summary>Encoded size of an unsigned integer: its big-endian bytes without leading zeros (zero is the empty string).</summary>
    public static int UIntLength(Hash32 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.CopyTo(word);
        return StringLength(Minimal(word));
    }

    public static int UIntLength(ulong value) => UIntLength(Hash32.FromUInt64(value));

    public static int HeaderLength(int payloadLength) => payloadLength <= 55 ? 1 : 1 + ByteCount(payloadLength);

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteListHeader(int payloadLength) => WriteHeader(0xc0, payloadLength);

    public void WriteString(scoped ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            WriteByte(value[0]);
            return;
        }

        WriteHeader(0x80, value.Length);
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    public void WriteAddress(Address address)
    {
        Span<byte> bytes = stackalloc byte[20];
        address.CopyTo(bytes);
        WriteString(bytes);
    }

    public void WriteUInt(Hash32 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.CopyTo(word);
        WriteString(Minimal(word));
    }

    public void WriteUInt(ulong value) => WriteUInt(Hash32.FromUInt64(value));

    private void WriteHeader(byte offset, int payloadLength)
    {
        if (payloadLength <= 55)
        {
            WriteByte((byte)(offset + payloadLength));
            return;
        }

        var count = ByteCount(payloadLength);
        WriteByte((byte)(offset + 55 + count));
        for (var shift = (count - 1) * 8; shift >= 0; shift -= 8)
        {
            WriteByte((byte)(payloadLength >> shift));
        }
    }

    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> bigEndian)
    {
        var firstNonZero = bigEndian.IndexOfAnyExcept((byte)0);
        return firstNonZero < 0 ? [] : bigEndian[firstNonZero..];
    }

    private static int ByteCount(int value)
    {
        var count = 1;
        while ((value >>= 8) != 0)
        {
            count++;
        }

        return count;
    }
}
