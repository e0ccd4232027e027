using System.Diagnostics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Primitives;
using BridgeStream.Kafka;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Processing;

/// <summary>
/// The stream processor: reads bridge events from Kafka in batches, pairs each message's steps by correlation key,
/// writes events and message rows to ClickHouse, and only then commits the offsets. Several instances share the
/// partitions through one consumer group; a message's state lives in ClickHouse, so a partition that moves takes it along.
/// </summary>
public sealed class CorrelatorService : BackgroundService
{
    private const int CacheCapacity = 200_000;
    private readonly KafkaOptions _options;
    private readonly ClickHouseStore _store;
    private readonly EventPublisher _deadLetters;
    private readonly ProcessorMetrics _metrics;
    private readonly ILogger<CorrelatorService> _logger;
    private readonly ICorrelatorObserver _observer;
    private readonly MessageCache _cache = new(CacheCapacity);
    private readonly HashSet<TopicPartition> _revoked = [];

    public CorrelatorService(
        IOptions<KafkaOptions> options, ClickHouseStore store, EventPublisher deadLetters, ProcessorMetrics metrics, ILogger<CorrelatorService> logger,
        ICorrelatorObserver? observer = null)
    {
        _observer = observer ?? new NoCorrelatorObserver();
        _options = options.Value;
        _store = store;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfig.Consumer(_options, $"bridgestream-process-{Environment.ProcessId}"))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                _logger.LogInformation("Partitions assigned: {Partitions}", string.Join(",", assigned.Select(tp => $"{tp.Topic}[{tp.Partition.Value}]")));
                _observer.Assigned(assigned);
            })
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, lost) => OnRevoked(lost.Select(p => p.TopicPartition)))
            .SetErrorHandler((_, error) => _logger.LogWarning("Kafka consumer: {Reason}", error.Reason))
            .Build();
        consumer.Subscribe([_options.EventsTopic, _options.DeadLetterTopic, _options.HeadsTopic, _options.SettlementTopic]);
        _logger.LogInformation("Correlator consuming {Topic} in group {Group}", _options.EventsTopic, _options.ConsumerGroup);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = Collect(consumer, ct);
                if (batch.Records > 0)
                {
                    await ProcessUntilDurableAsync(consumer, batch, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Uncommitted work is simply read again by whoever owns the partition next.
        }
        finally
        {
            consumer.Close();
        }
    }

    private void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        var set = partitions.ToHashSet();
        _revoked.UnionWith(set);
        _cache.DropPartitions(set.Where(tp => tp.Topic == _options.EventsTopic).Select(tp => tp.Partition.Value).ToHashSet());
        _observer.Revoked(set);
        _logger.LogInformation("Partitions revoked: {Partitions}", string.Join(",", set.Select(tp => $"{tp.Topic}[{tp.Partition.Value}]")));
    }

    private ConsumedBatch Collect(IConsumer<byte[], byte[]> consumer, CancellationToken ct)
    {
        var batch = new ConsumedBatch();
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * _options.ProcessorBatchMillis / 1000);
        _revoked.Clear();
        while (batch.Records < _options.ProcessorBatchSize)
        {
            var remaining = TimeSpan.FromTicks(Math.Max(0, deadline - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            var result = consumer.Consume(batch.Records == 0 ? TimeSpan.FromMilliseconds(250) : remaining);
            if (result is null || result.IsPartitionEOF)
            {
                if (batch.Records > 0 || ct.IsCancellationRequested)
                {
                    break;
                }

                if (result is null)
                {
                    _observer.Idle(DateTime.UtcNow);
                }

                deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * _options.ProcessorBatchMillis / 1000);
                continue;
            }

            batch.Consumed(result.TopicPartitionOffset, result.Message.Timestamp.UtcDateTime);
            Read(result, batch);
        }

        batch.Forget(_revoked, _options.EventsTopic);
        return batch;
    }

    private void Read(ConsumeResult<byte[], byte[]> result, ConsumedBatch batch)
    {
        var value = result.Message.Value ?? [];
        if (result.Topic == _options.DeadLetterTopic)
        {
            batch.DeadLetterRows.Add(ReadDeadLetter(value));
            return;
        }

        if (result.Topic == _options.HeadsTopic)
        {
            ReadChainHead(value, batch);
            return;
        }

        if (result.Topic == _options.SettlementTopic)
        {
            // Written as is: a settlement step is its own row (identity = its L1 position), no state to merge.
            var settlement = SettlementEventCodec.TryDecode(value, out var invalid);
            if (settlement is null)
            {
                batch.DeadLetterRows.Add(DeadLetterRows.Unreadable(value, $"unreadable settlement event: {invalid}"));
            }
            else
            {
                batch.SettlementRows.Add(ClickHouseRows.Settlement(settlement, (ulong)(result.Offset.Value + 1)));
            }

            return;
        }

        var bridgeEvent = BridgeEventCodec.TryDecode(value, out var error);
        if (bridgeEvent is null)
        {
            var key = System.Text.Encoding.UTF8.GetBytes($"{result.Topic}:{result.Partition.Value}:{result.Offset.Value}");
            _deadLetters.PublishRaw(_options.DeadLetterTopic, key, BridgeEventCodec.EncodeUnreadableRecord(value, error!));
            return;
        }

        batch.Events.Add((bridgeEvent, result.Partition.Value, result.Offset.Value));
    }

    private static void ReadChainHead(byte[] value, ConsumedBatch batch)
    {
        try
        {
            var head = V1.ChainHead.Parser.ParseFrom(value);
            batch.ChainHeadRows.Add(
            [
                head.ChainId, DateTime.UnixEpoch.AddMilliseconds(head.ObservedAtUnixMillis), head.LatestNumber, Hex.Encode(head.LatestHash.Span),
                DateTime.UnixEpoch.AddSeconds(head.LatestTime), head.SafeNumber, DateTime.UnixEpoch.AddSeconds(head.SafeTime),
                head.FinalizedNumber, DateTime.UnixEpoch.AddSeconds(head.FinalizedTime),
            ]);
        }
        catch (InvalidProtocolBufferException ex)
        {
            batch.DeadLetterRows.Add(DeadLetterRows.Unreadable(value, $"unreadable chain head: {ex.Message}"));
        }
    }

    private static object[] ReadDeadLetter(byte[] value)
    {
        try
        {
            return DeadLetterRows.From(V1.DeadLetter.Parser.ParseFrom(value));
        }
        catch (InvalidProtocolBufferException ex)
        {
            return DeadLetterRows.Unreadable(value, $"unreadable dead letter: {ex.Message}");
        }
    }

    /// <summary>
    /// Retries a batch until ClickHouse (or Kafka, for dead letters) takes it: an outage stalls the stream, it never
    /// drops records or stops the process. The cache is cleared first, since a failed attempt may have applied events
    /// in memory that never reached ClickHouse; the retry reloads the durable state and applies them again.
    /// </summary>
    private async Task ProcessUntilDurableAsync(IConsumer<byte[], byte[]> consumer, ConsumedBatch batch, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await ProcessAsync(consumer, batch, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _cache.Clear();
                _logger.LogError(ex, "Writing a batch of {Records} records failed; retrying in {Delay}", batch.Records, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(30_000, delay.TotalMilliseconds * 2));
            }
        }
    }

    private async Task ProcessAsync(IConsumer<byte[], byte[]> consumer, ConsumedBatch batch, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await LoadMissingAsync(batch, ct).ConfigureAwait(false);
        var changed = new Dictionary<Hash32, MessageRecord>();
        var replayed = 0;
        foreach (var (bridgeEvent, partition, offset) in batch.Events)
        {
            if (!_cache.TryGet(bridgeEvent.CorrelationKey, out var record))
            {
                record = new MessageRecord(bridgeEvent.CorrelationKey, bridgeEvent.Protocol);
                _cache.Put(record);
            }

            if (record.Apply(bridgeEvent, partition, offset))
            {
                changed[record.MessageId] = record;
            }
            else
            {
                replayed++;
            }
        }

        // Events first, then messages, then dead letters: all durable before any offset moves.
        await _store.InsertEventsAsync(batch.Events.Select(e => (e.Event, (ulong)(e.Offset + 1))).ToList(), ct).ConfigureAwait(false);
        await _store.UpsertMessagesAsync(changed.Values, ct).ConfigureAwait(false);
        await _store.InsertDeadLettersAsync(batch.DeadLetterRows, ct).ConfigureAwait(false);
        await _store.InsertChainHeadsAsync(batch.ChainHeadRows, ct).ConfigureAwait(false);
        await _store.InsertSettlementsAsync(batch.SettlementRows, ct).ConfigureAwait(false);
        await _deadLetters.FlushAsync(ct).ConfigureAwait(false);
        Commit(consumer, batch);
        _observer.Durable(changed.Values, batch.NewestTimestamps);
        _cache.Trim();
        _metrics.Batch(batch.Events.Count - replayed, replayed, batch.DeadLetterRows.Count, changed.Count, Stopwatch.GetElapsedTime(started), _cache.Count);
    }

    private async Task LoadMissingAsync(ConsumedBatch batch, CancellationToken ct)
    {
        var missing = batch.Events.Select(e => e.Event.CorrelationKey).Where(k => !_cache.TryGet(k, out _)).ToHashSet();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var record in (await _store.LoadMessagesAsync(missing, ct).ConfigureAwait(false)).Values)
        {
            _cache.Put(record);
        }
    }

    private void Commit(IConsumer<byte[], byte[]> consumer, ConsumedBatch batch)
    {
        var offsets = batch.NextOffsets.Select(kv => new TopicPartitionOffset(kv.Key, kv.Value)).ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException ex)
        {
            // A rebalance between write and commit: the new owner re-reads these records and the offsets in the
            // message rows make that a no-op, so nothing is lost or counted twice.
            _logger.LogWarning("Offset commit failed ({Reason}); the records will be re-read and absorbed", ex.Error.Reason);
        }
    }
}
