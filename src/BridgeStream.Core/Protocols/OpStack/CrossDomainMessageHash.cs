using System.Buffers;
using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStack;

/// <summary>
/// The message hash the L2CrossDomainMessenger computes (contracts-bedrock src/libraries/Hashing.sol):
/// keccak256 of the ABI-encoded relayMessage call. The nonce's top two bytes carry the version (Encoding.sol):
/// version 1 is every Bedrock message, version 0 the legacy ones.
/// </summary>
public static class CrossDomainMessageHash
{
    public static int NonceVersion(Hash32 versionedNonce)
    {
        Span<byte> bytes = stackalloc byte[32];
        versionedNonce.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt16BigEndian(bytes);
    }

    /// <summary>Hashes by the nonce's version, as CrossDomainMessenger.relayMessage does; null for an unknown version.</summary>
    public static Hash32? Compute(Hash32 versionedNonce, Address sender, Address target, Hash32 value, ulong gasLimit, ReadOnlySpan<byte> message) =>
        NonceVersion(versionedNonce) switch
        {
            1 => V1(versionedNonce, sender, target, value, gasLimit, message),
            0 => V0(target, sender, message, versionedNonce),
            _ => null,
        };

    /// <summary>keccak256(abi.encodeWithSignature("relayMessage(uint256,address,address,uint256,uint256,bytes)", ...)).</summary>
    public static Hash32 V1(Hash32 nonce, Address sender, Address target, Hash32 value, ulong gasLimit, ReadOnlySpan<byte> message)
    {
        var length = 4 + (32 * 7) + PaddedLength(message.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(buffer, OpStackSignatures.RelayMessageV1Selector);
            var head = buffer[4..];
            nonce.CopyTo(head);
            sender.CopyTo(head[(32 + 12)..]);
            target.CopyTo(head[(64 + 12)..]);
            value.CopyTo(head[96..]);
            BinaryPrimitives.WriteUInt64BigEndian(head[(128 + 24)..], gasLimit);
            BinaryPrimitives.WriteUInt64BigEndian(head[(160 + 24)..], 6 * 32); // offset of the bytes argument
            BinaryPrimitives.WriteUInt64BigEndian(head[(192 + 24)..], (ulong)message.Length);
            message.CopyTo(head[224..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>keccak256(abi.encodeWithSignature("relayMessage(address,address,bytes,uint256)", target, sender, message, nonce)).</summary>
    public static Hash32 V0(Address target, Address sender, ReadOnlySpan<byte> message, Hash32 nonce)
    {
        var length = 4 + (32 * 5) + PaddedLength(message.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(buffer, OpStackSignatures.RelayMessageV0Selector);
            var head = buffer[4..];
            target.CopyTo(head[12..]);
            sender.CopyTo(head[(32 + 12)..]);
            BinaryPrimitives.WriteUInt64BigEndian(head[(64 + 24)..], 4 * 32); // offset of the bytes argument
            nonce.CopyTo(head[96..]);
            BinaryPrimitives.WriteUInt64BigEndian(head[(128 + 24)..], (ulong)message.Length);
            message.CopyTo(head[160..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int PaddedLength(int length) => (length + 31) / 32 * 32;

    /// <summary>
    /// The message a relayMessage(uint256,address,address,uint256,uint256,bytes) call carries, as the messenger will key it:
    /// hashCrossDomainMessageV1 is keccak256 of exactly that call data. Zero when <paramref name="callData"/> is not such a call.
    /// </summary>
    public static Hash32 OfRelayCall(ReadOnlySpan<byte> callData) =>
        callData.Length >= 4 + (7 * 32) && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(callData) == OpStackSignatures.RelayMessageV1Selector
            ? Crypto.Keccak256.Hash(callData)
            : Hash32.Zero;
}
