using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>The USDC (or other burn token) movement a TokenMessenger message carries, read from the message body.</summary>
internal readonly record struct CctpTransfer(Address Asset, Hash32 Amount)
{
    public static CctpTransfer None => default;

    /// <summary>
    /// Reads the burn message when the message sender is a TokenMessenger (only then is the body a BurnMessage).
    /// Asset is burnToken: the token burned on the SOURCE chain, on both the send and the receive side.
    /// </summary>
    public static CctpTransfer From(Hash32 sender, ReadOnlySpan<byte> body, bool v2)
    {
        var isMessenger = v2 ? CctpDeployments.IsV2TokenMessenger(sender) : CctpDeployments.IsV1TokenMessenger(sender);
        var minimum = v2 ? CctpBurnMessage.V2MinimumLength : CctpBurnMessage.V1Length;
        if (!isMessenger || !CctpBurnMessage.TryParse(body, minimum, out var burn))
        {
            return None;
        }

        return new CctpTransfer(CctpLogReader.AsAddressOrZero(burn.BurnToken), burn.Amount);
    }
}
