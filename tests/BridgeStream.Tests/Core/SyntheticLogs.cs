using System.Buffers.Binary;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Core;

/// <summary>
/// Builds SYNTHETIC logs (encoded here from the event ABIs, never from a chain) for round-trip and malformed-input tests.
/// Real chain data lives in Fixtures/.
/// </summary>
internal static class SyntheticLogs
{
    public static readonly Hash32 TransactionHash = Hash32.Parse("0x5e7e000000000000000000000000000000000000000000000000000000000001");

    public static RawLog Log(ulong chainId, Address emitter, uint logIndex, Hash32[] topics, byte[] data) => new()
    {
        ChainId = chainId,
        BlockNumber = 1,
        BlockHash = Hash32.Zero,
        TransactionHash = TransactionHash,
        LogIndex = logIndex,
        Address = emitter,
        Topics = topics,
        Data = data,
    };

    public static RawLog With(RawLog log, ReadOnlyMemory<byte>? data = null, Hash32[]? topics = null, Address? address = null) => new()
    {
        ChainId = log.ChainId,
        BlockNumber = log.BlockNumber,
        BlockHash = log.BlockHash,
        TransactionHash = log.TransactionHash,
        LogIndex = log.LogIndex,
        Address = address ?? log.Address,
        Topics = topics ?? log.Topics,
        Data = data ?? log.Data,
    };

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
    public static byte[] Abi(Hash32?[] head, params byte[][] tails)
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

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] UInt64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private static int Padded(int length) => (length + 31) / 32 * 32;
}
