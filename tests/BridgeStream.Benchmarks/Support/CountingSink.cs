using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Settlement;

namespace BridgeStream.Benchmarks.Support;

/// <summary>The cheapest sink that still consumes every event: counts, and folds the keys so none is dead code.
/// Settlement events count as events too (the settlement decoder hands them only to an <see cref="ISettlementSink"/>).</summary>
public sealed class CountingSink : IDecodeSink, ISettlementSink
{
    public long Events { get; private set; }

    public long Rejected { get; private set; }

    public ulong KeyFold { get; private set; }

    public void Reset()
    {
        Events = 0;
        Rejected = 0;
        KeyFold = 0;
    }

    public void OnEvent(BridgeEvent bridgeEvent)
    {
        Events++;
        KeyFold ^= bridgeEvent.CorrelationKey.LowUInt64;
    }

    public void OnSettlement(SettlementEvent settlement)
    {
        Events++;
        KeyFold ^= settlement.Commitment.LowUInt64 ^ (settlement.BatchTo ?? 0);
    }

    public void OnRejected(RejectedLog rejected) => Rejected++;
}
