using System.Buffers.Binary;
using System.Text.Json;
using BridgeStream.Core.Settlement;
using BridgeStream.Devnet.Settlement;
using BridgeStream.Tests.Infrastructure;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace BridgeStream.Tests.Core;

/// <summary>
/// The L2 block range of a Scroll commit, read from commitBatch calldata: the REAL input of two Ethereum mainnet commits
/// (Fixtures/settlement/scroll-mainnet-commit-calldata.json, from scroll-tech/rollup-node's test data; verify.mjs
/// recomputes their batch data hashes), then calldata encoded by Nethereum from the function's ABI (an encoder independent
/// of the reader) with SYNTHETIC ChunkCodecV0 chunks for the edge cases.
/// </summary>
public sealed class ScrollCommitCalldataTests
{
    [Fact]
    public void Real_mainnet_commits_name_their_blocks_and_the_last_blocks_time()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("settlement/scroll-mainnet-commit-calldata.json")));
        var commits = document.RootElement.GetProperty("commits").EnumerateArray().ToList();
        Assert.Equal(2, commits.Count); // codec v0 (transactions in the chunks) and codec v1 (block contexts only)

        foreach (var commit in commits)
        {
            var expected = commit.GetProperty("expected");
            Assert.True(ScrollCommitCalldata.TryRead(commit.GetProperty("input").GetString().HexToByteArray(), out var blocks, out var error), error);
            Assert.Equal(
                new CommittedBlocks(expected.GetProperty("firstBlock").GetUInt64(), expected.GetProperty("lastBlock").GetUInt64(), expected.GetProperty("lastBlockTime").GetInt64()),
                blocks);
        }

        // By hand, from rollup-node's assertions: batch 10 holds Scroll blocks 653-680, the last at 1696933798
        // (2023-10-10 10:29:58 UTC); batch 206595 holds 5802085-5802096, the last at 1716108620.
        Assert.True(ScrollCommitCalldata.TryRead(commits[0].GetProperty("input").GetString().HexToByteArray(), out var first, out _));
        Assert.Equal(new CommittedBlocks(653, 680, 1_696_933_798), first);
    }

    [Fact]
    public void The_blocks_of_every_chunk_make_the_range_and_the_last_block_gives_the_time()
    {
        var calldata = Encode([Chunk((101, 1_700_000_000), (102, 1_700_000_003)), Chunk((103, 1_700_000_006), (104, 1_700_000_009), (105, 1_700_000_012))]);

        Assert.True(ScrollCommitCalldata.TryRead(calldata, out var blocks, out var error), error);
        Assert.Equal(new CommittedBlocks(101, 105, 1_700_000_012), blocks);
        Assert.Equal(0x1325aca0u, ScrollCommitCalldata.CommitBatch); // commitBatch(uint8,bytes,bytes[],bytes)
    }

    [Fact]
    public void Chunks_that_do_not_continue_each_other_or_hold_no_block_are_refused()
    {
        Assert.False(ScrollCommitCalldata.TryRead(Encode([Chunk((10, 1)), Chunk((12, 2))]), out _, out var gap));
        Assert.Contains("do not continue", gap, StringComparison.Ordinal);

        var empty = Encode([new byte[61]]);
        Assert.False(ScrollCommitCalldata.TryRead(empty, out _, out var none));
        Assert.Contains("no complete block context", none, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_calls_and_truncated_calldata_are_refused_with_a_reason()
    {
        // Cut anywhere up to the last chunk's end (what follows, its padding and the bitmap, is not read).
        var good = Encode([Chunk((1, 1), (2, 2))]);
        for (var length = 0; length < good.Length - 32 - 3; length += 7)
        {
            Assert.False(ScrollCommitCalldata.TryRead(good.AsSpan(0, length), out _, out var error));
            Assert.False(string.IsNullOrEmpty(error));
        }

        var euclid = "0x9bbaa2ba".HexToByteArray(); // a selector that is neither commitBatch nor commitBatchWithBlobProof
        Assert.False(ScrollCommitCalldata.TryRead([.. euclid, .. new byte[96]], out _, out var v7));
        Assert.Contains("selector", v7, StringComparison.Ordinal);
    }

    private static byte[] Encode(List<byte[]> chunks) =>
        new CommitBatchFunction { Version = 0, ParentBatchHeader = new byte[89], Chunks = chunks, SkippedL1MessageBitmap = [] }.GetCallData();

    private static byte[] Chunk(params (ulong Number, ulong Time)[] blocks)
    {
        var chunk = new byte[1 + (blocks.Length * 60) + 4]; // a few bytes of (absent) transaction data after the contexts
        chunk[0] = (byte)blocks.Length;
        for (var i = 0; i < blocks.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(chunk.AsSpan(1 + (i * 60)), blocks[i].Number);
            BinaryPrimitives.WriteUInt64BigEndian(chunk.AsSpan(9 + (i * 60)), blocks[i].Time);
        }

        return chunk;
    }
}
