using System.Text;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Core;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    public void Hashes_known_vectors(string input, string expected) =>
        Assert.Equal(expected, Keccak256.Hash(Encoding.ASCII.GetBytes(input)).ToString());

    [Theory]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(1000)]
    public void Agrees_with_Nethereum_around_the_block_boundary(int length)
    {
        var input = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var reference = new Nethereum.Util.Sha3Keccack().CalculateHash(input);
        Assert.Equal(Hex.Encode(reference), Keccak256.Hash(input).ToString());
    }

    [Fact]
    public void Agrees_with_Nethereum_for_every_length_up_to_five_blocks()
    {
        var random = new Random(17);
        for (var length = 0; length <= 5 * 136; length++)
        {
            var input = new byte[length];
            random.NextBytes(input);
            var reference = new Nethereum.Util.Sha3Keccack().CalculateHash(input);
            Assert.Equal(Hex.Encode(reference), Keccak256.Hash(input).ToString());
        }
    }
}
