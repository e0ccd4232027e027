using System.Buffers;
using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Linea;

/// <summary>
/// Linea's message hash, MessageHashing._hashMessage (linea-monorepo contracts/src/messaging/libraries/MessageHashing.sol,
/// commit 3184d16bb67aa18054e0c2db07531ec3e1493399): keccak256(abi.encode(_from, _to, _fee, _valueSent, _messageNumber,
/// _calldata)), written in assembly but the same bytes as abi.encode. Both MessageSent (which carries it as _messageHash)
/// and the claim on the other layer compute it from the same fields.
/// </summary>
public static class LineaMessageHash
{
    public static Hash32 Compute(Address from, Address to, Hash32 fee, Hash32 value, Hash32 nonce, ReadOnlySpan<byte> calldata)
    {
        var length = (32 * 7) + ((calldata.Length + 31) / 32 * 32);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer.Clear();
            from.CopyTo(buffer[12..]);
            to.CopyTo(buffer[(32 + 12)..]);
            fee.CopyTo(buffer[64..]);
            value.CopyTo(buffer[96..]);
            nonce.CopyTo(buffer[128..]);
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(160 + 24)..], 6 * 32); // offset of the bytes argument
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(192 + 24)..], (ulong)calldata.Length);
            calldata.CopyTo(buffer[224..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
