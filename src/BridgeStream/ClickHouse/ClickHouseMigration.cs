using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BridgeStream.ClickHouse;

/// <summary>One schema file <c>NNNN_name.sql</c>: its statements are separated by lines holding only <c>;</c>.</summary>
public sealed partial record ClickHouseMigration(int Version, string Name, string Checksum, IReadOnlyList<string> Statements)
{
    /// <summary>Reads every <c>*.sql</c> file of <paramref name="directory"/>, ordered by version.</summary>
    /// <exception cref="InvalidOperationException">A file is misnamed, or two files share a version.</exception>
    public static IReadOnlyList<ClickHouseMigration> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"ClickHouse schema folder not found: {directory}");
        }

        var migrations = Directory.EnumerateFiles(directory, "*.sql").Select(Load).OrderBy(m => m.Version).ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? migrations
            : throw new InvalidOperationException(
                $"ClickHouse migrations {string.Join(" and ", duplicate.Select(m => m.Name))} share version {duplicate.Key}; each version must be unique.");
    }

    public static ClickHouseMigration Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var match = FileName().Match(name);
        if (!match.Success)
        {
            throw new InvalidOperationException($"ClickHouse migration '{Path.GetFileName(path)}' must be named NNNN_description.sql (four digits first).");
        }

        // Line endings are normalised so that a checkout with CRLF does not look like an edited migration.
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new ClickHouseMigration(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), name, checksum, SplitStatements(text));
    }

    /// <summary>Splits on lines holding only ';' and drops parts that hold nothing but comments and blank lines.</summary>
    public static IReadOnlyList<string> SplitStatements(string text) =>
        [.. Separator().Split(text.ReplaceLineEndings("\n")).Select(part => part.Trim()).Where(HasSql)];

    private static bool HasSql(string part) =>
        part.Split('\n').Any(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith("--", StringComparison.Ordinal));

    [GeneratedRegex(@"^(\d{4})_[A-Za-z0-9_\-]+$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^[ \t]*;[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
