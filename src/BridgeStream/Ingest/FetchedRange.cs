using BridgeStream.Core.Events;
using BridgeStream.Rpc;

namespace BridgeStream.Ingest;

/// <summary>
/// One block range as read from the node, not yet published: its tracked headers (every header above the finalized head,
/// else only the last one), its logs (timestamps filled), and the ingestible head it was read against.
/// </summary>
internal sealed record FetchedRange(ulong From, ulong To, List<BlockHeader> Headers, List<RawLog> Logs, ulong Target, long StartedTimestamp)
{
    /// <summary>Events that are transactions, not logs (an OP Stack L2's user deposit transactions), already decoded.</summary>
    public IReadOnlyList<BridgeEvent> TransactionEvents { get; init; } = [];
}

/// <summary>What reading a range came to: the range, or a reason to read again (a shrunk range, a reorg).</summary>
internal abstract record FetchOutcome
{
    /// <summary>Read it.</summary>
    public sealed record Read(FetchedRange Range) : FetchOutcome;

    /// <summary>The node's view moved while we asked, or the range was too large: ask again (the sizer already shrank).</summary>
    public sealed record Again : FetchOutcome;

    /// <summary>The first header does not continue what we hold: the chain reorganised.</summary>
    public sealed record Reorganised(BlockHeader NewHeader) : FetchOutcome;
}
