using BridgeStream.Core.Primitives;
using BridgeStream.Core.Serialization;

namespace BridgeStream.Tests.Core;

/// <summary>RLP against the examples of the Ethereum RLP specification (ethereum.org "Recursive-length prefix").</summary>
public sealed class RlpTests
{
    [Theory]
    [InlineData("0x646f67", "0x83646f67")] // "dog"
    [InlineData("0x", "0x80")] // empty string
    [InlineData("0x00", "0x00")] // a single byte below 0x80 is itself
    [InlineData("0x0f", "0x0f")]
    [InlineData("0x80", "0x8180")] // a single byte from 0x80 up gets a prefix
    public void Strings_encode_as_specified(string value, string expected)
    {
        var bytes = Hex.Decode(value);
        var buffer = new byte[Rlp.StringLength(bytes)];
        Assert.Equal(buffer.Length, Rlp.WriteString(buffer, bytes));
        Assert.Equal(expected, Hex.Encode(buffer));
    }

    [Fact]
    public void A_56_byte_string_takes_a_long_header()
    {
        var value = Enumerable.Repeat((byte)'a', 56).ToArray();
        var buffer = new byte[Rlp.StringLength(value)];
        Rlp.WriteString(buffer, value);
        Assert.Equal(58, buffer.Length);
        Assert.Equal(new byte[] { 0xb8, 56 }, buffer[..2]);
    }

    [Theory]
    [InlineData(0UL, "0x80")]
    [InlineData(15UL, "0x0f")]
    [InlineData(1024UL, "0x820400")]
    [InlineData(ulong.MaxValue, "0x88ffffffffffffffff")]
    public void Integers_drop_leading_zeros(ulong value, string expected)
    {
        var buffer = new byte[Rlp.UIntLength(value)];
        Assert.Equal(buffer.Length, Rlp.WriteUInt(buffer, value));
        Assert.Equal(expected, Hex.Encode(buffer));
    }

    [Fact]
    public void A_list_of_cat_and_dog_encodes_as_specified()
    {
        byte[] cat = "cat"u8.ToArray(), dog = "dog"u8.ToArray();
        var payload = Rlp.StringLength(cat) + Rlp.StringLength(dog);
        var buffer = new byte[Rlp.ListLength(payload)];
        var at = Rlp.WriteListHeader(buffer, payload);
        at += Rlp.WriteString(buffer.AsSpan(at), cat);
        at += Rlp.WriteString(buffer.AsSpan(at), dog);
        Assert.Equal(buffer.Length, at);
        Assert.Equal("0xc88363617483646f67", Hex.Encode(buffer));
    }

    [Fact]
    public void Long_lists_take_a_length_of_length()
    {
        Assert.Equal(1 + 55, Rlp.ListLength(55));
        Assert.Equal(2 + 56, Rlp.ListLength(56));
        Assert.Equal(3 + 300, Rlp.ListLength(300));
        var header = new byte[3];
        Assert.Equal(3, Rlp.WriteListHeader(header, 300));
        Assert.Equal("0xf9012c", Hex.Encode(header));
    }
}
