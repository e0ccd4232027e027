using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Rpc;

namespace BridgeStream.Bench;

/// <summary>
/// Phases 1-3: the bare reference reader, our JSON-RPC client, and decoding + correlation-key hashing in memory.
/// Readers run the same ranges alternately, <see cref="Rounds"/> times each; the median round is reported.
/// </summary>
public sealed class ReaderBench(ReadPlan plan, HttpClient http)
{
    public const int Rounds = 3;

    /// <summary>Phase 1: logs per second of <see cref="BareLogReader"/> (median round).</summary>
    public double BareLogsPerSecond { get; private set; }

    /// <summary>Phase 2: logs per second of <see cref="JsonRpcClient.GetLogsAsync"/> (median round).</summary>
    public double RpcLogsPerSecond { get; private set; }

    /// <summary>The logs of the last <see cref="JsonRpcClient"/> round, per range, for phase 3.</summary>
    public List<(ulong ChainId, List<RawLog> Logs)> Fetched { get; } = [];

    public async Task RunReadersAsync(CancellationToken ct)
    {
        var bare = new List<double>();
        var ours = new List<double>();
        var reader = new BareLogReader(http);
        var clients = plan.Chains.ToDictionary(c => c.Chain.ChainId, c => new JsonRpcClient(http, c.Chain.RpcUrls, c.Chain.ChainId, NullLogger.Instance));
        for (var round = 0; round < Rounds; round++)
        {
            bare.Add(await TimeAsync(() => plan.ForEachChainAsync((chain, r) =>
                reader.ReadAsync(chain.Chain.RpcUrls[0], r.From, r.To, chain.Addresses, plan.Decoder.Topics, ct))).ConfigureAwait(false));
            var keep = round == Rounds - 1;
            ours.Add(await TimeAsync(() => plan.ForEachChainAsync(async (chain, r) =>
            {
                var logs = await clients[chain.Chain.ChainId].GetLogsAsync(r.From, r.To, chain.Addresses, plan.Decoder.Topics, ct).ConfigureAwait(false);
                if (keep)
                {
                    lock (Fetched)
                    {
                        Fetched.Add((chain.Chain.ChainId, logs));
                    }
                }

                return logs.Count;
            })).ConfigureAwait(false));
        }

        BareLogsPerSecond = Median(bare);
        RpcLogsPerSecond = Median(ours);
    }

    /// <summary>Phase 3: BridgeLogDecoder over the fetched logs on this thread, repeated for at least a second; logs per second.</summary>
    public (double LogsPerSecond, long Events, long Rejected) Decode()
    {
        var sink = new CountingSink();
        var observedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        DecodeAll(sink, observedAt); // warm-up, and the event counts of one pass
        var events = sink.Events;
        var rejected = sink.Rejected;
        long logs = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            logs += DecodeAll(sink, observedAt);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(1));

        return (logs / clock.Elapsed.TotalSeconds, events, rejected);
    }

    private long DecodeAll(CountingSink sink, long observedAt)
    {
        long logs = 0;
        foreach (var (chainId, fetched) in Fetched)
        {
            plan.Decoder.Decode(fetched, new DecodeContext(chainId, plan.Contracts, observedAt), sink);
            logs += fetched.Count;
        }

        return logs;
    }

    private async Task<double> TimeAsync(Func<Task<long[]>> read)
    {
        var clock = Stopwatch.StartNew();
        var counts = await read().ConfigureAwait(false);
        var logs = counts.Sum();
        if (logs != plan.Logs)
        {
            throw new InvalidOperationException($"A reader returned {logs} logs where the plan has {plan.Logs}.");
        }

        return logs / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed class CountingSink : IDecodeSink
    {
        public long Events { get; private set; }

        public long Rejected { get; private set; }

        public void OnEvent(BridgeEvent bridgeEvent) => Events++;

        public void OnRejected(RejectedLog rejected) => Rejected++;
    }
}
