using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>Wakes the ingestor when a chain has a new head.</summary>
public interface IHeadSignal
{
    /// <summary>Returns when a new head arrived or the timeout passed (the timeout is the polling fallback).</summary>
    Task WaitForNewHeadAsync(TimeSpan timeout, CancellationToken ct);
}

/// <summary>
/// eth_subscribe("newHeads") over the endpoint's WebSocket (ws:// for http://), so live blocks are picked up within
/// milliseconds instead of a polling interval. When the socket is unavailable or drops, it falls back to polling and
/// keeps trying to reconnect in the background.
/// </summary>
public sealed class NewHeadSignal : IHeadSignal, IAsyncDisposable
{
    private readonly Uri _webSocketUri;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _heads = new(0, int.MaxValue);
    private Task? _loop;

    public NewHeadSignal(string rpcUrl, ILogger logger)
    {
        var builder = new UriBuilder(rpcUrl);
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : builder.Scheme == Uri.UriSchemeHttp ? "ws" : builder.Scheme;
        _webSocketUri = builder.Uri;
        _logger = logger;
    }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    public async Task WaitForNewHeadAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _heads.WaitAsync(timeout, ct).ConfigureAwait(false);
        // Several heads may have queued while we worked: one wake-up is enough, the ingestor reads the head itself.
        while (_heads.CurrentCount > 0 && _heads.Wait(0, CancellationToken.None))
        {
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(ct).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException)
            {
                _logger.LogDebug("newHeads subscription on {Uri} unavailable ({Error}); polling meanwhile", _webSocketUri, ex.Message);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(10_000, delay.TotalMilliseconds * 2));
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(_webSocketUri, ct).ConfigureAwait(false);
        var subscribe = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}");
        await socket.SendAsync(subscribe, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.EndOfMessage)
            {
                _heads.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        _stop.Dispose();
        _heads.Dispose();
    }
}
