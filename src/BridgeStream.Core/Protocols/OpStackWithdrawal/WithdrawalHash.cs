using System.Buffers;
using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// Hashing.hashWithdrawal (contracts-bedrock src/libraries/Hashing.sol):
/// keccak256(abi.encode(nonce, sender, target, value, gasLimit, data)). L2ToL1MessagePasser stores and emits it,
/// and OptimismPortal recomputes it from the withdrawal tuple when proving and finalizing.
/// </summary>
public static class WithdrawalHash
{
    public static Hash32 Compute(Hash32 nonce, Address sender, Address target, Hash32 value, Hash32 gasLimit, ReadOnlySpan<byte> data)
    {
        var length = (32 * 7) + ((data.Length + 31) / 32 * 32);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer.Clear();
            nonce.CopyTo(buffer);
            sender.CopyTo(buffer[(32 + 12)..]);
            target.CopyTo(buffer[(64 + 12)..]);
            value.CopyTo(buffer[96..]);
            gasLimit.CopyTo(buffer[128..]);
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(160 + 24)..], 6 * 32); // offset of the bytes argument
            BinaryPrimitives.WriteUInt64BigEndian(buffer[(192 + 24)..], (ulong)data.Length);
            data.CopyTo(buffer[224..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
