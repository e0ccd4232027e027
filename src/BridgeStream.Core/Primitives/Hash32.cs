using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace BridgeStream.Core.Primitives;

/// <summary>A 32-byte word: a hash, a topic, or a uint256 in big-endian order. A value type, so no allocation per event.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash32 : IEquatable<Hash32>
{
    private readonly ulong _a, _b, _c, _d; // big-endian lanes: _a holds bytes 0..7

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"A 32-byte word needs 32 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public static Hash32 Zero => default;

    public bool IsZero => (_a | _b | _c | _d) == 0;

    /// <summary>True when the word fits in 64 bits (a uint256 that is really a small number).</summary>
    public bool FitsInUInt64 => (_a | _b | _c) == 0;

    public ulong LowUInt64 => _d;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[32];
        CopyTo(bytes);
        return bytes;
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        CopyTo(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    public static Hash32 FromUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], value);
        return new Hash32(bytes);
    }

    public static Hash32 FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A uint256 is between 0 and 2^256-1.");
        }

        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(bytes[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
        return new Hash32(bytes);
    }

    public static Hash32 Parse(string hex)
    {
        Span<byte> bytes = stackalloc byte[32];
        var bare = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.Length - 2 : hex.Length;
        if (bare != 64 || !Hex.TryDecode(hex, bytes, out _))
        {
            throw new FormatException($"Not a 32-byte hex word: '{hex}'.");
        }

        return new Hash32(bytes);
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Hash32 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        var bare = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.Length - 2 : hex.Length;
        if (bare != 64 || !Hex.TryDecode(hex, bytes, out _))
        {
            value = default;
            return false;
        }

        value = new Hash32(bytes);
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    public bool Equals(Hash32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
}
