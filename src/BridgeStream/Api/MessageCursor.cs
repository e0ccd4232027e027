using System.Globalization;
using System.Text;

namespace BridgeStream.Api;

/// <summary>
/// A position in one ordering of the list: the (sort key, message id) pair of the last row seen, and the ordering it
/// belongs to. Paging continues strictly past that pair (keyset paging), so rows that arrive later never shift the
/// following pages, unlike an offset. Clients see it as opaque base64 text; a cursor of another ordering is refused.
/// </summary>
public readonly record struct MessageCursor(MessageOrder Order, long SortKey, string MessageId)
{
    private const char Separator = ':';

    public static MessageCursor After(MessageOrder order, MessageRecord message) =>
        new(order, MessageSql.SortKeyOf(order, message), message.Id);

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Join(Separator, ((int)Order).ToString(CultureInfo.InvariantCulture), SortKey.ToString(CultureInfo.InvariantCulture), MessageId)));

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string text, out MessageCursor cursor)
    {
        cursor = default;
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split(Separator, 3);
        if (parts.Length != 3 || parts[2].Length == 0
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var order)
            || !Enum.IsDefined((MessageOrder)order)
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key))
        {
            return false;
        }

        cursor = new MessageCursor((MessageOrder)order, key, parts[2]);
        return true;
    }
}
