using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Serialization;

/// <summary>
/// A cursor over a buffer sized with <see cref="Rlp"/>'s *Length methods, for encoding one flat list of strings and
/// unsigned integers (a typed transaction) field by field. The encoding itself is <see cref="Rlp"/>'s.
/// </summary>
public ref struct RlpWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public RlpWriter(Span<byte> buffer) => _buffer = buffer;

    public readonly int Position => _position;

    /// <summary>The size of a list header for <paramref name="payloadLength"/> bytes of items.</summary>
    public static int HeaderLength(int payloadLength) => Rlp.ListLength(payloadLength) - payloadLength;

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteListHeader(int payloadLength) => _position += Rlp.WriteListHeader(_buffer[_position..], payloadLength);

    public void WriteString(scoped ReadOnlySpan<byte> value) => _position += Rlp.WriteString(_buffer[_position..], value);

    public void WriteAddress(Address address)
    {
        Span<byte> bytes = stackalloc byte[20];
        address.CopyTo(bytes);
        WriteString(bytes);
    }

    public void WriteUInt(Hash32 value) => _position += Rlp.WriteUInt(_buffer[_position..], value);

    public void WriteUInt(ulong value) => WriteUInt(Hash32.FromUInt64(value));
}
