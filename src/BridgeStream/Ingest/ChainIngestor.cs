using System.Diagnostics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Chains;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Kafka;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>
/// Follows one chain: from its checkpoint to the head in adaptive eth_getLogs ranges, then the head as it moves.
/// Reading runs ahead of publishing (<see cref="RangePipeline"/>): while range N waits for Kafka's acknowledgements and
/// its checkpoint, N+1 is decoded and published and N+2 is read. A range is checkpointed only after Kafka acknowledged
/// every record of it, in order, so a crash at any point replays at most the ranges in flight, which the event identity
/// absorbs downstream.
/// Above the finalized head every block's header is checked against the recent canonical chain: a parent hash that
/// does not match is a reorg; the pipeline is drained, and every event published from the orphaned blocks is retracted
/// before the new branch is read. The window of recent blocks is durable (ClickHouse ingest_blocks), so this holds across
/// restarts.
/// On an OP Stack L2 configured with DepositsFromChainId, every block of a range is also read with its full transactions
/// for its user deposit transactions (portal deposits have no L2 log), which are published and tracked like log events.
/// </summary>
public sealed class ChainIngestor
{
    // Keep a margin below the finalized head: a node's finality is trusted, not proven.
    private const ulong WindowMargin = 32;

    // While backfilling, the head is asked for again this often (it moves the target and publishes the chain's heads).
    private static readonly TimeSpan HeadRefresh = TimeSpan.FromSeconds(1);

    private readonly ChainOptions _chain;
    private readonly JsonRpcClient _rpc;
    private readonly BridgeLogDecoder _decoder;
    private readonly EventPublisher _publisher;
    private readonly ClickHouseStore _store;
    private readonly IngestMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BlockTimestampCache _timestamps = new();
    private readonly CanonicalWindow _window = new();
    private readonly ChainHeadTracker _heads;
    private readonly IngestContext _context;
    private readonly Address[] _addresses;
    private BlockHeader? _readTip;

    public ChainIngestor(
        ChainOptions chain, JsonRpcClient rpc, BridgeLogDecoder decoder, ContractDirectory contracts, DomainDirectory domains,
        EventPublisher publisher, ClickHouseStore store, IngestMetrics metrics, ChainStatus status, ILogger logger,
        SettlementResolver? settlement = null)
    {
        _chain = chain;
        _rpc = rpc;
        _decoder = decoder;
        _publisher = publisher;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _heads = new ChainHeadTracker(chain, rpc, publisher, metrics, status, logger);
        _context = new IngestContext(chain, rpc, decoder, contracts, domains, publisher, store, metrics, status, logger, Extend, settlement);
        // Only the configured contracts are asked for logs; the directory also knows mainnet deployments, for routing.
        _addresses = [.. chain.Contracts.Select(c => Address.Parse(c.Address)).Distinct()];
    }

    public async Task RunAsync(IHeadSignal heads, CancellationToken ct)
    {
        var next = await RestoreAsync(ct).ConfigureAwait(false);
        var sizer = new BlockRangeSizer(_chain.MaxBlockRange);
        await using var pipeline = new RangePipeline(_context, ct);
        _logger.LogInformation("Chain {Chain} ({ChainId}): ingesting {Contracts} contracts from block {Block}", _chain.Name, _chain.ChainId, _addresses.Length, next);
        BlockHeader? latest = null;
        var refreshedAt = 0L;
        while (!ct.IsCancellationRequested)
        {
            pipeline.ThrowIfFailed();
            if (latest is null || next > Target(latest) || Stopwatch.GetElapsedTime(refreshedAt) > HeadRefresh)
            {
                latest = await RefreshHeadAsync(ct).ConfigureAwait(false);
                refreshedAt = Stopwatch.GetTimestamp();
                if (pipeline.IsIdle && ReorganisedUnderTip(latest))
                {
                    next = await HandleReorgAsync(latest, ct).ConfigureAwait(false);
                    continue;
                }
            }

            var target = Target(latest);
            if (next > target)
            {
                // Caught up: everything read is made durable (visible progress), then wait for the next block.
                await pipeline.DrainAsync(ct).ConfigureAwait(false);
                await heads.WaitForNewHeadAsync(TimeSpan.FromMilliseconds(_chain.PollIntervalMillis), ct).ConfigureAwait(false);
                latest = null;
                continue;
            }

            var to = Math.Min(target, next + (ulong)sizer.Current - 1);
            switch (await ReadRangeAsync(next, to, target, sizer, ct).ConfigureAwait(false))
            {
                case FetchOutcome.Read read:
                    await pipeline.EnqueueAsync(read.Range, ct).ConfigureAwait(false);
                    _readTip = read.Range.Headers[^1];
                    next = to + 1;
                    break;
                case FetchOutcome.Reorganised reorg:
                    await pipeline.DrainAsync(ct).ConfigureAwait(false);
                    next = await HandleReorgAsync(reorg.NewHeader, ct).ConfigureAwait(false);
                    latest = null;
                    break;
            }
        }
    }

