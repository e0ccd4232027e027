using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// The packet in PacketSent.encodedPayload (LayerZero-v2 messagelib/contracts/libs/PacketV1Codec.sol):
/// version uint8 (1) | nonce uint64 | srcEid uint32 | sender bytes32 | dstEid uint32 | receiver bytes32 | guid bytes32 | message.
/// </summary>
public readonly record struct LayerZeroPacket(
    byte Version, ulong Nonce, uint SourceEid, Hash32 Sender, uint DestinationEid, Hash32 Receiver, Hash32 Guid, int MessageOffset)
{
    public const byte PacketVersion = 1;
    public const int GuidOffset = 81;
    public const int MessageStart = 113;

    public static bool TryParse(ReadOnlySpan<byte> packet, out LayerZeroPacket parsed, out string? error)
    {
        parsed = default;
        if (packet.Length < MessageStart)
        {
            error = $"LayerZero packet is {packet.Length} bytes, shorter than its {MessageStart}-byte header and guid";
            return false;
        }

        if (packet[0] != PacketVersion)
        {
            error = $"LayerZero packet version {packet[0]} is not {PacketVersion}";
            return false;
        }

        parsed = new LayerZeroPacket(
            packet[0],
            BinaryPrimitives.ReadUInt64BigEndian(packet[1..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[9..]),
            new Hash32(packet.Slice(13, 32)),
            BinaryPrimitives.ReadUInt32BigEndian(packet[45..]),
            new Hash32(packet.Slice(49, 32)),
            new Hash32(packet.Slice(GuidOffset, 32)),
            MessageStart);
        error = null;
        return true;
    }

    /// <summary>
    /// GUID.generate (LayerZero-v2 protocol/contracts/libs/GUID.sol):
    /// keccak256(abi.encodePacked(uint64 nonce, uint32 srcEid, bytes32 sender, uint32 dstEid, bytes32 receiver)), 80 bytes.
    /// </summary>
    public static Hash32 ComputeGuid(ulong nonce, uint sourceEid, Hash32 sender, uint destinationEid, Hash32 receiver)
    {
        Span<byte> packed = stackalloc byte[80];
        BinaryPrimitives.WriteUInt64BigEndian(packed, nonce);
        BinaryPrimitives.WriteUInt32BigEndian(packed[8..], sourceEid);
        sender.CopyTo(packed[12..]);
        BinaryPrimitives.WriteUInt32BigEndian(packed[44..], destinationEid);
        receiver.CopyTo(packed[48..]);
        return Keccak256.Hash(packed);
    }

    /// <summary>PacketV1Codec.encode: the packed packet, for building packets (devnets, tests).</summary>
    public static byte[] Encode(ulong nonce, uint sourceEid, Hash32 sender, uint destinationEid, Hash32 receiver, ReadOnlySpan<byte> message)
    {
        var packet = new byte[MessageStart + message.Length];
        packet[0] = PacketVersion;
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(1), nonce);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(9), sourceEid);
        sender.CopyTo(packet.AsSpan(13));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(45), destinationEid);
        receiver.CopyTo(packet.AsSpan(49));
        ComputeGuid(nonce, sourceEid, sender, destinationEid, receiver).CopyTo(packet.AsSpan(GuidOffset));
        message.CopyTo(packet.AsSpan(MessageStart));
        return packet;
    }
}
