using System.Diagnostics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using ClickHouse.Driver;

namespace BridgeStream.Bench;

/// <summary>Phase 7: ClickHouseStore.UpsertMessagesAsync of synthetic delivered messages into a fresh database.</summary>
public static class ClickHouseRowsBench
{
    public const int CorrelatorBatch = 5000;

    /// <summary>Rows per second for one call with all rows, and for calls of the correlator's batch size.</summary>
    public static async Task<(double OneCall, double Batched)> RunAsync(BenchEnvironment env, int rows, CancellationToken ct)
    {
        var database = await env.CreateDatabaseAsync("bench_rows", ct).ConfigureAwait(false);
        using var client = new ClickHouseClient(database);
        var store = new ClickHouseStore(client);
        var records = Messages(rows);
        await store.UpsertMessagesAsync(records.Take(1000).ToList(), ct).ConfigureAwait(false); // warm-up: connection, JIT

        var clock = Stopwatch.StartNew();
        await store.UpsertMessagesAsync(records, ct).ConfigureAwait(false);
        var oneCall = rows / clock.Elapsed.TotalSeconds;

        clock.Restart();
        foreach (var chunk in records.Chunk(CorrelatorBatch))
        {
            await store.UpsertMessagesAsync(chunk, ct).ConfigureAwait(false);
        }

        return (oneCall, rows / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Delivered messages with random ids and hashes (seeded), shaped like the correlator's rows.</summary>
    public static List<MessageRecord> Messages(int count)
    {
        var random = new Random(42);
        var records = new List<MessageRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var sentAt = 1_700_000_000L + i;
            var record = new MessageRecord(RandomHash(random), Protocol.OpStackMessenger)
            {
                SourceChainId = 900,
                DestinationChainId = 901 + (ulong)(i % 2),
                Sender = RandomAddress(random),
                Target = RandomAddress(random),
                Value = Hash32.FromUInt64((ulong)i * 1_000_000_000),
                MessageNonce = Hash32.FromUInt64((ulong)i),
                GasLimit = 30_000,
                FirstObservedUnixNanos = sentAt * 1_000_000_000,
                Partition = i % BenchEnvironment.TopicPartitions,
                Offset = i,
            };
            record.Restore(new MessageStep(EventKind.MessageSent, new EventRef(900, (ulong)(i / 1000), RandomHash(random), RandomHash(random), (uint)(i % 1000), sentAt)));
            record.Restore(new MessageStep(EventKind.MessageRelayed, new EventRef(901, (ulong)(i / 250), RandomHash(random), RandomHash(random), (uint)(i % 250), sentAt + 12)));
            records.Add(record);
        }

        return records;
    }

    private static Hash32 RandomHash(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return new Hash32(bytes);
    }

    private static Address RandomAddress(Random random)
    {
        Span<byte> bytes = stackalloc byte[20];
        random.NextBytes(bytes);
        return new Address(bytes);
    }
}
