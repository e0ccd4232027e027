using System.Buffers;
using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Scroll;

/// <summary>
/// The Scroll message hash: keccak256(abi.encodeWithSignature("relayMessage(address,address,uint256,uint256,bytes)",
/// sender, target, value, messageNonce, message)), as ScrollMessengerBase._encodeXDomainCalldata builds it on send and
/// the other side's messenger rebuilds it on relay (its RelayedMessage/FailedRelayedMessage carry the hash).
/// </summary>
public static class ScrollMessageHash
{
    public static Hash32 Compute(Address sender, Address target, Hash32 value, Hash32 messageNonce, ReadOnlySpan<byte> message)
    {
        var length = 4 + (32 * 6) + ((message.Length + 31) / 32 * 32);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(buffer, ScrollSignatures.RelayMessageSelector);
            var head = buffer[4..];
            sender.CopyTo(head[12..]);
            target.CopyTo(head[(32 + 12)..]);
            value.CopyTo(head[64..]);
            messageNonce.CopyTo(head[96..]);
            BinaryPrimitives.WriteUInt64BigEndian(head[(128 + 24)..], 5 * 32); // offset of the bytes argument
            BinaryPrimitives.WriteUInt64BigEndian(head[(160 + 24)..], (ulong)message.Length);
            message.CopyTo(head[192..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
