using System.Text.RegularExpressions;

namespace BridgeStream.Tests.Infra;

/// <summary>The tables (and views) that schemas/clickhouse/*.sql creates, with their engine.</summary>
internal static partial class ClickHouseSchemaFiles
{
    /// <summary>Table name (without database) to engine name; views map to "View".</summary>
    public static IReadOnlyDictionary<string, string> LoadTables(string repositoryRoot)
    {
        var directory = Path.Combine(repositoryRoot, "schemas", "clickhouse");
        var tables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(directory, "*.sql").Order(StringComparer.Ordinal))
        {
            var sql = LineComment().Replace(File.ReadAllText(file), string.Empty);
            foreach (var statement in sql.Split(';'))
            {
                var create = CreateName().Match(statement);
                if (create.Success)
                {
                    var engine = Engine().Match(statement);
                    tables[create.Groups["name"].Value.Split('.')[^1].Trim('`')] = engine.Success ? engine.Groups["engine"].Value : "View";
                }
            }
        }

        return tables;
    }

    [GeneratedRegex(@"CREATE\s+(?:TABLE|MATERIALIZED\s+VIEW|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>[`\w.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateName();

    [GeneratedRegex(@"\bENGINE\s*=\s*(?<engine>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex Engine();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
