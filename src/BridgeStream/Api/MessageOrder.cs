namespace BridgeStream.Api;

/// <summary>The orderings of <c>messages</c>; each has its own sort key, which its cursors carry.</summary>
public enum MessageOrder
{
    /// <summary>Newest send first (messages never sent sort by their delivery time).</summary>
    SentAtDesc,

    /// <summary>Oldest send first.</summary>
    SentAtAsc,

    /// <summary>Slowest delivery first; messages without a latency (not delivered) come last.</summary>
    LatencyDesc,
}
