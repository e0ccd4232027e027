using System.Text.RegularExpressions;
using BridgeStream.Embedded.ClickHouse;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Microsoft.Extensions.Logging.Abstractions;

[assembly: AssemblyFixture(typeof(EmbeddedClickHouseFixture))]

namespace BridgeStream.Tests.Infrastructure;

/// <summary>
/// One embedded ClickHouse (chDB behind its HTTP endpoint) for the whole test assembly: chDB allows one data folder
/// per process. Tests isolate themselves with <see cref="CreateDatabaseAsync"/>. Take it as a constructor parameter.
/// </summary>
public sealed partial class EmbeddedClickHouseFixture : IAsyncLifetime
{
    private static readonly string TestDataRoot = Path.Combine(Path.GetTempPath(), "bridgestream-tests", "chdb");
    private EmbeddedClickHouseServer? server;

    /// <summary>ClickHouse.Driver connection string on the "default" database.</summary>
    public string ConnectionString => Server.ConnectionString;

    public Uri HttpEndpoint => Server.HttpEndpoint;

    private EmbeddedClickHouseServer Server => server ?? throw new InvalidOperationException("The embedded ClickHouse is not started.");

    public async ValueTask InitializeAsync()
    {
        RemoveDataOfFinishedRuns();
        var dataPath = Path.Combine(TestDataRoot, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        server = await EmbeddedClickHouseServer.StartAsync(
            new EmbeddedClickHouseOptions { DataPath = dataPath, Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None);
    }

    /// <summary>Creates a fresh database named <paramref name="prefix"/>_&lt;random&gt; and returns a connection string on it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var safePrefix = SafeName().Replace(prefix ?? "", "_").ToLowerInvariant();
        var name = $"t_{safePrefix[..Math.Min(safePrefix.Length, 40)]}_{Guid.NewGuid().ToString("N")[..12]}";
        using var client = new ClickHouseClient(ConnectionString);
        await client.ExecuteNonQueryAsync($"CREATE DATABASE `{name}`");
        return new ClickHouseConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        // The data folder stays until the next run: chDB keeps it open (and may merge in it) until the process ends.
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static void RemoveDataOfFinishedRuns()
    {
        if (!Directory.Exists(TestDataRoot))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(TestDataRoot))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another test run is cleaning it up at the same time.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex SafeName();
}
