using System.Globalization;
using System.Text.RegularExpressions;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>An error reported by the chDB engine, with the ClickHouse error code parsed from its <c>Code: N.</c> text.</summary>
public sealed partial class ChdbException : Exception
{
    /// <summary>Used when the engine's text carries no code (ClickHouse's own catch-all for unknown exceptions).</summary>
    public const int UnknownCode = 1002;

    public ChdbException(string message)
        : this(message, ParseCode(message))
    {
    }

    public ChdbException(string message, int code)
        : base(message) => Code = code;

    public ChdbException()
        : this("chDB error")
    {
    }

    public ChdbException(string message, Exception innerException)
        : base(message, innerException) => Code = ParseCode(message);

    /// <summary>The ClickHouse error code, e.g. 62 for SYNTAX_ERROR, 60 for UNKNOWN_TABLE.</summary>
    public int Code { get; }

    /// <summary>The message as a ClickHouse server would send it: always starting with <c>Code: N.</c>.</summary>
    public string ServerText => Message.StartsWith("Code: ", StringComparison.Ordinal) ? Message : $"Code: {Code}. DB::Exception: {Message}";

    private static int ParseCode(string message)
    {
        var match = CodePattern().Match(message);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : UnknownCode;
    }

    [GeneratedRegex(@"Code: (\d+)")]
    private static partial Regex CodePattern();
}
