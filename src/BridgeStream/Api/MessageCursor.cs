using System.Globalization;
using System.Text;

namespace BridgeStream.Api;

/// <summary>
/// A position in the newest-first list: the (sort time, message id) pair of the last row seen.
/// Paging continues strictly below that pair (keyset paging), so rows that arrive later (newer) never shift
/// the following pages, unlike an offset. Clients see it as opaque base64 text.
/// </summary>
public readonly record struct MessageCursor(long SortMillis, string MessageId)
{
    private const char Separator = ':';

    public static MessageCursor After(MessageRecord message) => new(message.SortMillis, message.Id);

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            SortMillis.ToString(CultureInfo.InvariantCulture) + Separator + MessageId));

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string text, out MessageCursor cursor)
    {
        cursor = default;
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var separatorAt = decoded.IndexOf(Separator, StringComparison.Ordinal);
        if (separatorAt <= 0 || separatorAt == decoded.Length - 1
            || !long.TryParse(decoded.AsSpan(0, separatorAt), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis))
        {
            return false;
        }

        cursor = new MessageCursor(millis, decoded[(separatorAt + 1)..]);
        return true;
    }
}
