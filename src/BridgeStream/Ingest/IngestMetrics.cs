using BridgeStream.Rpc;
using Prometheus;

namespace BridgeStream.Ingest;

/// <summary>Prometheus metrics of the ingestors, labelled by chain.</summary>
public sealed class IngestMetrics
{
    private static readonly Gauge HeadBlock = Metrics.CreateGauge("bridgestream_chain_head_block", "Latest block number per chain.", "chain");
    private static readonly Gauge SafeBlock = Metrics.CreateGauge("bridgestream_chain_safe_block", "Safe block number per chain (0 when the node has no safe tag).", "chain");
    private static readonly Gauge FinalizedBlock = Metrics.CreateGauge("bridgestream_chain_finalized_block", "Finalized block number per chain (0 when the node has no finalized tag).", "chain");
    private static readonly Gauge HeadAgeSeconds = Metrics.CreateGauge("bridgestream_chain_head_age_seconds", "Seconds since the latest block's timestamp (liveness).", "chain");
    private static readonly Gauge FinalityLagSeconds = Metrics.CreateGauge("bridgestream_chain_head_to_finalized_seconds", "Latest block time minus finalized block time.", "chain");
    private static readonly Gauge IngestedBlock = Metrics.CreateGauge("bridgestream_ingested_block", "Last block whose events Kafka acknowledged.", "chain");
    private static readonly Gauge LagBlocks = Metrics.CreateGauge("bridgestream_ingest_lag_blocks", "Blocks between the ingestible head and the checkpoint.", "chain");
    private static readonly Counter LogsRead = Metrics.CreateCounter("bridgestream_logs_read_total", "Logs returned by eth_getLogs.", "chain");
    private static readonly Counter EventsPublished = Metrics.CreateCounter("bridgestream_events_published_total", "Bridge events published to Kafka.", "chain");
    private static readonly Counter LogsRejected = Metrics.CreateCounter("bridgestream_logs_rejected_total", "Logs sent to the dead-letter topic.", "chain");
    private static readonly Counter Reorgs = Metrics.CreateCounter("bridgestream_reorgs_total", "Chain reorganisations seen.", "chain");
    private static readonly Histogram ReorgDepth = Metrics.CreateHistogram(
        "bridgestream_reorg_depth_blocks", "Blocks orphaned per reorganisation.", new HistogramConfiguration { LabelNames = ["chain"], Buckets = [1, 2, 3, 5, 8, 13, 21, 34, 64, 128] });
    private static readonly Counter Retractions = Metrics.CreateCounter("bridgestream_retractions_published_total", "Events retracted because their block was orphaned.", "chain");
    private static readonly Histogram RangeSeconds = Metrics.CreateHistogram("bridgestream_ingest_range_seconds", "Time to ingest one block range.", "chain");

    public void Heads(ChainOptions chain, BlockHeader latest, BlockHeader? safe, BlockHeader? finalized)
    {
        HeadBlock.WithLabels(chain.Name).Set(latest.Number);
        SafeBlock.WithLabels(chain.Name).Set(safe?.Number ?? 0);
        FinalizedBlock.WithLabels(chain.Name).Set(finalized?.Number ?? 0);
        HeadAgeSeconds.WithLabels(chain.Name).Set(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - latest.Timestamp);
        if (finalized is not null)
        {
            FinalityLagSeconds.WithLabels(chain.Name).Set(latest.Timestamp - finalized.Timestamp);
        }
    }

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

    public void Reorg(ChainOptions chain, int depth, int retracted)
    {
        Reorgs.WithLabels(chain.Name).Inc();
        ReorgDepth.WithLabels(chain.Name).Observe(depth);
        Retractions.WithLabels(chain.Name).Inc(retracted);
    }
}
