using System.Diagnostics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Kafka;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>
/// Follows one chain: from its checkpoint to the head in adaptive eth_getLogs ranges, then the head as it moves.
/// Each range is decoded, published, flushed (Kafka acknowledged everything), and only then checkpointed, so a crash
/// at any point replays at most the last range, which the event identity absorbs downstream.
/// </summary>
public sealed class ChainIngestor
{
    private readonly ChainOptions _chain;
    private readonly JsonRpcClient _rpc;
    private readonly BridgeLogDecoder _decoder;
    private readonly ContractDirectory _contracts;
    private readonly EventPublisher _publisher;
    private readonly ClickHouseStore _store;
    private readonly IngestMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BlockTimestampCache _timestamps = new();
    private readonly Address[] _addresses;

    public ChainIngestor(
        ChainOptions chain, JsonRpcClient rpc, BridgeLogDecoder decoder, ContractDirectory contracts,
        EventPublisher publisher, ClickHouseStore store, IngestMetrics metrics, ILogger logger)
    {
        _chain = chain;
        _rpc = rpc;
        _decoder = decoder;
        _contracts = contracts;
        _publisher = publisher;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _addresses = [.. contracts.OnChain(chain.ChainId).Select(c => c.Address)];
    }

    public async Task RunAsync(IHeadSignal heads, CancellationToken ct)
    {
        var next = await StartBlockAsync(ct).ConfigureAwait(false);
        var sizer = new BlockRangeSizer(_chain.MaxBlockRange);
        _logger.LogInformation("Chain {Chain} ({ChainId}): ingesting {Contracts} contracts from block {Block}", _chain.Name, _chain.ChainId, _addresses.Length, next);
        while (!ct.IsCancellationRequested)
        {
            var head = await _rpc.BlockNumberAsync(ct).ConfigureAwait(false);
            _metrics.Head(_chain, head);
            var target = head >= (ulong)_chain.ConfirmationDepth ? head - (ulong)_chain.ConfirmationDepth : 0;
            if (next > target)
            {
                await heads.WaitForNewHeadAsync(TimeSpan.FromMilliseconds(_chain.PollIntervalMillis), ct).ConfigureAwait(false);
                continue;
            }

            var to = Math.Min(target, next + (ulong)sizer.Current - 1);
            if (await TryIngestRangeAsync(next, to, sizer, ct).ConfigureAwait(false))
            {
                _metrics.Ingested(_chain, to, target);
                next = to + 1;
            }
        }
    }

    private async Task<ulong> StartBlockAsync(CancellationToken ct)
    {
        var checkpoint = await _store.GetCheckpointAsync(_chain.ChainId, ct).ConfigureAwait(false);
        return checkpoint is { } cp ? Math.Max(cp.BlockNumber + 1, _chain.StartBlock) : _chain.StartBlock;
    }

    /// <summary>One range end to end; false when the range must be retried smaller.</summary>
    private async Task<bool> TryIngestRangeAsync(ulong from, ulong to, BlockRangeSizer sizer, CancellationToken ct)
    {
        List<RawLog> logs;
        var started = Stopwatch.GetTimestamp();
        try
        {
            logs = _addresses.Length == 0 ? [] : await _rpc.GetLogsAsync(from, to, _addresses, _decoder.Topics, ct).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.IsRangeTooLarge && to > from)
        {
            _logger.LogInformation("Chain {Chain}: range {From}-{To} too large ({Error}); halving", _chain.Name, from, to, ex.Message);
            sizer.Shrink();
            return false;
        }

        sizer.Observe(logs.Count, (int)(to - from + 1));
        await _timestamps.FillAsync(_rpc, logs, ct).ConfigureAwait(false);
        var sink = new PublishingSink(_publisher);
        var observedAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        _decoder.Decode(logs, new DecodeContext(_chain.ChainId, _contracts, observedAt), sink);
        await _publisher.FlushAsync(ct).ConfigureAwait(false);

        var lastHash = logs.Count > 0 && logs[^1].BlockNumber == to ? logs[^1].BlockHash : default;
        await _store.SaveCheckpointAsync(_chain.ChainId, to, lastHash, ct).ConfigureAwait(false);
        _metrics.Range(_chain, logs.Count, sink.Events, sink.Rejected, Stopwatch.GetElapsedTime(started));
        if (sink.Rejected > 0)
        {
            _logger.LogWarning("Chain {Chain}: {Count} undecodable logs in {From}-{To} sent to the dead-letter topic", _chain.Name, sink.Rejected, from, to);
        }

        return true;
    }

    private sealed class PublishingSink(EventPublisher publisher) : IDecodeSink
    {
        public int Events { get; private set; }

        public int Rejected { get; private set; }

        public void OnEvent(BridgeEvent bridgeEvent)
        {
            publisher.Publish(bridgeEvent);
            Events++;
        }

        public void OnRejected(RejectedLog rejected)
        {
            publisher.PublishDeadLetter(rejected, "ingest");
            Rejected++;
        }
    }
}
