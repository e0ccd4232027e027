using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>A fresh database with the project's ClickHouse schema, for one test class.</summary>
internal static class TestDatabase
{
    public static async Task<string> CreateAsync(EmbeddedClickHouseFixture clickHouse, string prefix)
    {
        var connectionString = await clickHouse.CreateDatabaseAsync(prefix);
        using var client = new ClickHouseClient(connectionString);
        foreach (var statement in SchemaStatements())
        {
            await client.ExecuteNonQueryAsync(statement);
        }

        // Background merges would collapse versions on their own and hide a read that forgot FINAL.
        await client.ExecuteNonQueryAsync("SYSTEM STOP MERGES messages");
        return connectionString;
    }

    private static IEnumerable<string> SchemaStatements() =>
        Directory.GetFiles(Path.GetDirectoryName(RepositoryFiles.Find("schemas/clickhouse/0001_core.sql"))!, "*.sql")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllText(file).Split("\n;\n"))
            .Select(statement => statement.Trim())
            .Where(statement => statement.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)));
}
