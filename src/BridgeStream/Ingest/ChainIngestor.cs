using System.Diagnostics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Chains;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Kafka;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>
/// Follows one chain: from its checkpoint to the head in adaptive eth_getLogs ranges, then the head as it moves.
/// Each range is decoded, published, flushed (Kafka acknowledged everything), and only then checkpointed, so a crash
/// at any point replays at most the last range, which the event identity absorbs downstream.
/// Above the finalized head every block's header is checked against the recent canonical chain: a parent hash that
/// does not match is a reorg, and every event published from the orphaned blocks is retracted before the new branch
/// is ingested. The window of recent blocks is durable (ClickHouse ingest_blocks), so this holds across restarts.
/// On an OP Stack L2 configured with DepositsFromChainId, every block of a range is also read with its full transactions
/// for its user deposit transactions (portal deposits have no L2 log), which are published and tracked like log events.
/// </summary>
public sealed class ChainIngestor
{
    // Keep a margin below the finalized head: a node's finality is trusted, not proven.
    private const ulong WindowMargin = 32;
    private readonly ChainOptions _chain;
    private readonly JsonRpcClient _rpc;
    private readonly BridgeLogDecoder _decoder;
    private readonly ContractDirectory _contracts;
    private readonly DomainDirectory _domains;
    private readonly EventPublisher _publisher;
    private readonly ClickHouseStore _store;
    private readonly IngestMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BlockTimestampCache _timestamps = new();
    private readonly CanonicalWindow _window = new();
    private readonly ChainHeadTracker _heads;
    private readonly ChainStatus _status;
    private readonly Address[] _addresses;

    public ChainIngestor(
        ChainOptions chain, JsonRpcClient rpc, BridgeLogDecoder decoder, ContractDirectory contracts, DomainDirectory domains,
        EventPublisher publisher, ClickHouseStore store, IngestMetrics metrics, ChainStatus status, ILogger logger)
    {
        _domains = domains;
        _chain = chain;
        _rpc = rpc;
        _decoder = decoder;
        _contracts = contracts;
        _publisher = publisher;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _heads = new ChainHeadTracker(chain, rpc, publisher, metrics, status, logger);
        _status = status;
        // Only the configured contracts are asked for logs; the directory also knows mainnet deployments, for routing.
        _addresses = [.. chain.Contracts.Select(c => Address.Parse(c.Address)).Distinct()];
    }

    public async Task RunAsync(IHeadSignal heads, CancellationToken ct)
    {
        var next = await RestoreAsync(ct).ConfigureAwait(false);
        var sizer = new BlockRangeSizer(_chain.MaxBlockRange);
        _logger.LogInformation("Chain {Chain} ({ChainId}): ingesting {Contracts} contracts from block {Block}", _chain.Name, _chain.ChainId, _addresses.Length, next);
        while (!ct.IsCancellationRequested)
        {
            var latest = await _rpc.GetHeaderAsync("latest", ct).ConfigureAwait(false)
                ?? throw new RpcException(_rpc.CurrentEndpoint, "eth_getBlockByNumber", 0, "the node has no latest block");
            await _heads.RefreshAsync(latest, ct).ConfigureAwait(false);
            if ((_window.At(latest.Number) is { } known && known.Hash != latest.Hash) || (_window.Tip is { } tip && latest.Number < tip.Number))
            {
                // Same height, other block (or a shorter chain): the chain reorganised under our tip without growing.
                next = await HandleReorgAsync(latest, ct).ConfigureAwait(false);
                continue;
            }

            var target = latest.Number >= (ulong)_chain.ConfirmationDepth ? latest.Number - (ulong)_chain.ConfirmationDepth : 0;
            if (next > target)
            {
                await _publisher.FlushAsync(ct).ConfigureAwait(false);
                await heads.WaitForNewHeadAsync(TimeSpan.FromMilliseconds(_chain.PollIntervalMillis), ct).ConfigureAwait(false);
                continue;
            }

            var to = Math.Min(target, next + (ulong)sizer.Current - 1);
            next = await IngestRangeAsync(next, to, sizer, ct).ConfigureAwait(false);
            _metrics.Ingested(_chain, next - 1, target);
            _status.Progress(_chain.ChainId, next - 1);
        }
    }

    /// <summary>The checkpoint and the recent canonical window as they were durably recorded.</summary>
    private async Task<ulong> RestoreAsync(CancellationToken ct)
    {
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

        return cp.BlockNumber + 1;
    }

