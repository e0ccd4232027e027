namespace BridgeStream.Api;

/// <summary>One on-chain event of a message (a row of <c>bridge_events</c>), as the GraphQL <c>HistoryStep</c> shows it.</summary>
public sealed record HistoryStep(
    string MessageId,
    string Kind,
    long ChainId,
    long BlockNumber,
    string BlockHash,
    string TxHash,
    long LogIndex,
    DateTime Time);
