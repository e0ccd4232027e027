using System.Text.RegularExpressions;

namespace BridgeStream.Tests.Infra;

/// <summary>One table read by a dashboard query, and whether the query reads it with FINAL.</summary>
internal sealed record TableReference(string Table, bool WithFinal);

/// <summary>Finds the tables a panel's SQL reads (after FROM and JOIN), ignoring string literals and comments.</summary>
internal static partial class PanelSql
{
    public static IReadOnlyList<TableReference> TablesRead(string sql)
    {
        var code = LineComment().Replace(StringLiteral().Replace(sql, "''"), string.Empty);
        return TableAfterFromOrJoin().Matches(code)
            .Select(match => new TableReference(match.Groups["table"].Value.Split('.')[^1].Trim('`'), match.Groups["final"].Success))
            .ToList();
    }

    // A subquery `FROM (` is skipped: its own FROM is matched on its own.
    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?<table>[`A-Za-z_][`\w.]*)(?<final>\s+FINAL\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex TableAfterFromOrJoin();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
