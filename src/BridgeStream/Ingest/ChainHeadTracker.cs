using BridgeStream.Kafka;
using BridgeStream.Rpc;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Ingest;

/// <summary>
/// Follows a chain's latest, safe and finalized heads and publishes them when they move. Nodes that do not serve the
/// "safe"/"finalized" tags get finality from depth (latest - FinalityDepth), and the published numbers say so (zero).
/// A head that does not move is published again every <see cref="ChainOptions.HeadHeartbeatSeconds"/>: that heartbeat
/// tells the alerting that the chain is followed and has nothing newer (a halted chain, not a dead ingestor).
/// </summary>
internal sealed class ChainHeadTracker(ChainOptions chain, JsonRpcClient rpc, EventPublisher publisher, IngestMetrics metrics, ChainStatus status, ILogger logger)
{
    private bool _tagsUnsupported;
    private ulong _lastLatest = ulong.MaxValue;
    private ulong _lastSafe;
    private ulong _lastFinalized;
    private DateTimeOffset _lastPublishedAt;

    /// <summary>Blocks at or below this number cannot be reorganised any more.</summary>
    public ulong Finalized { get; private set; }

    public async Task RefreshAsync(BlockHeader latest, CancellationToken ct)
    {
        var heartbeatDue = DateTimeOffset.UtcNow - _lastPublishedAt >= TimeSpan.FromSeconds(chain.HeadHeartbeatSeconds);
        if (latest.Number == _lastLatest && !heartbeatDue)
        {
            return;
        }

        var safe = await TagAsync("safe", ct).ConfigureAwait(false);
        var finalized = await TagAsync("finalized", ct).ConfigureAwait(false);
        Finalized = finalized?.Number ?? (latest.Number > (ulong)chain.FinalityDepth ? latest.Number - (ulong)chain.FinalityDepth : 0);
        metrics.Heads(chain, latest, safe, finalized);
        status.Heads(chain.ChainId, latest.Number, safe?.Number ?? 0, Finalized);
        if (latest.Number != _lastLatest || (safe?.Number ?? 0) != _lastSafe || (finalized?.Number ?? 0) != _lastFinalized || heartbeatDue)
        {
            _lastPublishedAt = DateTimeOffset.UtcNow;
            publisher.PublishHead(new V1.ChainHead
            {
                ChainId = chain.ChainId,
                ObservedAtUnixMillis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                LatestNumber = latest.Number,
                LatestHash = ByteString.CopyFrom(latest.Hash.ToArray()),
                LatestTime = latest.Timestamp,
                SafeNumber = safe?.Number ?? 0,
                SafeTime = safe?.Timestamp ?? 0,
                FinalizedNumber = finalized?.Number ?? 0,
                FinalizedTime = finalized?.Timestamp ?? 0,
            });
        }

        _lastLatest = latest.Number;
        _lastSafe = safe?.Number ?? 0;
        _lastFinalized = finalized?.Number ?? 0;
    }

    private async Task<BlockHeader?> TagAsync(string tag, CancellationToken ct)
    {
        if (_tagsUnsupported)
        {
            return null;
        }

        try
        {
            return await rpc.GetHeaderAsync(tag, ct).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.Code != RpcException.TransportErrorCode)
        {
            logger.LogWarning("Chain {Chain} does not serve the '{Tag}' block tag ({Error}); finality is taken as {Depth} blocks deep", chain.Name, tag, ex.Message, chain.FinalityDepth);
            _tagsUnsupported = true;
            return null;
        }
    }
}
