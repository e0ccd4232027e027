using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace BridgeStream.Api.Scalars;

/// <summary>
/// A scalar carried as "0x" + a fixed number of hex digits. Inputs in any letter case are accepted and lowered,
/// because ClickHouse stores hashes and addresses in lowercase and compares them byte for byte.
/// </summary>
public abstract class HexStringScalarGraphType : ScalarGraphType
{
    private readonly int hexDigits;

    protected HexStringScalarGraphType(string name, int hexDigits, string description)
    {
        Name = name;
        Description = description;
        this.hexDigits = hexDigits;
    }

    /// <summary>True when <paramref name="text"/> is 0x followed by exactly the expected number of hex digits.</summary>
    public bool IsValid(string text) =>
        text.Length == hexDigits + 2
        && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && text.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        string text => text,
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Normalize(text),
        _ => throw Invalid(value.ToString() ?? ""),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Normalize(text.Value.ToString()),
        _ => throw Invalid(value.ToString() ?? value.Kind.ToString()),
    };

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private string Normalize(string text) => IsValid(text) ? text.ToLowerInvariant() : throw Invalid(text);

    private ScalarFormatException Invalid(string text) =>
        new($"{Name} must be 0x followed by {hexDigits} hex digits; got '{Shorten(text)}'.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>The schema's <c>Hash</c> scalar: a 32-byte hash (transaction, block, message id).</summary>
public sealed class HashGraphType() : HexStringScalarGraphType(
    "Hash", 64, "A 32-byte hash: 0x followed by 64 hex digits, lowercase on output (inputs in any case).");

/// <summary>The schema's <c>Address</c> scalar: a 20-byte account or contract address.</summary>
public sealed class AddressGraphType() : HexStringScalarGraphType(
    "Address", 40, "A 20-byte address: 0x followed by 40 hex digits, lowercase on output (inputs in any case, checksums ignored).");
