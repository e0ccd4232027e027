using BridgeStream.ClickHouse;

namespace BridgeStream.Cli;

/// <summary>`migrate`: applies schemas/clickhouse to the configured ClickHouse and exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = BridgeStreamHost.CreateBuilder(args, null, "http://127.0.0.1:0");
        var connectionString = builder.Configuration[$"{ClickHouseOptions.Section}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate needs ClickHouse:ConnectionString (e.g. BRIDGESTREAM_ClickHouse__ConnectionString); the embedded ClickHouse is migrated by `up` itself.").ConfigureAwait(false);
            return 2;
        }

        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
        var applied = await new ClickHouseMigrator(connectionString, loggers.CreateLogger<ClickHouseMigrator>()).MigrateAsync().ConfigureAwait(false);
        Console.WriteLine(applied.Count == 0 ? "ClickHouse schema is current." : $"Applied: {string.Join(", ", applied)}");
        return 0;
    }
}
