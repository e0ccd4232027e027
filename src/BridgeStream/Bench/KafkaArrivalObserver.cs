using System.Collections.Concurrent;
using System.Diagnostics;
using BridgeStream.Core.Primitives;
using BridgeStream.Kafka;
using Confluent.Kafka;

namespace BridgeStream.Bench;

/// <summary>
/// Reads the events topic from its current end on a thread of its own (assigned partitions, no group) and notes when each
/// correlation key's latest record arrived: the "block -> event in Kafka" half of the live latency.
/// </summary>
public sealed class KafkaArrivalObserver : IDisposable
{
    private readonly ConcurrentDictionary<Hash32, long> _arrivals = new();
    private readonly ConcurrentDictionary<Hash32, long> _producedAt = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly IConsumer<byte[], byte[]> _consumer;

    public KafkaArrivalObserver(KafkaOptions topics)
    {
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = topics.BootstrapServers,
            GroupId = "bench-live-observer",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
            FetchMinBytes = 1,
        }).Build();
        // Explicit high watermarks rather than Offset.End: the records that arrive next are exactly the ones after these.
        _consumer.Assign(Enumerable.Range(0, topics.Partitions).Select(p =>
        {
            var partition = new TopicPartition(topics.EventsTopic, p);
            return new TopicPartitionOffset(partition, _consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High);
        }));
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-kafka-observer" };
        _thread.Start();
    }

    /// <summary>The record's own timestamp (set by the producer when the ingestor published it), unix ms, if it is at or after <paramref name="sinceUnixMs"/>.</summary>
    public long? ProducedAfter(Hash32 key, long sinceUnixMs) => _producedAt.TryGetValue(key, out var at) && at >= sinceUnixMs ? at : null;

    /// <summary>Stopwatch timestamp of the latest record with this key, if one arrived after <paramref name="since"/>.</summary>
    public long? ArrivedAfter(Hash32 key, long since) => _arrivals.TryGetValue(key, out var at) && at >= since ? at : null;

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                if (result?.Message?.Key is { Length: 32 } key)
                {
                    _arrivals[new Hash32(key)] = Stopwatch.GetTimestamp();
                    _producedAt[new Hash32(key)] = result.Message.Timestamp.UnixTimestampMs;
                }
            }
            catch (ConsumeException)
            {
                // A transient fetch error only costs samples; the figure reports how many it has.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
