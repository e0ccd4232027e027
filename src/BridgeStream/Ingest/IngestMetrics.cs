using BridgeStream.Core.Decoding;
using Prometheus;

namespace BridgeStream.Ingest;

/// <summary>Prometheus metrics of the ingestors, labelled by chain.</summary>
public sealed class IngestMetrics
{
    private static readonly Gauge HeadBlock = Metrics.CreateGauge("bridgestream_chain_head_block", "Latest block number seen per chain.", "chain");
    private static readonly Gauge IngestedBlock = Metrics.CreateGauge("bridgestream_ingested_block", "Last block whose events Kafka acknowledged.", "chain");
    private static readonly Gauge LagBlocks = Metrics.CreateGauge("bridgestream_ingest_lag_blocks", "Blocks between the ingestible head and the checkpoint.", "chain");
    private static readonly Counter LogsRead = Metrics.CreateCounter("bridgestream_logs_read_total", "Logs returned by eth_getLogs.", "chain");
    private static readonly Counter EventsPublished = Metrics.CreateCounter("bridgestream_events_published_total", "Bridge events published to Kafka.", "chain");
    private static readonly Counter LogsRejected = Metrics.CreateCounter("bridgestream_logs_rejected_total", "Logs sent to the dead-letter topic.", "chain");
    private static readonly Histogram RangeSeconds = Metrics.CreateHistogram("bridgestream_ingest_range_seconds", "Time to ingest one block range.", "chain");

    public void Head(ChainOptions chain, ulong head) => HeadBlock.WithLabels(chain.Name).Set(head);

    public void Ingested(ChainOptions chain, ulong block, ulong target)
    {
        IngestedBlock.WithLabels(chain.Name).Set(block);
        LagBlocks.WithLabels(chain.Name).Set(target - block);
    }

    public void Range(ChainOptions chain, int logs, int events, int rejected, TimeSpan elapsed)
    {
        LogsRead.WithLabels(chain.Name).Inc(logs);
        EventsPublished.WithLabels(chain.Name).Inc(events);
        LogsRejected.WithLabels(chain.Name).Inc(rejected);
        RangeSeconds.WithLabels(chain.Name).Observe(elapsed.TotalSeconds);
    }
}
