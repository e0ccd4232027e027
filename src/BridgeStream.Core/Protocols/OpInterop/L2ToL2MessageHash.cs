using System.Buffers;
using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpInterop;

/// <summary>
/// Hashing.hashL2toL2CrossDomainMessage (contracts-bedrock src/libraries/Hashing.sol):
/// keccak256(abi.encode(_destination, _source, _nonce, _sender, _target, _message)). sendMessage computes it with
/// _source = block.chainid, relayMessage with _source = the identifier's chainId; RelayedMessage carries it. The rule is
/// the same in every supported version.
/// </summary>
public static class L2ToL2MessageHash
{
    public static Hash32 Compute(ulong destination, ulong source, Hash32 nonce, Address sender, Address target, ReadOnlySpan<byte> message)
    {
        var length = (32 * 7) + ((message.Length + 31) / 32 * 32);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer.Clear();
            BinaryPrimitives.WriteUInt64BigEndian(buffer[24..], destination);
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(32 + 24)..], source);
            nonce.CopyTo(buffer[64..]);
            sender.CopyTo(buffer[(96 + 12)..]);
            target.CopyTo(buffer[(128 + 12)..]);
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(160 + 24)..], 6 * 32); // offset of the bytes argument
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(192 + 24)..], (ulong)message.Length);
            message.CopyTo(buffer[224..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
