using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumOutbox;

/// <summary>
/// The correlation key of an Arbitrum L2->L1 message: keccak256(uint64 L2 chain id big-endian || uint256 position).
/// The position alone is the leaf index in ONE chain's send tree (Arbitrum One and Nova both have a position 5), so the
/// key adds the L2: the send knows it (the chain that logged L2ToL1Tx), the relay from its Outbox's counterparty.
/// </summary>
public static class ArbitrumOutboxKey
{
    public static Hash32 Of(ulong l2ChainId, Hash32 position)
    {
        Span<byte> buffer = stackalloc byte[40];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, l2ChainId);
        position.CopyTo(buffer[8..]);
        return Keccak256.Hash(buffer);
    }
}
