using BridgeStream.Embedded;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.ClickHouse;

/// <summary>
/// Applies schemas/clickhouse/NNNN_*.sql in version order through ClickHouse.Driver (embedded or real server),
/// recording each applied file with its checksum in <c>schema_migrations</c> of the connection's database.
/// Applied files are never re-run; an applied file whose content changed is refused. Not safe against two migrators
/// running at the same moment on one database (ClickHouse has no transactional DDL): run it from one place.
/// </summary>
public sealed class ClickHouseMigrator(string connectionString, ILogger<ClickHouseMigrator>? logger = null, string? schemaDirectory = null)
{
    private const string CreateLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    UInt32,
            name       String,
            checksum   String,
            applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
        )
        ENGINE = ReplacingMergeTree
        ORDER BY version
        """;

    private readonly ILogger logger = logger ?? NullLogger<ClickHouseMigrator>.Instance;

    public static string DefaultSchemaDirectory => Path.Combine(EmbeddedTools.RepositoryRoot, "schemas", "clickhouse");

    public string SchemaDirectory { get; } = schemaDirectory ?? DefaultSchemaDirectory;

    /// <summary>Applies the migrations not applied yet; returns their names (empty when the schema is current).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = ClickHouseMigration.LoadAll(SchemaDirectory);
        using var client = new ClickHouseClient(connectionString);
        await client.ExecuteNonQueryAsync(CreateLedger, cancellationToken: cancellationToken);
        var applied = await ReadAppliedAsync(client, cancellationToken);

        var appliedNow = new List<string>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var recorded))
            {
                EnsureUnchanged(migration, recorded);
                continue;
            }

            await ApplyAsync(client, migration, cancellationToken);
            appliedNow.Add(migration.Name);
        }

        foreach (var unknown in applied.Keys.Except(migrations.Select(m => m.Version)))
        {
            logger.LogWarning("schema_migrations records version {Version} ({Name}), which is not in {Directory}", unknown, applied[unknown].Name, SchemaDirectory);
        }

        return appliedNow;
    }

    private static void EnsureUnchanged(ClickHouseMigration migration, AppliedMigration recorded)
    {
        if (recorded.Checksum != migration.Checksum)
        {
            throw new ClickHouseMigrationException(
                $"ClickHouse migration {migration.Name} was changed after it was applied (recorded checksum {recorded.Checksum}, " +
                $"file now {migration.Checksum}). Applied migrations are immutable: restore the file and add a new migration instead.");
        }
    }

    private async Task ApplyAsync(ClickHouseClient client, ClickHouseMigration migration, CancellationToken cancellationToken)
    {
        for (var i = 0; i < migration.Statements.Count; i++)
        {
            try
            {
                await client.ExecuteNonQueryAsync(migration.Statements[i], cancellationToken: cancellationToken);
            }
            catch (ClickHouseServerException error)
            {
                throw new ClickHouseMigrationException(
                    $"ClickHouse migration {migration.Name} failed at statement {i + 1} of {migration.Statements.Count} " +
                    $"(earlier statements stay applied; make them idempotent): {error.Message}", error);
            }
        }

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("version", (uint)migration.Version);
        parameters.AddParameter("name", migration.Name);
        parameters.AddParameter("checksum", migration.Checksum);
        await client.ExecuteNonQueryAsync(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ({version:UInt32}, {name:String}, {checksum:String})",
            parameters, cancellationToken: cancellationToken);
        logger.LogInformation("Applied ClickHouse migration {Name} ({Count} statements)", migration.Name, migration.Statements.Count);
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadAppliedAsync(ClickHouseClient client, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, AppliedMigration>();
        using var reader = await client.ExecuteReaderAsync(
            "SELECT version, name, checksum FROM schema_migrations FINAL ORDER BY version", cancellationToken: cancellationToken);
        while (reader.Read())
        {
            applied[(int)reader.GetFieldValue<uint>(0)] = new AppliedMigration(reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private sealed record AppliedMigration(string Name, string Checksum);
}
