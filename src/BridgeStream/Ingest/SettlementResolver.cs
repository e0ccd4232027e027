using System.Collections.Concurrent;
using System.Text.Json;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>
/// Completes settlement steps before they are published (<see cref="SettlementEvent.Lookup"/>), where the event itself
/// does not say which L2 blocks it covers, and adds the covered block's L2 time:
/// <list type="bullet">
/// <item>OP dispute games: eth_call <c>l2BlockNumber()</c> on the game at the log's L1 block (one call per game;
/// OP Mainnet and Base create about one game an hour each).</item>
/// <item>Arbitrum assertions and nodes: eth_getBlockByHash on the rollup's own RPC (one call per assertion or
/// confirmation, about one an hour on Arbitrum One).</item>
/// <item>Scroll commits: eth_getTransactionByHash on L1 and the block contexts in the commitBatch calldata (one call per
/// batch; a few hundred a day), for codecs v0-v6.</item>
/// <item>L2OutputOracle proposals: <c>finalizationPeriodSeconds()</c>, read once per oracle (an immutable).</item>
/// <item>The L2 time of the last covered block: eth_getBlockByNumber on the rollup's RPC, when the rollup is configured
/// as a chain (one call per step); Scroll's calldata carries it already.</item>
/// </list>
/// The rollup RPCs are those of the configured chains. An answer that says "no such thing" (a reverting call, an unknown
/// block hash: a misconfigured rollup or a node behind) leaves the field empty and is logged; a transport failure throws,
/// so the range is read again rather than published incomplete.
/// </summary>
public sealed class SettlementResolver(JsonRpcClient l1, IReadOnlyDictionary<ulong, JsonRpcClient> rollups, ILogger logger)
{
    private const string L2BlockNumberSelector = "0x8b85902b";          // l2BlockNumber()
    private const string FinalizationPeriodSelector = "0xce5db8d6";     // finalizationPeriodSeconds()

    private readonly ConcurrentDictionary<Address, long> _finalizationPeriods = new();

    public async Task<List<SettlementEvent>> ResolveAsync(IReadOnlyList<SettlementEvent> settlements, CancellationToken ct)
    {
        var resolved = new List<SettlementEvent>(settlements.Count);
        foreach (var settlement in settlements)
        {
            var complete = await LookUpAsync(settlement, ct).ConfigureAwait(false);
            resolved.Add(await WithL2TimeAsync(complete, ct).ConfigureAwait(false) with { Lookup = SettlementLookup.None });
        }

        return resolved;
    }

    private async Task<SettlementEvent> LookUpAsync(SettlementEvent e, CancellationToken ct)
    {
        switch (e.Lookup)
        {
            case SettlementLookup.GameL2Block:
                var word = await CallAsync(e.DisputeGame, L2BlockNumberSelector, Hex.EncodeQuantity(e.Position.BlockNumber), ct).ConfigureAwait(false);
                if (word is { FitsInUInt64: true } number)
                {
                    return e with { L2ToBlock = number.LowUInt64 };
                }

                logger.LogWarning("Settlement: dispute game {Game} (rollup {Rollup}) answered no l2BlockNumber(); kept without an L2 block", e.DisputeGame, e.RollupChainId);
                return e;

            case SettlementLookup.L2BlockByHash when rollups.TryGetValue(e.RollupChainId, out var rollup):
                var header = await BlockByHashAsync(rollup, e.L2BlockHash, ct).ConfigureAwait(false);
                if (header is not null)
                {
                    return e with { L2ToBlock = header.Number, L2BlockTime = header.Timestamp };
                }

                logger.LogWarning("Settlement: rollup {Rollup} has no block {Hash} (named by {Stage} on L1); kept without an L2 block", e.RollupChainId, e.L2BlockHash, e.Stage);
                return e;

            case SettlementLookup.CommitCalldata:
                var input = await TransactionInputAsync(e.Position.TransactionHash, ct).ConfigureAwait(false);
                if (ScrollCommitCalldata.TryRead(input, out var blocks, out var error))
                {
                    return e with { L2FromBlock = blocks.FirstBlock, L2ToBlock = blocks.LastBlock, L2BlockTime = blocks.LastBlockTime };
                }

                logger.LogDebug("Settlement: commit {Tx} of rollup {Rollup} names no L2 blocks in its calldata ({Error})", e.Position.TransactionHash, e.RollupChainId, error);
                return e;

            case SettlementLookup.FinalizationPeriod:
                var period = await FinalizationPeriodAsync(e.Position.Emitter, ct).ConfigureAwait(false);
                return period is { } seconds ? e with { ChallengeEndsAt = e.Position.BlockTimestamp + seconds } : e;

            default:
                return e;
        }
    }

    private async Task<SettlementEvent> WithL2TimeAsync(SettlementEvent e, CancellationToken ct)
    {
        if (e.L2ToBlock is not { } block || e.L2BlockTime is not null || !rollups.TryGetValue(e.RollupChainId, out var rollup))
        {
            return e;
        }

        var headers = await rollup.GetHeadersAsync([block], ct).ConfigureAwait(false);
        return headers.Count == 1 ? e with { L2BlockTime = headers[0].Timestamp } : e;
    }

    private async Task<long?> FinalizationPeriodAsync(Address oracle, CancellationToken ct)
    {
        if (_finalizationPeriods.TryGetValue(oracle, out var cached))
        {
            return cached;
        }

        var word = await CallAsync(oracle, FinalizationPeriodSelector, "latest", ct).ConfigureAwait(false);
        if (word is not { FitsInUInt64: true } value || value.LowUInt64 > long.MaxValue)
        {
            logger.LogWarning("Settlement: L2OutputOracle {Oracle} answered no finalizationPeriodSeconds(); its proposals get no challenge window", oracle);
            return null;
        }

        return _finalizationPeriods[oracle] = (long)value.LowUInt64;
    }

    /// <summary>An eth_call returning one word; null when the call reverts or returns something else.</summary>
    private async Task<Hash32?> CallAsync(Address to, string data, string block, CancellationToken ct)
    {
        var body = await l1.CallAsync("eth_call", $"[{{\"to\":\"{to}\",\"data\":\"{data}\"}},\"{block}\"]", ct).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("result", out var result) && result.GetString() is { Length: 66 } hex && Hash32.TryParse(hex, out var word)
            ? word
            : null;
    }

    private static async Task<BlockHeader?> BlockByHashAsync(JsonRpcClient rollup, Hash32 hash, CancellationToken ct)
    {
        var body = await rollup.CallAsync("eth_getBlockByHash", $"[\"{hash}\",false]", ct).ConfigureAwait(false);
        var headers = RpcResponseParser.ParseHeaders(body.Span, rollup.CurrentEndpoint);
        return headers.Count == 1 && headers[0].Hash == hash ? headers[0] : null;
    }

    private async Task<byte[]> TransactionInputAsync(Hash32 transaction, CancellationToken ct)
    {
        var body = await l1.CallAsync("eth_getTransactionByHash", $"[\"{transaction}\"]", ct).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("input", out var input) || input.GetString() is not { } hex)
        {
            // The node emitted the transaction's log, so it must know the transaction: ask again with the range.
            throw new RpcException(l1.CurrentEndpoint, "eth_getTransactionByHash", 0, $"no transaction {transaction}");
        }

        return Hex.Decode(hex);
    }
}
