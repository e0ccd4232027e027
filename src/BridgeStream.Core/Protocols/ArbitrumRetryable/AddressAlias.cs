using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// L1->L2 address aliasing (nitro-contracts src/libraries/AddressAliasHelper.sol): the Inbox reports every L1 sender to
/// the Bridge as sender + 0x1111000000000000000000000000000000001111 (mod 2^160), so a contract on L1 cannot pose as the
/// same address on L2. MessageDelivered.sender is already aliased; the ticket id hashes that aliased value.
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
