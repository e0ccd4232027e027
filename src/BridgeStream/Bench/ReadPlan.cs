using Microsoft.Extensions.Logging.Abstractions;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Devnet;
using BridgeStream.Hosting;
using BridgeStream.Ingest;
using BridgeStream.Rpc;

namespace BridgeStream.Bench;

/// <summary>One chain's eth_getLogs calls, the same block ranges the ingestor asks for.</summary>
public sealed record ChainReadPlan(ChainOptions Chain, Address[] Addresses, IReadOnlyList<(ulong From, ulong To)> Ranges)
{
    public ulong Blocks => Ranges.Count == 0 ? 0 : Ranges[^1].To - Ranges[0].From + 1;
}

/// <summary>
/// The chains as the ingestors see them and the block ranges they read them in. The ranges come from a warm-up pass
/// with <see cref="BlockRangeSizer"/>, exactly as <see cref="ChainIngestor"/> sizes them, so the readers compared in
/// phases 1 and 2 make identical requests (and the pass warms anvil and the JIT for both).
/// </summary>
public sealed class ReadPlan
{
    private ReadPlan(IReadOnlyList<ChainReadPlan> chains, ContractDirectory contracts, BridgeLogDecoder decoder, long logs)
    {
        Chains = chains;
        Contracts = contracts;
        Decoder = decoder;
        Logs = logs;
    }

    public IReadOnlyList<ChainReadPlan> Chains { get; }

    public ContractDirectory Contracts { get; }

    public BridgeLogDecoder Decoder { get; }

    public long Logs { get; }

    public ulong Blocks => (ulong)Chains.Sum(c => (decimal)c.Blocks);

    public static async Task<ReadPlan> BuildAsync(DevnetDeployment deployment, HttpClient http, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDevnet.ChainConfiguration(deployment)).Build();
        var chains = ChainsConfiguration.Read(configuration);
        var contracts = ChainsConfiguration.Directory(chains);
        var decoder = ChainsConfiguration.Decoder();
        var plans = new List<ChainReadPlan>();
        long logs = 0;
        foreach (var chain in chains)
        {
            var addresses = contracts.OnChain(chain.ChainId).Select(c => c.Address).ToArray();
            var rpc = new JsonRpcClient(http, chain.RpcUrls, chain.ChainId, NullLogger.Instance);
            var head = await rpc.BlockNumberAsync(ct).ConfigureAwait(false);
            var sizer = new BlockRangeSizer(chain.MaxBlockRange);
            var ranges = new List<(ulong, ulong)>();
            for (var next = chain.StartBlock; next <= head;)
            {
                var to = Math.Min(head, next + (ulong)sizer.Current - 1);
                var found = await rpc.GetLogsAsync(next, to, addresses, decoder.Topics, ct).ConfigureAwait(false);
                sizer.Observe(found.Count, (int)(to - next + 1));
                logs += found.Count;
                ranges.Add((next, to));
                next = to + 1;
            }

            plans.Add(new ChainReadPlan(chain, addresses, ranges));
        }

        return new ReadPlan(plans, contracts, decoder, logs);
    }

    /// <summary>Runs <paramref name="readRange"/> over every range: chains in parallel, ranges of a chain one after another (as the ingestors do).</summary>
    public Task<long[]> ForEachChainAsync(Func<ChainReadPlan, (ulong From, ulong To), Task<long>> readRange) =>
        Task.WhenAll(Chains.Select(async chain =>
        {
            long count = 0;
            foreach (var range in chain.Ranges)
            {
                count += await readRange(chain, range).ConfigureAwait(false);
            }

            return count;
        }));
}
