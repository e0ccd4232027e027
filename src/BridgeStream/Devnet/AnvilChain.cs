using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BridgeStream.Embedded;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>
/// One anvil process serving JSON-RPC on 127.0.0.1. Disposing kills that process (and only it).
/// </summary>
public sealed class AnvilChain : IAsyncDisposable
{
    private const int MaxCapturedErrorChars = 4000;

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly ILogger _logger;
    private int _disposed;

    private AnvilChain(AnvilOptions options, int port, Process process, StringBuilder stderr, ILogger logger)
    {
        Name = options.Name;
        ChainId = options.ChainId;
        Port = port;
        RpcUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _process = process;
        _stderr = stderr;
        _logger = logger;
    }

    public string Name { get; }

    public long ChainId { get; }

    public int Port { get; }

    public string RpcUrl { get; }

    public int ProcessId => _process.Id;

    public DevnetChain Describe() => new(Name, ChainId, RpcUrl, Role);

    public ChainRole Role { get; private init; }

    /// <summary>Starts anvil and returns once its RPC answers eth_chainId with the expected chain id.</summary>
    public static async Task<AnvilChain> StartAsync(AnvilOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var anvilPath = options.AnvilPath ?? EmbeddedTools.AnvilPath;
        EmbeddedTools.Require(anvilPath, "anvil");
        var port = options.Port == 0 ? FindFreePort() : EnsurePortFree(options.Port);

        var stderr = new StringBuilder();
        var process = new Process { StartInfo = BuildStartInfo(anvilPath, options, port) };
        process.ErrorDataReceived += (_, e) => Capture(stderr, e.Data);
        process.OutputDataReceived += (_, e) => Capture(stderr, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"anvil did not start ({anvilPath}).");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var chain = new AnvilChain(options, port, process, stderr, logger) { Role = options.Role };
        try
        {
            await chain.WaitUntilReadyAsync(options.StartTimeout, cancellationToken);
        }
        catch
        {
            await chain.DisposeAsync();
            throw;
        }

        logger.LogInformation("anvil {Name} (chain {ChainId}) ready at {RpcUrl}, pid {Pid}", chain.Name, chain.ChainId, chain.RpcUrl, process.Id);
        return chain;
    }

    /// <summary>Asks the OS for a free port on 127.0.0.1 (another process may still take it before anvil binds).</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            _logger.LogWarning(ex, "Could not stop anvil {Name} (pid {Pid})", Name, _process.Id);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Validate(AnvilOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            throw new ArgumentException("An anvil chain needs a name.", nameof(options));
        }

        if (options.ChainId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ChainId, "Chain id must be positive.");
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 0 (any free port) or 1..65535.");
        }

        if (options.SlotsInAnEpoch < 1 || options.BlockTimeSeconds is < 1 || options.BlockGasLimit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Slots per epoch, block time and gas limit must be positive.");
        }
    }

    private static int EnsurePortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return port;
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"Port {port} on 127.0.0.1 is already in use; pick another port for anvil (or 0 for any free port).", ex);
        }
    }

    private static ProcessStartInfo BuildStartInfo(string anvilPath, AnvilOptions options, int port)
    {
        var info = new ProcessStartInfo(anvilPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        string[] args =
        [
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture),
            "--slots-in-an-epoch", options.SlotsInAnEpoch.ToString(CultureInfo.InvariantCulture),
            "--silent",
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        AddOptional(info, "--block-time", options.BlockTimeSeconds);
        AddOptional(info, "--gas-limit", options.BlockGasLimit);
        if (options.Network is { } network)
        {
            info.ArgumentList.Add("--network");
            info.ArgumentList.Add(network);
        }

        return info;
    }

    private static void AddOptional(ProcessStartInfo info, string flag, long? value)
    {
        if (value is { } v)
        {
            info.ArgumentList.Add(flag);
            info.ArgumentList.Add(v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Capture(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            if (buffer.Length < MaxCapturedErrorChars)
            {
                buffer.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"anvil {Name} exited with code {_process.ExitCode} before answering on {RpcUrl}: {CapturedOutput()}");
            }

            var answered = await TryReadChainIdAsync(http, cancellationToken);
            if (answered is { } chainId)
            {
                if (chainId != ChainId)
                {
                    throw new InvalidOperationException($"{RpcUrl} answered chain id {chainId}, expected {ChainId}: another node holds the port.");
                }

                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"anvil {Name} did not answer on {RpcUrl} within {timeout.TotalSeconds:0} s: {CapturedOutput()}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    private async Task<long?> TryReadChainIdAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(RpcUrl), content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var hex = json.RootElement.GetProperty("result").GetString() ?? "0x0";
            return long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    private string CapturedOutput()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "(no output)" : _stderr.ToString().Trim();
        }
    }
}
