using BridgeStream.ClickHouse;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>A fresh database with the project's ClickHouse schema (applied by the real migrator), for one test class.</summary>
internal static class TestDatabase
{
    public static async Task<string> CreateAsync(EmbeddedClickHouseFixture clickHouse, string prefix)
    {
        var connectionString = await clickHouse.CreateDatabaseAsync(prefix);
        await new ClickHouseMigrator(connectionString).MigrateAsync(TestContext.Current.CancellationToken);

        // Background merges would collapse versions on their own and hide a read that forgot FINAL.
        using var client = new ClickHouseClient(connectionString);
        await client.ExecuteNonQueryAsync("SYSTEM STOP MERGES messages", cancellationToken: TestContext.Current.CancellationToken);
        return connectionString;
    }
}
