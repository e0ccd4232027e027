using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Decoding;

/// <summary>Reads indexed event arguments (each a 32-byte topic word) with the same checks AbiReader applies to data.</summary>
public static class TopicWords
{
    public static bool TryAddress(Hash32 word, out Address address)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.CopyTo(bytes);
        return new AbiReader(bytes).TryAddress(0, out address);
    }

    public static bool TryUInt32(Hash32 word, out uint value)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.CopyTo(bytes);
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes[28..]);
        return !bytes[..28].ContainsAnyExcept((byte)0);
    }

    public static Hash32 FromAddress(Address address)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        address.CopyTo(bytes[12..]);
        return new Hash32(bytes);
    }
}