    /// <summary>One range end to end; returns the next block to ingest (lower than before after a reorg).</summary>
    private async Task<ulong> IngestRangeAsync(ulong from, ulong to, BlockRangeSizer sizer, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // Above the finalized head every header is tracked; below it only the range's last one (for the checkpoint).
        var trackedFrom = Math.Max(from, Math.Min(to, _heads.Finalized + 1));
        var headers = await _rpc.GetHeadersAsync(Range(trackedFrom, to), ct).ConfigureAwait(false);
        if (headers.Count != (int)(to - trackedFrom + 1) || !IsChain(headers))
        {
            return from; // the node's view moved while we asked: ask again
        }

        if (!_window.Continues(headers[0].Number, headers[0].ParentHash))
        {
            return await HandleReorgAsync(headers[0], ct).ConfigureAwait(false);
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
            return from;
        }

        var byNumber = headers.ToDictionary(h => h.Number);
        if (logs.Any(l => byNumber.TryGetValue(l.BlockNumber, out var h) && h.Hash != l.BlockHash))
        {
            return from; // a reorg between the two calls: the next round sees it in the headers
        }

        var deposits = await ReadDepositsAsync(from, to, byNumber, logs, ct).ConfigureAwait(false);
        if (deposits is null)
        {
            return from; // a reorg between the calls: the next round sees it in the headers
        }

        sizer.Observe(logs.Count, (int)(to - from + 1));
        foreach (var header in headers)
        {
            _timestamps.Remember(header.Number, header.Timestamp);
        }

        await _timestamps.FillAsync(_rpc, logs, ct).ConfigureAwait(false);
        var sink = new PublishingSink(_publisher);
        var observedAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        _decoder.Decode(logs, new DecodeContext(_chain.ChainId, _contracts, observedAt) { Domains = _domains }, sink);
        await PublishResolvedOutcomesAsync(sink, ct).ConfigureAwait(false);
        await PublishDepositsAsync(deposits, sink, observedAt, ct).ConfigureAwait(false);
        await _publisher.FlushAsync(ct).ConfigureAwait(false);

        var tracked = headers.Select(h => new TrackedBlock(h.Number, h.Hash, h.ParentHash, h.Timestamp, sink.PublishedIn(h.Number))).ToList();
        await _store.SaveBlocksAsync(_chain.ChainId, tracked, ct).ConfigureAwait(false);
        await _store.SaveCheckpointAsync(_chain.ChainId, to, headers[^1].Hash, ct).ConfigureAwait(false);
        foreach (var block in tracked)
        {
            _window.Add(block);
        }

        var keepFrom = Math.Min(_heads.Finalized, to);
        _window.PruneBelow(keepFrom > WindowMargin ? keepFrom - WindowMargin : 0);
        _metrics.Range(_chain, logs.Count, sink.Events, sink.Rejected, Stopwatch.GetElapsedTime(started));
        if (sink.Rejected > 0)
        {
            _logger.LogWarning("Chain {Chain}: {Count} undecodable logs in {From}-{To} sent to the dead-letter topic", _chain.Name, sink.Rejected, from, to);
        }

        return to + 1;
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
    /// keyed by its hash, at transaction level; published through the sink, so the reorg window tracks (and retracts) them.
    /// A receipt the node does not have yet fails the range (it is read again).
    /// </summary>
    private async Task PublishDepositsAsync(List<DepositBlock> blocks, PublishingSink sink, long observedAt, CancellationToken ct)
    {
        var transactions = blocks.SelectMany(b => b.Deposits.Select(d => d.Hash)).ToList();
        if (transactions.Count == 0)
        {
            return;
        }

        var statuses = await _rpc.GetReceiptStatusesAsync(transactions, ct).ConfigureAwait(false);
        var missing = transactions.FirstOrDefault(t => !statuses.ContainsKey(t));
        if (!missing.IsZero)
        {
            throw new RpcException(_rpc.CurrentEndpoint, "eth_getTransactionReceipt", 0, $"no receipt yet for deposit transaction {missing}");
        }

        var l1 = _chain.DepositsFromChainId!.Value;
        foreach (var block in blocks)
        {
            _timestamps.Remember(block.Number, block.Timestamp);
            foreach (var deposit in block.Deposits)
            {
                sink.Publish(DepositArrival.Event(_chain.ChainId, l1, block.Number, block.Hash, block.Timestamp, deposit.Hash, deposit.To, statuses[deposit.Hash], observedAt));
            }
        }
    }

    /// <summary>
    /// Events whose outcome is a transaction's receipt (an Arbitrum redeem attempt) are published once that receipt is read:
    /// a failed transaction turns the event into a failed attempt. Receipts the node does not have yet fail the range
    /// (it is read again), so an outcome is never guessed.
    /// </summary>
    private async Task PublishResolvedOutcomesAsync(PublishingSink sink, CancellationToken ct)
    {
        if (sink.AwaitingOutcome.Count == 0)
        {
            return;
        }

        var statuses = await _rpc.GetReceiptStatusesAsync([.. sink.AwaitingOutcome.Select(e => e.OutcomeTransaction).Distinct()], ct).ConfigureAwait(false);
        var missing = sink.AwaitingOutcome.Where(e => !statuses.ContainsKey(e.OutcomeTransaction)).Select(e => e.OutcomeTransaction).FirstOrDefault();
        if (!missing.IsZero)
        {
            throw new RpcException(_rpc.CurrentEndpoint, "eth_getTransactionReceipt", 0, $"no receipt yet for {missing}, whose outcome an event in this range depends on");
        }

        foreach (var e in sink.AwaitingOutcome)
        {
            sink.Publish(statuses[e.OutcomeTransaction] ? e : e with { Kind = EventKind.MessageRelayFailed });
        }
    }

    /// <summary>
    /// Finds where the node's chain and ours part, retracts every event published from the orphaned blocks, and moves
    /// the checkpoint back to the fork point; the caller then ingests the new branch from there.
    /// </summary>
    private async Task<ulong> HandleReorgAsync(BlockHeader newHeader, CancellationToken ct)
    {
        var lowest = _window.Lowest!.Number;
        var canonical = await _rpc.GetHeadersAsync(Range(lowest, _window.Tip!.Number), ct).ConfigureAwait(false);
        var fork = _window.FindForkPoint(canonical.ToDictionary(h => h.Number, h => h.Hash))
            ?? throw new InvalidOperationException(
                $"Chain {_chain.Name}: reorg at block {newHeader.Number} reaches below the tracked window (from block {lowest}); " +
                "it is deeper than finality allows. Ingestion stops here: check the node, then reset the checkpoint.");

        var orphaned = _window.RemoveAbove(fork);
        var retracted = 0;
        foreach (var block in orphaned)
        {
            foreach (var e in block.Events)
            {
                _publisher.Publish(Retraction(block, e));
                retracted++;
            }
        }

        await _publisher.FlushAsync(ct).ConfigureAwait(false);
        await _store.SaveCheckpointAsync(_chain.ChainId, fork, _window.Tip!.Hash, ct).ConfigureAwait(false);
        _metrics.Reorg(_chain, orphaned.Count, retracted);
        _logger.LogWarning(
            "Chain {Chain}: reorg of {Depth} blocks above {Fork} (new block {Number} {Hash}); retracted {Retracted} events",
            _chain.Name, orphaned.Count, fork, newHeader.Number, newHeader.Hash, retracted);
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

    private sealed class PublishingSink(EventPublisher publisher) : IDecodeSink
    {
        private readonly Dictionary<ulong, List<PublishedEvent>> _byBlock = [];

        public int Events { get; private set; }

        public int Rejected { get; private set; }

        /// <summary>Decoded events held back until the receipt that decides them is read.</summary>
        public List<BridgeEvent> AwaitingOutcome { get; } = [];

        public IReadOnlyList<PublishedEvent> PublishedIn(ulong block) => _byBlock.TryGetValue(block, out var events) ? events : [];

        public void OnEvent(BridgeEvent bridgeEvent)
        {
            if (bridgeEvent.OutcomeTransaction.IsZero)
            {
                Publish(bridgeEvent);
            }
            else
            {
                AwaitingOutcome.Add(bridgeEvent);
            }
        }

        public void Publish(BridgeEvent bridgeEvent)
        {
            publisher.Publish(bridgeEvent);
            var p = bridgeEvent.Position;
            if (!_byBlock.TryGetValue(p.BlockNumber, out var events))
            {
                _byBlock[p.BlockNumber] = events = [];
            }

            events.Add(new PublishedEvent(bridgeEvent.CorrelationKey, bridgeEvent.Protocol, p.TransactionHash, p.LogIndex));
            Events++;
        }

        public void OnRejected(RejectedLog rejected)
        {
            publisher.PublishDeadLetter(rejected, "ingest");
            Rejected++;
        }
    }
}
