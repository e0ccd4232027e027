using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Primitives;

/// <summary>
/// L1->L2 address aliasing, shared by the OP Stack (contracts-bedrock src/vendor/AddressAliasHelper.sol) and Arbitrum
/// (nitro-contracts src/libraries/AddressAliasHelper.sol): a contract's L1 address is shifted by
/// 0x1111000000000000000000000000000000001111 (mod 2^160) so that it cannot impersonate the same address on L2.
/// OptimismPortal applies it before emitting TransactionDeposited, and Arbitrum's Inbox before reporting the sender to
/// the Bridge, so both events already carry the aliased sender.
/// </summary>
public static class AddressAlias
{
    private static readonly byte[] Offset = Hex.Decode("0x1111000000000000000000000000000000001111");

    public static Address ApplyL1ToL2(Address l1Address) => Add(l1Address, negate: false);

    public static Address UndoL1ToL2(Address l2Address) => Add(l2Address, negate: true);

    // 160-bit addition (or subtraction) of the offset, big-endian, wrapping like Solidity's unchecked uint160 math.
    private static Address Add(Address address, bool negate)
    {
        Span<byte> bytes = stackalloc byte[20];
        address.CopyTo(bytes);
        var carry = 0;
        for (var i = 19; i >= 0; i--)
        {
            var sum = negate ? bytes[i] - Offset[i] - carry : bytes[i] + Offset[i] + carry;
            carry = negate ? (sum < 0 ? 1 : 0) : sum >> 8;
            bytes[i] = (byte)sum;
        }

        return new Address(bytes);
    }
}
