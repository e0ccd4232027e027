using System.Buffers.Binary;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Benchmarks.Support;

/// <summary>
/// ABI-correct SYNTHETIC encodings for the steps no public real log exists for (each workload says which logs are
/// synthetic), and the edits that give every message of a batch its own nonce.
/// </summary>
public static class Abi
{
    public static Hash32 Word(ulong value) => Hash32.FromUInt64(value);

    public static Hash32 Word(Address address)
    {
        var bytes = new byte[32];
        address.CopyTo(bytes.AsSpan(12));
        return new Hash32(bytes);
    }

    public static Address AddressOf(byte fill)
    {
        var bytes = new byte[20];
        bytes.AsSpan().Fill(fill);
        return new Address(bytes);
    }

    /// <summary>abi.encode of head words followed by dynamic `bytes` tails; a null head entry is the offset of the next tail.</summary>
    public static byte[] Encode(Hash32?[] head, params byte[][] tails)
    {
        var output = new List<byte>();
        var tailOffset = head.Length * 32;
        var tailIndex = 0;
        foreach (var word in head)
        {
            if (word is { } value)
            {
                output.AddRange(value.ToArray());
                continue;
            }

            output.AddRange(Word((ulong)tailOffset).ToArray());
            tailOffset += 32 + Padded(tails[tailIndex++].Length);
        }

        foreach (var tail in tails)
        {
            output.AddRange(Word((ulong)tail.Length).ToArray());
            output.AddRange(tail);
            output.AddRange(new byte[Padded(tail.Length) - tail.Length]);
        }

        return [.. output];
    }

    /// <summary>A word whose low 8 bytes (big-endian) are replaced by <paramref name="low"/>; the high 24 bytes stay (a version, say).</summary>
    public static Hash32 WithLow64(Hash32 word, ulong low)
    {
        var bytes = word.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), low);
        return new Hash32(bytes);
    }

    public static ulong Low64(ReadOnlySpan<byte> word32) => BinaryPrimitives.ReadUInt64BigEndian(word32[24..32]);

    /// <summary>A synthetic log (the caller says so in its workload).</summary>
    public static RawLog Log(ulong chainId, Address emitter, uint logIndex, Hash32[] topics, byte[] data) => new()
    {
        ChainId = chainId,
        BlockNumber = 1,
        BlockHash = Hash32.Zero,
        TransactionHash = Hash32.Zero,
        LogIndex = logIndex,
        Address = emitter,
        Topics = topics,
        Data = data,
    };

    /// <summary>A copy of a (real) log with other topics or data; position fields are stamped later by <see cref="BatchBuilder"/>.</summary>
    public static RawLog With(RawLog log, Hash32[]? topics = null, ReadOnlyMemory<byte>? data = null) => new()
    {
        ChainId = log.ChainId,
        BlockNumber = log.BlockNumber,
        BlockHash = log.BlockHash,
        TransactionHash = log.TransactionHash,
        LogIndex = log.LogIndex,
        Address = log.Address,
        Topics = topics ?? log.Topics,
        Data = data ?? log.Data,
    };

    private static int Padded(int length) => (length + 31) / 32 * 32;
}
