using BridgeStream.Core.Primitives;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Processing;

/// <summary>Turns dead-letter records into rows of the ClickHouse dead_letters table.</summary>
internal static class DeadLetterRows
{
    public static object[] From(V1.DeadLetter letter) =>
    [
        DateTime.UnixEpoch.AddMilliseconds(letter.AtUnixMillis), letter.Stage, letter.ChainId, letter.BlockNumber,
        Hex.Encode(letter.BlockHash.Span), Hex.Encode(letter.TxHash.Span), letter.LogIndex, Hex.Encode(letter.Emitter.Span),
        letter.Topics.Select(t => Hex.Encode(t.Span)).ToArray(),
        Hex.Encode(letter.Data.Length > 0 ? letter.Data.Span : letter.OriginalValue.Span), letter.Reason,
    ];

    /// <summary>A dead-letter record that is itself unreadable is still kept, with what we know.</summary>
    public static object[] Unreadable(ReadOnlySpan<byte> value, string reason) =>
    [
        DateTime.UtcNow, "process", 0UL, 0UL, "", "", 0U, "", Array.Empty<string>(), Hex.Encode(value), reason,
    ];
}