    private ulong Target(BlockHeader latest) =>
        latest.Number >= (ulong)_chain.ConfirmationDepth ? latest.Number - (ulong)_chain.ConfirmationDepth : 0;

    private async Task<BlockHeader> RefreshHeadAsync(CancellationToken ct)
    {
        var latest = await _rpc.GetHeaderAsync("latest", ct).ConfigureAwait(false)
            ?? throw new RpcException(_rpc.CurrentEndpoint, "eth_getBlockByNumber", 0, "the node has no latest block");
        await _heads.RefreshAsync(latest, ct).ConfigureAwait(false);
        return latest;
    }

    // Same height, other block (or a shorter chain): the chain reorganised under our tip without growing.
    private bool ReorganisedUnderTip(BlockHeader latest) =>
        (_window.At(latest.Number) is { } known && known.Hash != latest.Hash) || (_window.Tip is { } tip && latest.Number < tip.Number);

    /// <summary>
    /// The checkpoint and the recent canonical window as they were durably recorded. The supervisor reruns the same
    /// ingestor after a failure, so what the failed run had read past its checkpoint is forgotten first.
    /// </summary>
    private async Task<ulong> RestoreAsync(CancellationToken ct)
    {
        _window.Clear();
        _readTip = null;
        var checkpoint = await _store.GetCheckpointAsync(_chain.ChainId, ct).ConfigureAwait(false);
        if (checkpoint is not { } cp || cp.BlockNumber < _chain.StartBlock)
        {
            return _chain.StartBlock;
        }

        var depth = ((ulong)_chain.FinalityDepth * 2) + WindowMargin;
        var from = cp.BlockNumber > depth ? cp.BlockNumber - depth : 0;
        foreach (var block in await _store.LoadBlocksAsync(_chain.ChainId, from, cp.BlockNumber, ct).ConfigureAwait(false))
        {
            _window.Add(block);
        }

        _readTip = null;
        return cp.BlockNumber + 1;
    }

