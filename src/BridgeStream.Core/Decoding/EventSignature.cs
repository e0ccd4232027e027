using System.Text;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Decoding;

/// <summary>Topic0 and function selectors, computed from the canonical signature strings so they cannot be mistyped.</summary>
public static class EventSignature
{
    public static Hash32 Topic(string canonicalSignature) => Keccak256.Hash(Encoding.ASCII.GetBytes(canonicalSignature));

    public static uint Selector(string canonicalSignature)
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(Encoding.ASCII.GetBytes(canonicalSignature), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }
}
