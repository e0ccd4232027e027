using Prometheus;

namespace BridgeStream.Processing;

public sealed class ProcessorMetrics
{
    private static readonly Counter Events = Metrics.CreateCounter("bridgestream_processor_events_total", "Events applied by the correlator.");
    private static readonly Counter Replayed = Metrics.CreateCounter("bridgestream_processor_events_replayed_total", "Events already absorbed (replays after a restart or rebalance).");
    private static readonly Counter DeadLetters = Metrics.CreateCounter("bridgestream_processor_dead_letters_total", "Records that could not be read.");
    private static readonly Counter MessagesWritten = Metrics.CreateCounter("bridgestream_processor_message_rows_total", "Message rows written to ClickHouse.");
    private static readonly Histogram BatchSeconds = Metrics.CreateHistogram("bridgestream_processor_batch_seconds", "Time from a batch's first record to its offsets committed.");
    private static readonly Gauge CachedMessages = Metrics.CreateGauge("bridgestream_processor_cached_messages", "Message records held in memory.");

    public void Batch(int applied, int replayed, int deadLetters, int rows, TimeSpan elapsed, int cached)
    {
        Events.Inc(applied);
        Replayed.Inc(replayed);
        DeadLetters.Inc(deadLetters);
        MessagesWritten.Inc(rows);
        BatchSeconds.Observe(elapsed.TotalSeconds);
        CachedMessages.Set(cached);
    }
}