    /// <summary>Reads one range: its tracked headers, then its logs (with timestamps), checked against each other.</summary>
    private async Task<FetchOutcome> ReadRangeAsync(ulong from, ulong to, ulong target, BlockRangeSizer sizer, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // Above the finalized head every header is tracked; below it only the range's last one (for the checkpoint).
        var trackedFrom = Math.Max(from, Math.Min(to, _heads.Finalized + 1));
        var headers = await _rpc.GetHeadersAsync(Range(trackedFrom, to), ct).ConfigureAwait(false);
        if (headers.Count != (int)(to - trackedFrom + 1) || !IsChain(headers))
        {
            return new FetchOutcome.Again(); // the node's view moved while we asked: ask again
        }

        if (!ContinuesWhatWasRead(headers[0]))
        {
            return new FetchOutcome.Reorganised(headers[0]);
        }

        List<RawLog> logs;
        try
        {
            logs = _addresses.Length == 0 ? [] : await _rpc.GetLogsAsync(from, to, _addresses, _decoder.Topics, ct).ConfigureAwait(false);
        }
        catch (RpcException ex) when ((ex.IsRangeTooLarge || ex.Code == RpcException.TransportErrorCode) && to > from)
        {
            // Too many results, too large an answer, or no answer in time (a timeout): all mean "ask for less".
            _logger.LogInformation("Chain {Chain}: range {From}-{To} too large ({Error}); halving", _chain.Name, from, to, ex.Message);
            sizer.Shrink();
            return new FetchOutcome.Again();
        }

        var byNumber = headers.ToDictionary(h => h.Number);
        if (logs.Any(l => byNumber.TryGetValue(l.BlockNumber, out var h) && h.Hash != l.BlockHash))
        {
            return new FetchOutcome.Again(); // a reorg between the two calls: the next round sees it in the headers
        }

        var deposits = await ReadDepositsAsync(from, to, byNumber, logs, ct).ConfigureAwait(false);
        if (deposits is null)
        {
            return new FetchOutcome.Again(); // a reorg between the calls: the next round sees it in the headers
        }

        sizer.Observe(logs.Count, (int)(to - from + 1));
        foreach (var header in headers)
        {
            _timestamps.Remember(header.Number, header.Timestamp);
        }

        await _timestamps.FillAsync(_rpc, logs, ct).ConfigureAwait(false);
        var depositEvents = await DepositEventsAsync(deposits, ct).ConfigureAwait(false);
        return new FetchOutcome.Read(new FetchedRange(from, to, headers, logs, target, started) { TransactionEvents = depositEvents });
    }

    // The last range read (in flight or durable), else the durable window, must be the parent of the next header.
    private bool ContinuesWhatWasRead(BlockHeader first) =>
        _readTip is { } tip ? first.Number != tip.Number + 1 || first.ParentHash == tip.Hash : _window.Continues(first.Number, first.ParentHash);

    /// <summary>Called by the pipeline once a range is durable: the window grows and forgets what is final.</summary>
    private void Extend(IReadOnlyList<TrackedBlock> blocks, ulong to)
    {
        foreach (var block in blocks)
        {
            _window.Add(block);
        }

        var keepFrom = Math.Min(_heads.Finalized, to);
        _window.PruneBelow(keepFrom > WindowMargin ? keepFrom - WindowMargin : 0);
    }

    /// <summary>
    /// On an OP Stack L2 configured with DepositsFromChainId: every block of the range with its full transactions (the
    /// user deposits are the L2 side of portal deposits, which emit no log). Null when the blocks disagree with the headers
    /// or logs already read (the chain moved between the calls); empty when the chain takes no deposits.
    /// </summary>
    private async Task<List<DepositBlock>?> ReadDepositsAsync(ulong from, ulong to, Dictionary<ulong, BlockHeader> headers, List<RawLog> logs, CancellationToken ct)
    {
        if (_chain.DepositsFromChainId is null)
        {
            return [];
        }

        var blocks = await _rpc.GetDepositBlocksAsync(Range(from, to), ct).ConfigureAwait(false);
        var byNumber = blocks.ToDictionary(b => b.Number, b => b.Hash);
        var consistent = blocks.Count == (int)(to - from + 1)
            && blocks.All(b => !headers.TryGetValue(b.Number, out var h) || h.Hash == b.Hash)
            && logs.All(l => byNumber.TryGetValue(l.BlockNumber, out var hash) && hash == l.BlockHash);
        return consistent ? blocks : null;
    }

