using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Benchmarks.Support;

/// <summary>Logs as eth_getLogs returns them (block, then log index), with each transaction's slice precomputed.</summary>
public sealed class TransactionBatch
{
    private readonly RawLog[] _logs;
    private readonly (int Start, int Count)[] _transactions;

    public TransactionBatch(RawLog[] logs, (int Start, int Count)[] transactions)
    {
        _logs = logs;
        _transactions = transactions;
    }

    public IReadOnlyList<RawLog> Logs => _logs;

    public int LogCount => _logs.Length;

    public int TransactionCount => _transactions.Length;

    public ReadOnlySpan<RawLog> Transaction(int index) => _logs.AsSpan(_transactions[index].Start, _transactions[index].Count);

    /// <summary>What an ingestor does per transaction with one protocol's decoder.</summary>
    public void DecodeEach(IProtocolDecoder decoder, DecodeContext context, IDecodeSink sink)
    {
        var logs = _logs.AsSpan();
        foreach (var (start, count) in _transactions)
        {
            decoder.DecodeTransaction(logs.Slice(start, count), context, sink);
        }
    }

    /// <summary>Round-robin over the batches' transactions: one mixed range as several protocols' contracts fill it.</summary>
    public static TransactionBatch Interleave(IReadOnlyList<TransactionBatch> batches)
    {
        var builder = new List<RawLog>();
        var transactions = new List<(int, int)>();
        var most = batches.Max(b => b.TransactionCount);
        for (var t = 0; t < most; t++)
        {
            foreach (var batch in batches.Where(b => t < b.TransactionCount))
            {
                var slice = batch.Transaction(t);
                transactions.Add((builder.Count, slice.Length));
                builder.AddRange(slice.ToArray());
            }
        }

        return new TransactionBatch([.. builder], [.. transactions]);
    }
}

/// <summary>
/// Builds a batch from template logs: every transaction gets its own block (number and hash) and transaction hash, so
/// no two transactions of any batch in the process share an identity. Log indexes, emitters, topics and data are kept.
/// </summary>
public sealed class BatchBuilder
{
    private static long s_nextTransaction;
    private readonly List<RawLog> _logs = [];
    private readonly List<(int, int)> _transactions = [];

    public int LogCount => _logs.Count;

    public int TransactionCount => _transactions.Count;

    public void Add(params RawLog[] transactionLogs)
    {
        var serial = (ulong)Interlocked.Increment(ref s_nextTransaction);
        var blockHash = Stamp(0xb1, serial);
        var transactionHash = Stamp(0x7c, serial);
        _transactions.Add((_logs.Count, transactionLogs.Length));
        foreach (var log in transactionLogs)
        {
            _logs.Add(new RawLog
            {
                ChainId = log.ChainId,
                BlockNumber = 20_000_000 + serial,
                BlockHash = blockHash,
                TransactionHash = transactionHash,
                LogIndex = log.LogIndex,
                Address = log.Address,
                Topics = log.Topics,
                Data = log.Data,
                BlockTimestamp = 1_750_000_000 + (long)serial,
            });
        }
    }

    public TransactionBatch Build() => new([.. _logs], [.. _transactions]);

    private static Hash32 Stamp(byte kind, ulong serial)
    {
        Span<byte> seed = stackalloc byte[9];
        seed[0] = kind;
        BinaryPrimitives.WriteUInt64BigEndian(seed[1..], serial);
        return Keccak256.Hash(seed);
    }
}
