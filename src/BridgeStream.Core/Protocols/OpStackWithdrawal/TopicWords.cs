using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

internal static class TopicWords
{
    /// <summary>An indexed address: a topic whose top 12 bytes are zero.</summary>
    public static bool TryAddress(Hash32 topic, out Address address)
    {
        Span<byte> bytes = stackalloc byte[32];
        topic.CopyTo(bytes);
        return new AbiReader(bytes).TryAddress(0, out address);
    }
}
