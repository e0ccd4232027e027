using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// The TokenMessenger's message body. BurnMessage v1 (src/messages/BurnMessage.sol, 132 bytes): version uint32,
/// burnToken bytes32, mintRecipient bytes32, amount uint256, messageSender bytes32. BurnMessageV2
/// (src/messages/v2/BurnMessageV2.sol, at least 228 bytes) adds maxFee, feeExecuted, expirationBlock and hookData.
/// </summary>
public readonly record struct CctpBurnMessage(Hash32 BurnToken, Hash32 MintRecipient, Hash32 Amount, Hash32 MessageSender)
{
    public const int V1Length = 132;
    public const int V2MinimumLength = 228;

    /// <summary>Byte range of BurnMessageV2's feeExecuted and expirationBlock, both filled in by Circle's attester.</summary>
    public static readonly Range V2AttesterFilledFields = new(164, 228);

    public static bool TryParse(ReadOnlySpan<byte> body, int minimumLength, out CctpBurnMessage burn)
    {
        burn = default;
        if (body.Length < minimumLength || (minimumLength == V1Length && body.Length != V1Length))
        {
            return false;
        }

        burn = new CctpBurnMessage(new Hash32(body.Slice(4, 32)), new Hash32(body.Slice(36, 32)), new Hash32(body.Slice(68, 32)), new Hash32(body.Slice(100, 32)));
        return true;
    }
}
