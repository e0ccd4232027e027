using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace BridgeStream.Api.Scalars;

/// <summary>The schema's <c>DateTime</c> scalar: ISO-8601 in UTC with exactly three fractional digits and a 'Z'.</summary>
public sealed class UtcDateTimeGraphType : ScalarGraphType
{
    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public UtcDateTimeGraphType()
    {
        Name = "DateTime";
        Description = "A point in time, ISO-8601 in UTC with milliseconds (for example 2026-11-25T15:10:53.123Z).";
    }

    public static string Format(DateTime value) => AsUtc(value).ToString(WireFormat, CultureInfo.InvariantCulture);

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTime dateTime => Format(dateTime),
        DateTimeOffset offset => Format(offset.UtcDateTime),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => ParseText(text) ?? throw Invalid(text),
        DateTime dateTime => AsUtc(dateTime),
        DateTimeOffset offset => offset.UtcDateTime,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => ParseText(text.Value.ToString()) ?? throw Invalid(text.Value.ToString()),
        _ => ThrowLiteralConversionError(value, "expected ISO-8601 text"),
    };

    // ClickHouse hands DateTime64(3, 'UTC') back as an Unspecified-kind DateTime whose clock reads UTC.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static ScalarFormatException Invalid(string text) =>
        new($"DateTime must be ISO-8601 text such as 2026-11-25T15:10:53.123Z (UTC unless an offset is given); got '{(text.Length <= 80 ? text : text[..80] + "…")}'.");

    private static object? ParseText(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
}
