namespace BridgeStream.Api;

/// <summary>One page of messages in the Relay connection shape.</summary>
/// <param name="CountTotal">Counts every message matching the filter; only run when the client asks for totalCount.</param>
public sealed record MessageConnection(
    IReadOnlyList<MessageEdge> Edges,
    PageInfo PageInfo,
    Func<CancellationToken, Task<long>> CountTotal);

public sealed record MessageEdge(string Cursor, MessageRecord Node);

public sealed record PageInfo(bool HasNextPage, string? EndCursor);
