using System.Diagnostics;
using System.Threading.Channels;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Chains;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Kafka;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>
/// The two stages after reading, overlapped with it (a backfill reads range N+2 while N+1 is decoded and published and N
/// waits for Kafka's acknowledgements and its checkpoint): decode + publish, then durable (every record of the range
/// acknowledged, the blocks and the checkpoint written, the canonical window extended). Ranges stay in order; at most a
/// few are in flight, which bounds memory. A failing stage fails the pipeline: the ingestor restarts from its durable
/// checkpoint, so nothing published but not checkpointed is lost, only published again.
/// </summary>
internal sealed class RangePipeline : IAsyncDisposable
{
    private const int RangesPerStage = 2;

    private readonly Channel<FetchedRange> _toPublish = Channel.CreateBounded<FetchedRange>(RangesPerStage);
    private readonly Channel<(FetchedRange Range, PublishingSink Sink)> _toPersist = Channel.CreateBounded<(FetchedRange, PublishingSink)>(RangesPerStage);
    private readonly CancellationTokenSource _stop;
    private readonly IngestContext _context;
    private readonly SettlementResolver _settlement;
    private readonly Task _publishing;
    private readonly Task _persisting;
    private TaskCompletionSource _drained = NewSignal(completed: true);
    private int _inFlight;
    private Exception? _failure;

    public RangePipeline(IngestContext context, CancellationToken ct)
    {
        _context = context;
        _settlement = context.Settlement ?? new SettlementResolver(context.Rpc, new Dictionary<ulong, JsonRpcClient>(), context.Logger);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _publishing = Task.Run(() => RunStageAsync(PublishAllAsync), CancellationToken.None);
        _persisting = Task.Run(() => RunStageAsync(PersistAllAsync), CancellationToken.None);
    }

    /// <summary>No range in flight: the canonical window and the checkpoint hold everything read so far.</summary>
    public bool IsIdle => Volatile.Read(ref _inFlight) == 0;

