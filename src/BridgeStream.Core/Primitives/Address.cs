using System.Buffers.Binary;

namespace BridgeStream.Core.Primitives;

/// <summary>A 20-byte Ethereum address, as a value type.</summary>
public readonly struct Address : IEquatable<Address>
{
    private readonly ulong _a, _b;
    private readonly uint _c;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 20)
        {
            throw new ArgumentException($"An address needs 20 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static Address Zero => default;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[20];
        CopyTo(bytes);
        return bytes;
    }

    public static Address Parse(string hex)
    {
        if (!TryParse(hex, out var address))
        {
            throw new FormatException($"Not a 20-byte hex address: '{hex}'.");
        }

        return address;
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Address value)
    {
        Span<byte> bytes = stackalloc byte[20];
        var bare = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.Length - 2 : hex.Length;
        if (bare != 40 || !Hex.TryDecode(hex, bytes, out _))
        {
            value = default;
            return false;
        }

        value = new Address(bytes);
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[20];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);
}
