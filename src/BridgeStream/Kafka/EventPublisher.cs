using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V1ChainHead = BridgeStream.Schemas.V1.ChainHead;

namespace BridgeStream.Kafka;

/// <summary>
/// The one long-lived, idempotent producer of a process. Events are produced without awaiting each one;
/// <see cref="FlushAsync"/> waits until the broker has acknowledged everything produced before it, or throws.
/// </summary>
public sealed class EventPublisher : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly KafkaOptions _options;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
    private Exception? _firstError;
    private long _published;

    public EventPublisher(IOptions<KafkaOptions> options, ILogger<EventPublisher> logger)
    {
        _options = options.Value;
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(_options, "bridgestream-ingest"))
            .SetErrorHandler((_, error) => logger.LogWarning("Kafka producer: {Reason}", error.Reason))
            .Build();
        _onDelivered = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _firstError, new KafkaException(report.Error), null);
            }
            else
            {
                Interlocked.Increment(ref _published);
            }
        };
    }

    public long Published => Interlocked.Read(ref _published);

    /// <summary>A batch whose records can be awaited on their own (see <see cref="PublishBatch"/>).</summary>
    public PublishBatch BeginBatch() => new(_ => Interlocked.Increment(ref _published));

    public void Publish(BridgeEvent bridgeEvent, PublishBatch? batch = null) =>
        Produce(_options.EventsTopic, BridgeEventCodec.Key(bridgeEvent.CorrelationKey), BridgeEventCodec.Encode(bridgeEvent), batch);

    public void PublishDeadLetter(RejectedLog rejected, string stage, PublishBatch? batch = null)
    {
        var log = rejected.Log;
        var key = System.Text.Encoding.UTF8.GetBytes($"{log.ChainId}:{log.TransactionHash}:{log.LogIndex}");
        Produce(_options.DeadLetterTopic, key, BridgeEventCodec.EncodeDeadLetter(rejected, stage), batch);
    }

    /// <summary>A rollup settlement step (or its retraction), keyed by the rollup's chain id so each rollup's steps stay in order.</summary>
    public void PublishSettlement(Core.Settlement.SettlementEvent settlement, PublishBatch? batch = null) =>
        Produce(_options.SettlementTopic, SettlementEventCodec.Key(settlement.RollupChainId), SettlementEventCodec.Encode(settlement), batch);

    public void PublishRaw(string topic, byte[] key, byte[] value) => Produce(topic, key, value);

    public void PublishHead(V1ChainHead head)
    {
        var key = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, head.ChainId);
        Produce(_options.HeadsTopic, key, Google.Protobuf.MessageExtensions.ToByteArray(head));
    }

    /// <summary>Waits for every outstanding delivery; throws the first delivery error since the last flush.</summary>
    public Task FlushAsync(CancellationToken ct) => Task.Run(() =>
    {
        while (_producer.Flush(TimeSpan.FromMilliseconds(200)) > 0)
        {
            ct.ThrowIfCancellationRequested();
        }

        var error = Interlocked.Exchange(ref _firstError, null);
        if (error is not null)
        {
            throw new InvalidOperationException("Kafka did not acknowledge every event; the checkpoint stays where it was.", error);
        }
    }, ct);

    private void Produce(string topic, byte[] key, byte[] value, PublishBatch? batch = null)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, new Message<byte[], byte[]> { Key = key, Value = value }, batch?.Handler ?? _onDelivered);
                // Counted after Produce returned: a produce that throws never owes an acknowledgement. A delivery report
                // that beats this line only drives the count below zero until here; the batch completes only once sealed.
                batch?.Adding();
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: let librdkafka drain its queue before producing more.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
