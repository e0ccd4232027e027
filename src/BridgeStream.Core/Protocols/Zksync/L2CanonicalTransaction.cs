using System.Buffers;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// The L2CanonicalTransaction a NewPriorityRequest carries (era-contracts common/Messaging.sol): txType, from, to,
/// gasLimit, gasPerPubdataByteLimit, maxFeePerGas, maxPriorityFeePerGas, paymaster, nonce, value, reserved[4]
/// (reserved[0] = value to mint, reserved[1] = refund recipient), data, signature, factoryDeps (uint256[]),
/// paymasterInput, reservedDynamic. Mailbox._writePriorityOp hashes it as canonicalTxHash =
/// keccak256(abi.encode(transaction)), and that hash is the L2 transaction's hash: the L2 transaction a priority request
/// becomes has exactly this hash on L2 (zks_getTransactionDetails of a priority op's canonicalTxHash returns it,
/// isL1Originated; viem's getL2HashFromPriorityOp reads it from the event to wait for the L2 receipt).
/// </summary>
internal readonly record struct L2CanonicalTransaction(Address From, Address To, ulong GasLimit, Hash32 Nonce, Hash32 Value, Hash32 ToMint, Range Data, Hash32 Hash)
{
    private const int HeadWords = 19;

    /// <summary>Reads the tuple whose offset sits in head word <paramref name="index"/> of <paramref name="data"/> and
    /// hashes its encoding; every length and offset is bounds-checked.</summary>
    public static string? TryRead(ReadOnlySpan<byte> data, int index, out L2CanonicalTransaction transaction)
    {
        transaction = default;
        var head = new AbiReader(data);
        if (!head.TryUInt64(index, out var offset) || offset % 32 != 0 || offset > (ulong)data.Length)
        {
            return "transaction offset out of range";
        }

        var start = (int)offset;
        var tuple = data[start..];
        var reader = new AbiReader(tuple);
        if (reader.Length < HeadWords * 32)
        {
            return $"transaction head is {reader.Length} bytes, needs {HeadWords * 32}";
        }

        if (!reader.TryAddress(1, out var from) || !reader.TryAddress(2, out var to))
        {
            return "transaction from or to is not an address";
        }

        if (!reader.TryUInt64(3, out var gasLimit))
        {
            return "transaction gasLimit does not fit in 64 bits";
        }

        reader.TryWord(8, out var nonce);
        reader.TryWord(9, out var value);
        reader.TryWord(10, out var toMint);
        if (!reader.TryBytes(14, out var payload, out var bytesError))
        {
            return $"transaction data: {bytesError}";
        }

        // The tuple ends where its last tail ends; the tails are data, signature, factoryDeps, paymasterInput, reservedDynamic.
        var end = payload.End.Value;
        foreach (var bytesIndex in (ReadOnlySpan<int>)[15, 17, 18])
        {
            if (!reader.TryBytes(bytesIndex, out var tail, out bytesError))
            {
                return $"transaction dynamic field {bytesIndex - 14}: {bytesError}";
            }

            end = Math.Max(end, tail.End.Value);
        }

        if (!reader.TryUInt64(16, out var depsOffset) || depsOffset % 32 != 0 || depsOffset > (ulong)(tuple.Length - 32)
            || !reader.TryUInt64((int)(depsOffset / 32), out var depsCount) || depsCount > (ulong)((tuple.Length - (int)depsOffset - 32) / 32))
        {
            return "transaction factoryDeps out of range";
        }

        end = Math.Max(end, (int)depsOffset + 32 + ((int)depsCount * 32));
        var paddedEnd = (end + 31) / 32 * 32;
        if (paddedEnd > tuple.Length)
        {
            return "transaction encoding runs past the event data";
        }

        transaction = new L2CanonicalTransaction(from, to, gasLimit, nonce, value, toMint,
            new Range(start + payload.Start.Value, start + payload.End.Value), HashEncoding(tuple[..paddedEnd]));
        return null;
    }

    /// <summary>keccak256(abi.encode(transaction)): a single dynamic tuple is encoded as its offset (0x20), then the tuple.</summary>
    private static Hash32 HashEncoding(ReadOnlySpan<byte> tupleEncoding)
    {
        var length = 32 + tupleEncoding.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            buffer[..32].Clear();
            buffer[31] = 0x20;
            tupleEncoding.CopyTo(buffer[32..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
