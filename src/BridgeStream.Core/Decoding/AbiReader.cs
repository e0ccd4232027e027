using System.Buffers.Binary;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Decoding;

/// <summary>
/// Bounds-checked reads of ABI-encoded event data. Every read says why it failed instead of throwing, so that a
/// malformed log becomes a dead letter with a reason and a hostile length can never make us allocate.
/// </summary>
public readonly ref struct AbiReader
{
    private readonly ReadOnlySpan<byte> _data;

    public AbiReader(ReadOnlySpan<byte> data) => _data = data;

    public int Length => _data.Length;

    public bool TryWord(int index, out Hash32 word)
    {
        var start = index * 32;
        if (index < 0 || start + 32 > _data.Length)
        {
            word = default;
            return false;
        }

        word = new Hash32(_data.Slice(start, 32));
        return true;
    }

    /// <summary>An address is a word whose top 12 bytes are zero.</summary>
    public bool TryAddress(int index, out Address address)
    {
        var start = index * 32;
        address = default;
        if (index < 0 || start + 32 > _data.Length || _data.Slice(start, 12).ContainsAnyExcept((byte)0))
        {
            return false;
        }

        address = new Address(_data.Slice(start + 12, 20));
        return true;
    }

    public bool TryUInt64(int index, out ulong value)
    {
        value = 0;
        var start = index * 32;
        if (index < 0 || start + 32 > _data.Length || _data.Slice(start, 24).ContainsAnyExcept((byte)0))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(start + 24, 8));
        return true;
    }

    /// <summary>Reads dynamic `bytes` whose offset sits in head word <paramref name="index"/>.</summary>
    public bool TryBytes(int index, out Range range, out string? error)
    {
        range = default;
        if (!TryUInt64(index, out var offset) || offset > (ulong)_data.Length || offset % 32 != 0)
        {
            error = "bytes offset out of range";
            return false;
        }

        var start = (int)offset;
        if (!new AbiReader(_data[start..]).TryUInt64(0, out var length) || length > (ulong)(_data.Length - start - 32))
        {
            error = "bytes length out of range";
            return false;
        }

        range = new Range(start + 32, start + 32 + (int)length);
        error = null;
        return true;
    }
}
