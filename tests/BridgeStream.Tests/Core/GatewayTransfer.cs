using System.Globalization;
using System.Numerics;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Core;

/// <summary>
/// Reads a token gateway's finalizeInboundTransfer(address _token, address _from, address _to, uint256 _amount, bytes)
/// call from its hex text by position, independently of the decoders' ABI reader: selector 0x2e567b36, then head words.
/// </summary>
internal static class GatewayTransfer
{
    public static (Address Token, BigInteger Amount)? Of(string callDataHex)
    {
        var hex = callDataHex.StartsWith("0x", StringComparison.Ordinal) ? callDataHex[2..] : callDataHex;
        if (!hex.StartsWith("2e567b36", StringComparison.OrdinalIgnoreCase) || hex.Length < 8 + (5 * 64))
        {
            return null;
        }

        string Word(int i) => hex.Substring(8 + (i * 64), 64);
        return (Address.Parse("0x" + Word(0)[24..]), BigInteger.Parse("0" + Word(3), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
