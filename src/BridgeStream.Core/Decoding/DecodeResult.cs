using BridgeStream.Core.Events;

namespace BridgeStream.Core.Decoding;

/// <summary>A log that carried a known event signature but could not be decoded, and why. Goes to the dead-letter topic.</summary>
public sealed record RejectedLog(RawLog Log, string Reason);

/// <summary>Receives what a decoder makes of a transaction's logs. Decoders never throw on bad input.</summary>
public interface IDecodeSink
{
    void OnEvent(BridgeEvent bridgeEvent);

    void OnRejected(RejectedLog rejected);
}

/// <summary>A sink that collects into lists; for tools and tests.</summary>
public sealed class CollectingSink : IDecodeSink
{
    public List<BridgeEvent> Events { get; } = [];

    public List<RejectedLog> Rejected { get; } = [];

    public void OnEvent(BridgeEvent bridgeEvent) => Events.Add(bridgeEvent);

    public void OnRejected(RejectedLog rejected) => Rejected.Add(rejected);
}
