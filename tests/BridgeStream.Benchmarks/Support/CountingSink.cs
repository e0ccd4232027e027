using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Benchmarks.Support;

/// <summary>The cheapest sink that still consumes every event: counts, and folds the keys so none is dead code.</summary>
public sealed class CountingSink : IDecodeSink
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

    public void OnRejected(RejectedLog rejected) => Rejected++;
}
