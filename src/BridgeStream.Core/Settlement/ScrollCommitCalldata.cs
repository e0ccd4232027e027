using System.Buffers.Binary;
using BridgeStream.Core.Decoding;

namespace BridgeStream.Core.Settlement;

/// <summary>The L2 blocks a Scroll commit transaction covers, from its calldata.</summary>
public readonly record struct CommittedBlocks(ulong FirstBlock, ulong LastBlock, long LastBlockTime);

/// <summary>
/// Reads the L2 block range out of ScrollChain commit calldata: <c>commitBatch(uint8 version, bytes parentBatchHeader,
/// bytes[] chunks, bytes skippedL1MessageBitmap)</c> (codecs v0-v2) and <c>commitBatchWithBlobProof(uint8, bytes, bytes[],
/// bytes, bytes)</c> (v3-v6). Every chunk starts with its block count and that many 60-byte block contexts (ChunkCodecV0/V1:
/// blockNumber uint64, timestamp uint64, baseFee uint256, gasLimit uint64, numTransactions uint16, numL1Messages uint16);
/// the batch's blocks are the first context of the first chunk to the last context of the last chunk. Euclid's
/// <c>commitBatches(uint8, bytes32, bytes32)</c> (v7) carries no block contexts: not readable here. Bounds-checked; a
/// malformed input yields the reason.
/// </summary>
public static class ScrollCommitCalldata
{
    public static readonly uint CommitBatch = EventSignature.Selector("commitBatch(uint8,bytes,bytes[],bytes)");
    public static readonly uint CommitBatchWithBlobProof = EventSignature.Selector("commitBatchWithBlobProof(uint8,bytes,bytes[],bytes,bytes)");

    private const int BlockContextLength = 60;

    public static bool TryRead(ReadOnlySpan<byte> input, out CommittedBlocks blocks, out string? error)
    {
        blocks = default;
        if (input.Length < 4)
        {
            error = "no function selector";
            return false;
        }

        var selector = BinaryPrimitives.ReadUInt32BigEndian(input);
        if (selector != CommitBatch && selector != CommitBatchWithBlobProof)
        {
            error = $"selector 0x{selector:x8} is not commitBatch or commitBatchWithBlobProof (codec v7 commits carry no block contexts)";
            return false;
        }

        var args = input[4..];
        var reader = new AbiReader(args);
        if (!reader.TryUInt64(2, out var chunksOffset) || chunksOffset > (ulong)args.Length - 32)
        {
            error = "chunks offset out of range";
            return false;
        }

        var array = args[(int)chunksOffset..];
        var arrayReader = new AbiReader(array);
        if (!arrayReader.TryUInt64(0, out var count) || count == 0 || count > (ulong)(array.Length / 32))
        {
            error = "no chunks";
            return false;
        }

        var heads = array[32..];
        ulong first = 0, last = 0;
        long lastTime = 0;
        for (var i = 0; i < (int)count; i++)
        {
            if (!new AbiReader(heads).TryBytes(i, out var range, out error))
            {
                error = $"chunk {i}: {error}";
                return false;
            }

            var chunk = heads[range];
            if (chunk.Length < 1 + BlockContextLength || chunk[0] == 0 || chunk.Length < 1 + (chunk[0] * BlockContextLength))
            {
                error = $"chunk {i} holds no complete block context";
                return false;
            }

            var blockCount = chunk[0];
            var firstContext = chunk[1..];
            var lastContext = chunk[(1 + ((blockCount - 1) * BlockContextLength))..];
            var chunkFirst = BinaryPrimitives.ReadUInt64BigEndian(firstContext);
            var chunkLast = BinaryPrimitives.ReadUInt64BigEndian(lastContext);
            if (chunkLast < chunkFirst || (i > 0 && chunkFirst != last + 1))
            {
                error = $"chunk {i}'s blocks {chunkFirst}-{chunkLast} do not continue block {last}";
                return false;
            }

            first = i == 0 ? chunkFirst : first;
            last = chunkLast;
            lastTime = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(lastContext[8..]), long.MaxValue);
        }

        blocks = new CommittedBlocks(first, last, lastTime);
        error = null;
        return true;
    }
}
