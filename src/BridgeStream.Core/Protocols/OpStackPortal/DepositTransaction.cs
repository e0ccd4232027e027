using System.Buffers;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Serialization;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// An OP Stack deposit transaction (type 0x7E, specs/protocol/deposits.md; op-geth core/types/deposit_tx.go).
/// <see cref="To"/> is null for a contract creation. A zero mint encodes exactly like op-node's nil mint (the empty string).
/// </summary>
public readonly record struct DepositTransaction(
    Hash32 SourceHash,
    Address From,
    Address? To,
    Hash32 Mint,
    Hash32 Value,
    ulong Gas,
    bool IsSystemTransaction,
    ReadOnlyMemory<byte> Data)
{
    public const byte TransactionType = 0x7E;

    /// <summary>The L2 transaction hash: keccak256(0x7E ++ rlp([sourceHash, from, to, mint, value, gas, isSystemTx, data])).</summary>
    public Hash32 Hash()
    {
        var length = EncodedLength();
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            return Keccak256.Hash(buffer[..Write(buffer)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The transaction as op-node hands it to the execution engine (and eth_sendRawTransaction takes it): 0x7E ++ rlp([...]).</summary>
    public byte[] Encode()
    {
        var encoded = new byte[EncodedLength()];
        Write(encoded);
        return encoded;
    }

    private int EncodedLength() => 1 + Rlp.ListLength(PayloadLength());

    private int Write(Span<byte> buffer)
    {
        buffer[0] = TransactionType;
        var at = 1 + Rlp.WriteListHeader(buffer[1..], PayloadLength());
        return at + WriteFields(buffer[at..]);
    }

    private int PayloadLength() =>
        (1 + 32) + (1 + 20) + (To is null ? 1 : 1 + 20) + Rlp.UIntLength(Mint) + Rlp.UIntLength(Value)
        + Rlp.UIntLength(Gas) + 1 + Rlp.StringLength(Data.Span);

    private int WriteFields(Span<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[32];
        SourceHash.CopyTo(scratch);
        var at = Rlp.WriteString(destination, scratch);
        From.CopyTo(scratch);
        at += Rlp.WriteString(destination[at..], scratch[..20]);
        if (To is { } to)
        {
            to.CopyTo(scratch);
            at += Rlp.WriteString(destination[at..], scratch[..20]);
        }
        else
        {
            at += Rlp.WriteString(destination[at..], []);
        }

        at += Rlp.WriteUInt(destination[at..], Mint);
        at += Rlp.WriteUInt(destination[at..], Value);
        at += Rlp.WriteUInt(destination[at..], Gas);
        at += Rlp.WriteUInt(destination[at..], IsSystemTransaction ? 1UL : 0UL); // RLP bool: 0x80 false, 0x01 true
        at += Rlp.WriteString(destination[at..], Data.Span);
        return at;
    }
}
