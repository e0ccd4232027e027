using System.Buffers;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumOutbox;

/// <summary>
/// The leaf ArbSys appends to the send Merkle tree and logs as L2ToL1Tx's `hash` (OffchainLabs/nitro precompiles/ArbSys.go
/// SendTxToL1): keccak256(caller (20 bytes) || destination (20) || arbBlockNum (32) || ethBlockNum (32) || timestamp (32)
/// || callvalue (32) || data). The Outbox recomputes the same item hash (Outbox.calculateItemHash) before it checks the
/// Merkle proof, so it ties an execution to exactly one send.
/// </summary>
public static class L2ToL1SendHash
{
    public static Hash32 Compute(Address caller, Address destination, Hash32 arbBlockNumber, Hash32 ethBlockNumber, Hash32 timestamp, Hash32 callValue, ReadOnlySpan<byte> data)
    {
        var length = 20 + 20 + (4 * 32) + data.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            caller.CopyTo(buffer);
            destination.CopyTo(buffer[20..]);
            arbBlockNumber.CopyTo(buffer[40..]);
            ethBlockNumber.CopyTo(buffer[72..]);
            timestamp.CopyTo(buffer[104..]);
            callValue.CopyTo(buffer[136..]);
            data.CopyTo(buffer[168..]);
            return Keccak256.Hash(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
