using BridgeStream.ClickHouse;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Embedded.ClickHouse;

public sealed class ClickHouseMigratorTests(EmbeddedClickHouseFixture clickHouse) : IDisposable
{
    private readonly string schemaCopy = Directory.CreateTempSubdirectory("bridgestream-migrations-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Applies_the_repository_schema_once_and_then_does_nothing()
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("migrate");
        var migrator = new ClickHouseMigrator(connectionString);

        var first = await migrator.MigrateAsync(Ct);
        var second = await migrator.MigrateAsync(Ct);

        Assert.Equal(ClickHouseMigration.LoadAll(ClickHouseMigrator.DefaultSchemaDirectory).Select(m => m.Name), first);
        Assert.Contains("0001_core", first);
        Assert.Empty(second);
        using var client = new ClickHouseClient(connectionString);
        Assert.Equal((ulong)first.Count, await client.ExecuteScalarAsync("SELECT count() FROM schema_migrations", cancellationToken: Ct));
        Assert.Equal(4UL, await client.ExecuteScalarAsync(
            "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name IN ('bridge_events', 'messages', 'dead_letters', 'ingest_checkpoints')",
            cancellationToken: Ct));
    }

    [Fact]
    public async Task Refuses_a_migration_changed_after_it_was_applied()
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("tampered");
        CopyRepositorySchema();
        await new ClickHouseMigrator(connectionString, schemaDirectory: schemaCopy).MigrateAsync(Ct);
        File.AppendAllText(Path.Combine(schemaCopy, "0001_core.sql"), "\n;\nCREATE TABLE IF NOT EXISTS sneaky (x UInt8) ENGINE = Memory\n");

        var error = await Assert.ThrowsAsync<ClickHouseMigrationException>(
            () => new ClickHouseMigrator(connectionString, schemaDirectory: schemaCopy).MigrateAsync(Ct));

        Assert.Contains("0001_core", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applies_new_files_in_version_order_and_reports_a_failing_statement()
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("ordered");
        Write("0002_add_column.sql", "ALTER TABLE things ADD COLUMN IF NOT EXISTS label String\n;\n-- only a comment\n");
        Write("0001_things.sql", "-- first\nCREATE TABLE IF NOT EXISTS things (id UInt32) ENGINE = MergeTree ORDER BY id\n;\n");
        var migrator = new ClickHouseMigrator(connectionString, schemaDirectory: schemaCopy);
        Assert.Equal(["0001_things", "0002_add_column"], await migrator.MigrateAsync(Ct));

        Write("0003_broken.sql", "INSERT INTO things (id) VALUES (1)\n;\nSELEC oops\n");
        var error = await Assert.ThrowsAsync<ClickHouseMigrationException>(() => migrator.MigrateAsync(Ct));
        Assert.Contains("0003_broken failed at statement 2 of 2", error.Message, StringComparison.Ordinal);

        Write("0003_broken.sql", "INSERT INTO things (id, label) SELECT 1, 'one' WHERE (SELECT count() FROM things) = 0\n");
        Assert.Equal(["0003_broken"], await migrator.MigrateAsync(Ct));
        using var client = new ClickHouseClient(connectionString);
        Assert.Equal((ulong)1, await client.ExecuteScalarAsync("SELECT count() FROM things", cancellationToken: Ct));
    }

    [Fact]
    public void Misnamed_and_duplicate_files_are_refused()
    {
        Write("0001_a.sql", "SELECT 1");
        Write("0001_b.sql", "SELECT 1");
        Assert.Contains("share version 1", Assert.Throws<InvalidOperationException>(() => ClickHouseMigration.LoadAll(schemaCopy)).Message, StringComparison.Ordinal);

        Write("core.sql", "SELECT 1");
        Assert.Contains("NNNN_description.sql", Assert.Throws<InvalidOperationException>(() => ClickHouseMigration.LoadAll(schemaCopy)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Splits_statements_only_on_lines_holding_a_lone_semicolon()
    {
        var statements = ClickHouseMigration.SplitStatements("SELECT ';'\n;\r\nSELECT 2; SELECT 3\n  ;  \n-- trailing comment\n");

        Assert.Equal(["SELECT ';'", "SELECT 2; SELECT 3"], statements);
    }

    public void Dispose() => Directory.Delete(schemaCopy, recursive: true);

    private void Write(string fileName, string text) => File.WriteAllText(Path.Combine(schemaCopy, fileName), text);

    private void CopyRepositorySchema()
    {
        foreach (var file in Directory.EnumerateFiles(ClickHouseMigrator.DefaultSchemaDirectory, "*.sql"))
        {
            File.Copy(file, Path.Combine(schemaCopy, Path.GetFileName(file)));
        }
    }
}