    /// <summary>
    /// Each user deposit transaction becomes an OP_STACK_PORTAL delivery (receipt status 1) or failed delivery (status 0),
    /// keyed by its hash, at transaction level; published with the range's log events, so the reorg window tracks (and
    /// retracts) them. A receipt the node does not have yet fails the read (it is read again).
    /// </summary>
    private async Task<IReadOnlyList<BridgeEvent>> DepositEventsAsync(List<DepositBlock> blocks, CancellationToken ct)
    {
        var transactions = blocks.SelectMany(b => b.Deposits.Select(d => d.Hash)).ToList();
        if (transactions.Count == 0)
        {
            return [];
        }

        var statuses = await _rpc.GetReceiptStatusesAsync(transactions, ct).ConfigureAwait(false);
        var missing = transactions.FirstOrDefault(t => !statuses.ContainsKey(t));
        if (!missing.IsZero)
        {
            throw new RpcException(_rpc.CurrentEndpoint, "eth_getTransactionReceipt", 0, $"no receipt yet for deposit transaction {missing}");
        }

        var l1 = _chain.DepositsFromChainId!.Value;
        var observedAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        var events = new List<BridgeEvent>(transactions.Count);
        foreach (var block in blocks)
        {
            _timestamps.Remember(block.Number, block.Timestamp);
            events.AddRange(block.Deposits.Select(deposit =>
                DepositArrival.Event(_chain.ChainId, l1, block.Number, block.Hash, block.Timestamp, deposit.Hash, deposit.To, statuses[deposit.Hash], observedAt)));
        }

        return events;
    }

    /// <summary>
    /// Finds where the node's chain and ours part, retracts every event published from the orphaned blocks, and moves
    /// the checkpoint back to the fork point; the caller then reads the new branch from there. The pipeline is drained
    /// first, so the window holds everything that was read.
    /// </summary>
    private async Task<ulong> HandleReorgAsync(BlockHeader newHeader, CancellationToken ct)
    {
        _readTip = null;
        var lowest = _window.Lowest!.Number;
        var canonical = await _rpc.GetHeadersAsync(Range(lowest, _window.Tip!.Number), ct).ConfigureAwait(false);
        var fork = _window.FindForkPoint(canonical.ToDictionary(h => h.Number, h => h.Hash))
            ?? throw new InvalidOperationException(
                $"Chain {_chain.Name}: reorg at block {newHeader.Number} reaches below the tracked window (from block {lowest}); " +
                "it is deeper than finality allows. Ingestion stops here: check the node, then reset the checkpoint.");

        var orphaned = _window.RemoveAbove(fork);
        var batch = _publisher.BeginBatch();
        foreach (var block in orphaned)
        {
            foreach (var e in block.Events)
            {
                var retraction = Retraction(block, e);
                if (e.Settlement)
                {
                    _publisher.PublishSettlement(SettlementEvent.Retraction(retraction.Position, e.CorrelationKey.LowUInt64, retraction.ObservedAtUnixNanos), batch);
                    continue;
                }

                _publisher.Publish(retraction, batch);
            }
        }

        await batch.AcknowledgedAsync().WaitAsync(ct).ConfigureAwait(false);
        await _store.SaveCheckpointAsync(_chain.ChainId, fork, _window.Tip!.Hash, ct).ConfigureAwait(false);
        _metrics.Reorg(_chain, orphaned.Count, batch.Count);
        _logger.LogWarning(
            "Chain {Chain}: reorg of {Depth} blocks above {Fork} (new block {Number} {Hash}); retracted {Retracted} events",
            _chain.Name, orphaned.Count, fork, newHeader.Number, newHeader.Hash, batch.Count);
        return fork + 1;
    }

    private BridgeEvent Retraction(TrackedBlock block, PublishedEvent e) => new()
    {
        Position = new LogPosition(_chain.ChainId, block.Number, block.Hash, e.TransactionHash, e.LogIndex, block.Timestamp, default),
        Protocol = e.Protocol,
        Kind = EventKind.Retracted,
        CorrelationKey = e.CorrelationKey,
        ObservedAtUnixNanos = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100,
    };

    private static bool IsChain(List<BlockHeader> headers)
    {
        for (var i = 1; i < headers.Count; i++)
        {
            if (headers[i].Number != headers[i - 1].Number + 1 || headers[i].ParentHash != headers[i - 1].Hash)
            {
                return false;
            }
        }

        return true;
    }

    private static List<ulong> Range(ulong from, ulong to)
    {
        var numbers = new List<ulong>((int)(to - from + 1));
        for (var n = from; n <= to; n++)
        {
            numbers.Add(n);
        }

        return numbers;
    }
}
