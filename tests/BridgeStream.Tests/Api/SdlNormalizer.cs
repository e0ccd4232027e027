using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace BridgeStream.Tests.Api;

/// <summary>
/// Puts an SDL document into a form where only meaning counts: parsed (comments and layout dropped) and each
/// definition re-printed by one printer, definitions sorted by kind and name. Fields, arguments, enum values,
/// descriptions, default values and their order inside a definition all still count.
/// </summary>
internal static class SdlNormalizer
{
    public static IReadOnlyList<string> Normalize(string sdl)
    {
        var document = Parser.Parse(sdl, new ParserOptions { Ignore = IgnoreOptions.Comments });
        return document.Definitions
            .Select(Print)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Print(ASTNode definition)
    {
        using var writer = new StringWriter();
        // SDLPrinter writes to a StringWriter synchronously; the ValueTask is already complete.
        new SDLPrinter().PrintAsync(definition, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString().Trim();
    }
}
