using System.Numerics;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// L1->L2 address aliasing (contracts-bedrock src/vendor/AddressAliasHelper.sol): a contract's L1 address is shifted by
/// 0x1111000000000000000000000000000000001111 (mod 2^160) so that it cannot impersonate the same address on L2.
/// OptimismPortal.depositTransaction applies it itself before emitting TransactionDeposited (`if (!EOA.isSenderEOA())`,
/// earlier `if (msg.sender != tx.origin)`), so the event's `from` is already the L2 sender and op-node uses it as is.
/// </summary>
public static class AddressAlias
{
    private static readonly BigInteger Offset = BigInteger.Parse("1111000000000000000000000000000000001111", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger Modulus = BigInteger.One << 160;

    public static Address ApplyL1ToL2(Address l1Address) => Shift(l1Address, Offset);

    public static Address UndoL1ToL2(Address l2Address) => Shift(l2Address, Modulus - Offset);

    private static Address Shift(Address address, BigInteger offset)
    {
        Span<byte> bytes = stackalloc byte[20];
        address.CopyTo(bytes);
        var shifted = (new BigInteger(bytes, isUnsigned: true, isBigEndian: true) + offset) % Modulus;
        bytes.Clear();
        var count = shifted.GetByteCount(isUnsigned: true);
        shifted.TryWriteBytes(bytes[(20 - count)..], out _, isUnsigned: true, isBigEndian: true);
        return new Address(bytes);
    }
}
