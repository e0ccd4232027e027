using System.Buffers;
using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>Correlation keys for CCTP messages, computable from on-chain data on both sides.</summary>
public static class CctpKeys
{
    /// <summary>
    /// v1: keccak256(abi.encodePacked(uint32 sourceDomain, uint64 nonce)), 12 bytes hashed. This is exactly the
    /// MessageTransmitter's _hashSourceAndNonce, the key of its usedNonces map, so it is unique per message by contract.
    /// </summary>
    public static Hash32 V1(uint sourceDomain, ulong nonce)
    {
        Span<byte> packed = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(packed, sourceDomain);
        BinaryPrimitives.WriteUInt64BigEndian(packed[4..], nonce);
        return Keccak256.Hash(packed);
    }

    /// <summary>
    /// v2: keccak256(abi.encodePacked(uint32 sourceDomain, uint32 destinationDomain, bytes32 sender, bytes body')),
    /// where body' is the message body with the fields Circle's attester fills in after the send zeroed:
    /// for a BurnMessageV2 from TokenMessengerV2, feeExecuted and expirationBlock (body bytes 164..228).
    /// The nonce and finalityThresholdExecuted are also attester-filled but are header fields, not hashed here.
    /// </summary>
    public static Hash32 V2(uint sourceDomain, uint destinationDomain, Hash32 sender, ReadOnlySpan<byte> body)
    {
        var length = 4 + 4 + 32 + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var packed = rented.AsSpan(0, length);
            BinaryPrimitives.WriteUInt32BigEndian(packed, sourceDomain);
            BinaryPrimitives.WriteUInt32BigEndian(packed[4..], destinationDomain);
            sender.CopyTo(packed[8..]);
            var copy = packed[40..];
            body.CopyTo(copy);
            if (CctpDeployments.IsV2TokenMessenger(sender) && body.Length >= CctpBurnMessage.V2MinimumLength)
            {
                copy[CctpBurnMessage.V2AttesterFilledFields].Clear();
            }

            return Keccak256.Hash(packed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
