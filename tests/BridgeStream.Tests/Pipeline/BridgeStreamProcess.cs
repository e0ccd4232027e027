using System.Collections.Concurrent;
using System.Diagnostics;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Pipeline;

/// <summary>A `bridgestream process` or `bridgestream ingest` child process: the real executable, killable with SIGKILL.</summary>
internal sealed class BridgeStreamProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BridgeStreamProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public static BridgeStreamProcess Start(string part, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ExecutablePath());
        start.ArgumentList.Add(part);
        start.Environment["BRIDGESTREAM_HOME"] = EmbeddedTools.RepositoryRoot;
        foreach (var (key, value) in settings)
        {
            start.Environment["BRIDGESTREAM_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start bridgestream {part}");
        var child = new BridgeStreamProcess(process);
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL: no shutdown hooks, no final commit, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    // The test project builds the host next to itself only as a library; the solution build puts the runnable one here.
    private static string ExecutablePath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(EmbeddedTools.RepositoryRoot, "src", "BridgeStream", "bin", configuration, "net10.0", "bridgestream.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.", path);
    }
}
