using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BridgeStream.Devnet;
using BridgeStream.Embedded;
using BridgeStream.Kafka;

namespace BridgeStream.Bench;

/// <summary>
/// `bridgestream pipeline` (ingest + process + API) as a child process, configured like <see cref="PipelineHost"/>: the
/// backfill's memory is then the pipeline's own, not the bench's (which also holds the mock Kafka cluster, the devnet
/// driver and earlier phases' data).
/// </summary>
public sealed class PipelineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PipelineProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the child printed (for a failure message).</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    public static PipelineProcess Start(DevnetDeployment deployment, KafkaOptions kafka, string clickHouseConnectionString)
    {
        var port = AnvilChain.FindFreePort();
        var settings = new Dictionary<string, string?>(PipelineHost.Settings(deployment, kafka, clickHouseConnectionString))
        {
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Ingest:Progress"] = "false",
        };
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(PipelineProcess).Assembly.Location);
        start.ArgumentList.Add("pipeline");
        start.Environment["BRIDGESTREAM_HOME"] = EmbeddedTools.RepositoryRoot;
        foreach (var (key, value) in settings)
        {
            start.Environment["BRIDGESTREAM_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bridgestream pipeline");
        var child = new PipelineProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the child answers /healthz (its services are started); returns that moment's Stopwatch timestamp.</summary>
    public async Task<long> WaitUntilServingAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"bridgestream pipeline exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"), ct).ConfigureAwait(false);
                return Stopwatch.GetTimestamp(); // any answer: the host is up (healthz may say "starting")
            }
            catch (HttpRequestException)
            {
                await Task.Delay(10, ct).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"bridgestream pipeline did not serve /healthz within {timeout}:\n{Output}");
    }

    /// <summary>
    /// Samples the child's own /metrics (prometheus-net's dotnet_total_memory_bytes: the managed heap in use) until
    /// cancelled; returns the largest value seen, which separates managed memory from native (librdkafka, buffers) in
    /// the peak RSS.
    /// </summary>
    public async Task<long> SampleManagedHeapAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        long peak = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var text = await http.GetStringAsync(new Uri(BaseAddress, "/metrics"), ct).ConfigureAwait(false);
                var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("dotnet_total_memory_bytes ", StringComparison.Ordinal));
                if (line is not null && double.TryParse(line.AsSpan("dotnet_total_memory_bytes ".Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes))
                {
                    peak = Math.Max(peak, (long)bytes);
                }

                await Task.Delay(200, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TaskCanceledException)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        return peak;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
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
