using BridgeStream.Benchmarks.Support;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;

namespace BridgeStream.Benchmarks.Workloads;

/// <summary>One protocol's decoder and a batch of its transactions, with what decoding the batch must produce.</summary>
public sealed class Workload
{
    public Workload(string name, IProtocolDecoder decoder, TransactionBatch batch, int expectedEvents, int expectedKeys, string source)
    {
        Name = name;
        Decoder = decoder;
        Batch = batch;
        ExpectedEvents = expectedEvents;
        ExpectedKeys = expectedKeys;
        Source = source;
    }

    public string Name { get; }

    public IProtocolDecoder Decoder { get; }

    public TransactionBatch Batch { get; }

    /// <summary>Events one pass must report (no rejection is allowed).</summary>
    public int ExpectedEvents { get; }

    /// <summary>Distinct correlation keys: one per message, so every receive paired with its send. (Settlement events have
    /// no key: their identity, family + stage + batch + commitment, counts instead.)</summary>
    public int ExpectedKeys { get; }

    /// <summary>Which logs are real (Fixtures/) and which are synthetic ABI encodings.</summary>
    public string Source { get; }

    public void Run(IDecodeSink sink) => Batch.DecodeEach(Decoder, DecoderWorkloads.Context, sink);

    /// <summary>Decodes once and fails loudly unless the batch decodes exactly as designed; returns a one-line summary.</summary>
    public string Verify(int declaredLogs)
    {
        var sink = new SettlementCollectingSink();
        Run(sink);
        var keys = sink.Events.Select(e => e.CorrelationKey).Distinct().Count()
            + sink.Settlements.Select(s => (s.Family, s.Stage, s.BatchTo, s.Commitment)).Distinct().Count();
        var events = sink.Events.Count + sink.Settlements.Count;
        var summary = $"{Name}: {Batch.TransactionCount} tx, {Batch.LogCount} logs, {events} events, {sink.Rejected.Count} rejected, {keys} distinct keys ({Source})";
        if (Batch.LogCount != declaredLogs || sink.Rejected.Count != 0 || events != ExpectedEvents || keys != ExpectedKeys)
        {
            var firstRejection = sink.Rejected.Count > 0 ? $"; first rejection: {sink.Rejected[0].Reason}" : "";
            throw new InvalidOperationException(
                $"workload does not decode as designed (declared {declaredLogs} logs, {ExpectedEvents} events, {ExpectedKeys} keys): {summary}{firstRejection}");
        }

        return summary;
    }

    internal static IReadOnlyList<Hash32> Keys(IProtocolDecoder decoder, IEnumerable<Core.Events.RawLog[]> transactions)
    {
        var sink = new CollectingSink();
        foreach (var transaction in transactions)
        {
            decoder.DecodeTransaction(transaction, DecoderWorkloads.Context, sink);
        }

        if (sink.Rejected.Count != 0)
        {
            throw new InvalidOperationException($"{decoder.Protocol} template rejected: {sink.Rejected[0].Reason}");
        }

        return [.. sink.Events.Select(e => e.CorrelationKey)];
    }

    /// <summary>Collects bridge events, settlement events and rejections.</summary>
    private sealed class SettlementCollectingSink : IDecodeSink, ISettlementSink
    {
        public List<Core.Events.BridgeEvent> Events { get; } = [];

        public List<SettlementEvent> Settlements { get; } = [];

        public List<RejectedLog> Rejected { get; } = [];

        public void OnEvent(Core.Events.BridgeEvent bridgeEvent) => Events.Add(bridgeEvent);

        public void OnSettlement(SettlementEvent settlement) => Settlements.Add(settlement);

        public void OnRejected(RejectedLog rejected) => Rejected.Add(rejected);
    }
}
