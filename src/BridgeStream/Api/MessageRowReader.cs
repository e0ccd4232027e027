using System.Data.Common;
using System.Globalization;

namespace BridgeStream.Api;

/// <summary>Turns a row selected by <see cref="MessageSql.SelectColumns"/> into a <see cref="MessageRecord"/>.</summary>
internal static class MessageRowReader
{
    public static MessageRecord Read(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        Protocol = row.GetString(1),
        Status = row.GetString(2),
        SourceChainId = ToLong(row.GetValue(3)),
        DestinationChainId = ToLong(row.GetValue(4)),
        Sender = NullIfEmpty(row.GetString(5)),
        Target = NullIfEmpty(row.GetString(6)),
        Value = row.GetString(7),
        Nonce = row.GetString(8),
        SourceTxHash = NullIfEmpty(row.GetString(9)),
        SourceBlockNumber = NullIfZero(ToLong(row.GetValue(10))),
        DestinationTxHash = NullIfEmpty(row.GetString(11)),
        DestinationBlockNumber = NullIfZero(ToLong(row.GetValue(12))),
        SentAt = FromMillis(row.GetValue(13)),
        DeliveredAt = FromMillis(row.GetValue(14)),
        LatencySeconds = row.IsDBNull(15) ? null : Convert.ToDouble(row.GetValue(15), CultureInfo.InvariantCulture),
        FailedAttempts = checked((int)ToLong(row.GetValue(16))),
        SortMillis = ToLong(row.GetValue(17)),
        LatencySortKey = ToLong(row.GetValue(18)),
        Version = Convert.ToUInt64(row.GetValue(19), CultureInfo.InvariantCulture),
        UpdatedAtMillis = ToLong(row.GetValue(20)),
        ProofSystem = NullIfEmpty(row.GetString(21)),
        SourceContract = NullIfEmpty(row.GetString(22)),
        DestinationContract = NullIfEmpty(row.GetString(23)),
        Asset = NullIfEmpty(row.GetString(24)),
        Amount = row.GetString(24).Length == 0 ? null : row.GetString(25),
        ArrivedAt = FromMillis(row.GetValue(26)),
        ProvenAt = FromMillis(row.GetValue(27)),
        FinalizableAt = FromMillis(row.GetValue(28)),
        ExpiresAt = FromMillis(row.GetValue(29)),
        CarriedMessageId = NullIfEmpty(row.GetString(30)),
    };

    private static long ToLong(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    // The table stores '' and 0 for "not seen yet" (its columns are not Nullable); the API says null.
    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static long? NullIfZero(long value) => value == 0 ? null : value;

    private static DateTime? FromMillis(object value) =>
        value is DBNull or null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ToLong(value)).UtcDateTime;
}