    public async Task EnqueueAsync(FetchedRange range, CancellationToken ct)
    {
        ThrowIfFailed();
        lock (_stop)
        {
            if (_inFlight++ == 0)
            {
                _drained = NewSignal(completed: false);
            }
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        try
        {
            await _toPublish.Writer.WriteAsync(range, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            ThrowIfFailed(); // a stage failed while the queue was full
            throw;
        }
    }

    /// <summary>Waits until every range handed in is durable (or the pipeline failed, which is then thrown).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        Task drained;
        lock (_stop)
        {
            drained = _drained.Task;
        }

        await drained.WaitAsync(ct).ConfigureAwait(false);
        ThrowIfFailed();
    }

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Chain {_context.Chain.Name}: ingestion pipeline failed: {failure.Message}", failure);
        }
    }

    private async Task RunStageAsync(Func<CancellationToken, Task> stage)
    {
        try
        {
            await stage(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
            await _stop.CancelAsync().ConfigureAwait(false);
            lock (_stop)
            {
                _drained.TrySetResult(); // wake a waiter: it finds the failure
            }
        }
    }

    private async Task PublishAllAsync(CancellationToken ct)
    {
        await foreach (var range in _toPublish.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var sink = new PublishingSink(_context.Publisher);
            var observedAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
            _context.Decoder.Decode(range.Logs, new DecodeContext(_context.Chain.ChainId, _context.Contracts, observedAt) { Domains = _context.Domains }, sink);
            await PublishResolvedOutcomesAsync(sink, ct).ConfigureAwait(false);
            await PublishSettlementsAsync(sink, ct).ConfigureAwait(false);
            foreach (var transactionEvent in range.TransactionEvents)
            {
                sink.Publish(transactionEvent);
            }

            await _toPersist.Writer.WriteAsync((range, sink), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Events whose outcome is a transaction's receipt (an Arbitrum redeem attempt) are published once that receipt is read:
    /// a failed transaction turns the event into a failed attempt. A receipt the node does not have yet fails the range
    /// (it is read again after the restart), so an outcome is never guessed.
    /// </summary>
    private async Task PublishResolvedOutcomesAsync(PublishingSink sink, CancellationToken ct)
    {
        if (sink.AwaitingOutcome.Count == 0)
        {
            return;
        }

        var rpc = _context.Rpc;
        var statuses = await rpc.GetReceiptStatusesAsync([.. sink.AwaitingOutcome.Select(e => e.OutcomeTransaction).Distinct()], ct).ConfigureAwait(false);
        var missing = sink.AwaitingOutcome.Select(e => e.OutcomeTransaction).FirstOrDefault(tx => !statuses.ContainsKey(tx));
        if (!missing.IsZero)
        {
            throw new RpcException(rpc.CurrentEndpoint, "eth_getTransactionReceipt", 0, $"no receipt yet for {missing}, whose outcome an event in this range depends on");
        }

        foreach (var e in sink.AwaitingOutcome)
        {
            sink.Publish(statuses[e.OutcomeTransaction] ? e : e with { Kind = EventKind.MessageRelayFailed });
        }
    }

    /// <summary>Settlement steps are published once their look-ups (L2 block numbers, times) are read; see <see cref="SettlementResolver"/>.</summary>
    private async Task PublishSettlementsAsync(PublishingSink sink, CancellationToken ct)
    {
        if (sink.Settlements.Count == 0)
        {
            return;
        }

        foreach (var settlement in await _settlement.ResolveAsync(sink.Settlements, ct).ConfigureAwait(false))
        {
            sink.PublishSettlement(settlement);
        }
    }

    private async Task PersistAllAsync(CancellationToken ct)
    {
        await foreach (var (range, sink) in _toPersist.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await sink.Batch.AcknowledgedAsync().WaitAsync(ct).ConfigureAwait(false);
            var tracked = range.Headers.Select(h => new TrackedBlock(h.Number, h.Hash, h.ParentHash, h.Timestamp, sink.PublishedIn(h.Number))).ToList();
            var chainId = _context.Chain.ChainId;
            await _context.Store.SaveBlocksAsync(chainId, tracked, ct).ConfigureAwait(false);
            await _context.Store.SaveCheckpointAsync(chainId, range.To, range.Headers[^1].Hash, ct).ConfigureAwait(false);
            _context.Extend(tracked, range.To);
            Report(range, sink);
            lock (_stop)
            {
                if (--_inFlight == 0)
                {
                    _drained.TrySetResult();
                }
            }
        }
    }

    private void Report(FetchedRange range, PublishingSink sink)
    {
        var chain = _context.Chain;
        _context.Metrics.Range(chain, range.Logs.Count, sink.Events, sink.Rejected, Stopwatch.GetElapsedTime(range.StartedTimestamp));
        _context.Metrics.Ingested(chain, range.To, Math.Max(range.Target, range.To));
        _context.Status.Progress(chain.ChainId, range.To);
        if (sink.Rejected > 0)
        {
            _context.Logger.LogWarning("Chain {Chain}: {Count} undecodable logs in {From}-{To} sent to the dead-letter topic", chain.Name, sink.Rejected, range.From, range.To);
        }
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    public async ValueTask DisposeAsync()
    {
        _toPublish.Writer.TryComplete();
        _toPersist.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_publishing, _persisting).ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>What the pipeline stages share with the ingestor of one chain.</summary>
internal sealed record IngestContext(
    ChainOptions Chain, JsonRpcClient Rpc, BridgeLogDecoder Decoder, ContractDirectory Contracts, DomainDirectory Domains,
    EventPublisher Publisher, ClickHouseStore Store, IngestMetrics Metrics, ChainStatus Status, ILogger Logger,
    Action<IReadOnlyList<TrackedBlock>, ulong> Extend, SettlementResolver? Settlement = null);
