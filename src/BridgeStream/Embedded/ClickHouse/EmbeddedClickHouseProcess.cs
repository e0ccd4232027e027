using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver.ADO;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// The embedded ClickHouse in a process of its own (`bridgestream clickhouse`), as a real server would be: its memory
/// and CPU stay out of the pipeline's figures, and a pipeline crash cannot take the engine down with it.
/// </summary>
public sealed class EmbeddedClickHouseProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "ClickHouse HTTP ready at ";
    private readonly Process _process;

    private EmbeddedClickHouseProcess(Process process, Uri endpoint)
    {
        _process = process;
        HttpEndpoint = endpoint;
        ConnectionString = new ClickHouseConnectionStringBuilder { Host = endpoint.Host, Port = (ushort)endpoint.Port, Protocol = "http", Username = "default", Database = "default" }.ConnectionString;
    }

    public Uri HttpEndpoint { get; }

    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    public static async Task<EmbeddedClickHouseProcess> StartAsync(string dataPath, int port, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Run as `dotnet bridgestream.dll`: the same executable, another subcommand.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EmbeddedClickHouseProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "clickhouse", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", dataPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `bridgestream clickhouse`.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep draining so it never blocks on a full pipe
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new EmbeddedClickHouseProcess(process, new Uri(line[ReadyPrefix.Length..].Trim()));
                }
            }

            throw new InvalidOperationException($"`bridgestream clickhouse` exited before it was ready: {await process.StandardError.ReadToEndAsync(ct).ConfigureAwait(false)}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
