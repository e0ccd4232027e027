using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Scroll;

/// <summary>
/// What a SentMessage moves, read from the SentMessage itself: the ETH `value`, or an ERC20 amount when the message is
/// a gateway's finalizeDepositERC20 / finalizeWithdrawERC20 call (scroll-tech/scroll contracts/src/L1/gateways and
/// L2/gateways: (address l1Token, address l2Token, address from, address to, uint256 amount, bytes data)).
/// The asset recorded is the SOURCE-chain token: l1Token for deposits, l2Token for withdrawals.
/// </summary>
internal static class ScrollTransfer
{
    public static (Address Asset, Hash32 Amount) Read(Hash32 value, ReadOnlySpan<byte> message)
    {
        if (message.Length >= 4 + (32 * 5))
        {
            var selector = BinaryPrimitives.ReadUInt32BigEndian(message);
            var arguments = new AbiReader(message[4..]);
            var tokenIndex = selector == ScrollSignatures.FinalizeDepositErc20Selector ? 0
                : selector == ScrollSignatures.FinalizeWithdrawErc20Selector ? 1 : -1;
            if (tokenIndex >= 0 && arguments.TryAddress(tokenIndex, out var token) && arguments.TryWord(4, out var amount))
            {
                return (token, amount);
            }
        }

        return (Address.Zero, value);
    }
}
