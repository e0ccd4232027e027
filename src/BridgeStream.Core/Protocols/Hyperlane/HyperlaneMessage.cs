using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Hyperlane;

/// <summary>
/// The packed Hyperlane message (hyperlane-monorepo solidity/contracts/libs/Message.sol):
/// abi.encodePacked(uint8 version, uint32 nonce, uint32 origin, bytes32 sender, uint32 destination, bytes32 recipient, body).
/// Its id is keccak256 of the whole packed message; DispatchId and ProcessId carry that id.
/// </summary>
public readonly record struct HyperlaneMessage(
    byte Version, uint Nonce, uint Origin, Hash32 Sender, uint Destination, Hash32 Recipient, Range Body)
{
    public const int HeaderLength = 77;
    private const int NonceOffset = 1;
    private const int OriginOffset = 5;
    private const int SenderOffset = 9;
    private const int DestinationOffset = 41;
    private const int RecipientOffset = 45;

    /// <summary>Splits a packed message; fails (with a reason) when it is shorter than the 77-byte header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out HyperlaneMessage parsed, out string? error)
    {
        parsed = default;
        if (message.Length < HeaderLength)
        {
            error = $"Hyperlane message is {message.Length} bytes, shorter than its {HeaderLength}-byte header";
            return false;
        }

        parsed = new HyperlaneMessage(
            message[0],
            BinaryPrimitives.ReadUInt32BigEndian(message[NonceOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(message[OriginOffset..]),
            new Hash32(message.Slice(SenderOffset, 32)),
            BinaryPrimitives.ReadUInt32BigEndian(message[DestinationOffset..]),
            new Hash32(message.Slice(RecipientOffset, 32)),
            new Range(HeaderLength, message.Length));
        error = null;
        return true;
    }

    /// <summary>Message.id: keccak256 of the packed bytes.</summary>
    public static Hash32 Id(ReadOnlySpan<byte> message) => Keccak256.Hash(message);

    /// <summary>Message.formatMessage: the packed encoding, for building messages (devnets, tests).</summary>
    public static byte[] Format(byte version, uint nonce, uint origin, Hash32 sender, uint destination, Hash32 recipient, ReadOnlySpan<byte> body)
    {
        var message = new byte[HeaderLength + body.Length];
        message[0] = version;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(NonceOffset), nonce);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(OriginOffset), origin);
        sender.CopyTo(message.AsSpan(SenderOffset));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(DestinationOffset), destination);
        recipient.CopyTo(message.AsSpan(RecipientOffset));
        body.CopyTo(message.AsSpan(HeaderLength));
        return message;
    }
}
