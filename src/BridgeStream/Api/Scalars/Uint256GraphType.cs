using System.Globalization;
using System.Numerics;
using GraphQL.Types;
using GraphQLParser.AST;

namespace BridgeStream.Api.Scalars;

/// <summary>
/// The schema's <c>BigInt</c> scalar (named apart from GraphQL.NET's own BigIntGraphType): an unsigned 256-bit integer as a decimal string (JSON numbers lose precision
/// past 2^53). Inputs may also be integer literals; parsed to <see cref="BigInteger"/>.
/// </summary>
public sealed class Uint256GraphType : ScalarGraphType
{
    public static readonly BigInteger MaxValue = (BigInteger.One << 256) - 1;

    public Uint256GraphType()
    {
        Name = "BigInt";
        Description = "An unsigned 256-bit integer (uint256) as a decimal string, for example \"1000000000000000000\" (1 ether in wei).";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        string text => text,
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Parse(text),
        int or long or BigInteger => Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => throw Invalid(value.ToString() ?? ""),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse(text.Value.ToString()),
        GraphQLIntValue number => Parse(number.Value.ToString()),
        _ => throw Invalid(value.Kind.ToString()),
    };

    private static BigInteger Parse(string text)
    {
        if (text.Length is 0 or > 78 || !text.All(char.IsAsciiDigit)
            || !BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > MaxValue)
        {
            throw Invalid(text);
        }

        return number;
    }

    private static ScalarFormatException Invalid(string text) =>
        new($"BigInt must be a decimal uint256 (digits only, at most 2^256-1); got '{(text.Length <= 80 ? text : text[..80] + "…")}'.");
}
