using System.Buffers;
using System.Net;
using System.Text;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Rpc;

/// <summary>
/// A JSON-RPC client for one chain over HttpClient + System.Text.Json, with failover across the chain's endpoints:
/// a transport error or a 429/5xx moves to the next endpoint after an exponential, jittered backoff.
/// </summary>
public sealed class JsonRpcClient
{
    private const int MaxAttempts = 6;
    private static readonly Prometheus.Counter Requests = Prometheus.Metrics.CreateCounter(
        "bridgestream_rpc_requests_total", "JSON-RPC requests by method, endpoint and outcome (ok, error).", "method", "endpoint", "outcome");
    private readonly HttpClient _http;
    private readonly string[] _endpoints;
    private readonly ulong _chainId;
    private readonly ILogger _logger;
    private int _current;
    private long _nextId;

    public JsonRpcClient(HttpClient http, IReadOnlyList<string> endpoints, ulong chainId, ILogger logger)
    {
        if (endpoints.Count == 0)
        {
            throw new ArgumentException($"Chain {chainId} has no RPC URL configured.", nameof(endpoints));
        }

        _http = http;
        _endpoints = [.. endpoints];
        _chainId = chainId;
        _logger = logger;
    }

    /// <summary>Called with a description whenever a request to an endpoint fails (before retrying elsewhere).</summary>
    public Action<string>? OnEndpointFailure { get; set; }

    public string CurrentEndpoint => _endpoints[Volatile.Read(ref _current) % _endpoints.Length];

    public async Task<ulong> BlockNumberAsync(CancellationToken ct)
    {
        var body = await CallAsync("eth_blockNumber", "[]", ct).ConfigureAwait(false);
        return RpcResponseParser.ParseQuantity(body.Span, CurrentEndpoint, "eth_blockNumber");
    }

    public async Task<ulong> ChainIdAsync(CancellationToken ct)
    {
        var body = await CallAsync("eth_chainId", "[]", ct).ConfigureAwait(false);
        return RpcResponseParser.ParseQuantity(body.Span, CurrentEndpoint, "eth_chainId");
    }

    /// <summary>A block tag's header ("latest", "safe", "finalized") or a number's.</summary>
    public async Task<BlockHeader?> GetHeaderAsync(string blockTag, CancellationToken ct)
    {
        var body = await CallAsync("eth_getBlockByNumber", $"[\"{blockTag}\",false]", ct).ConfigureAwait(false);
        var headers = RpcResponseParser.ParseHeaders(body.Span, CurrentEndpoint);
        return headers.Count > 0 ? headers[0] : null;
    }

    /// <summary>Headers of many blocks in one batch request.</summary>
    public async Task<List<BlockHeader>> GetHeadersAsync(IReadOnlyCollection<ulong> numbers, CancellationToken ct)
    {
        if (numbers.Count == 0)
        {
            return [];
        }

        var batch = new StringBuilder("[");
        foreach (var number in numbers)
        {
            if (batch.Length > 1)
            {
                batch.Append(',');
            }

            batch.Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(Interlocked.Increment(ref _nextId))
                .Append(",\"method\":\"eth_getBlockByNumber\",\"params\":[\"").Append(Hex.EncodeQuantity(number)).Append("\",false]}");
        }

        batch.Append(']');
        return await PostAsync("eth_getBlockByNumber", batch.ToString(), body => RpcResponseParser.ParseHeaders(body, CurrentEndpoint), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether each transaction succeeded (receipt status 1), in one batch request; a transaction without a receipt
    /// (not mined, or unknown to this node) is absent from the answer.
    /// </summary>
    public async Task<Dictionary<Hash32, bool>> GetReceiptStatusesAsync(IReadOnlyCollection<Hash32> transactions, CancellationToken ct)
    {
        if (transactions.Count == 0)
        {
            return [];
        }

        var batch = new StringBuilder("[");
        foreach (var tx in transactions)
        {
            batch.Append(batch.Length > 1 ? "," : "").Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(Interlocked.Increment(ref _nextId))
                .Append(",\"method\":\"eth_getTransactionReceipt\",\"params\":[\"").Append(tx.ToString()).Append("\"]}");
        }

        batch.Append(']');
        return await PostAsync("eth_getTransactionReceipt", batch.ToString(), body => RpcResponseParser.ParseReceiptStatuses(body, CurrentEndpoint), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The user deposit transactions of many blocks: eth_getBlockByNumber with full transactions, in batches of
    /// <paramref name="batchSize"/> blocks. Unknown blocks are absent from the answer. This reads every transaction of
    /// every block (on a busy OP Stack mainnet chain, hundreds of kilobytes per block), so it is only asked for chains
    /// configured with DepositsFromChainId.
    /// </summary>
    public async Task<List<DepositBlock>> GetDepositBlocksAsync(IReadOnlyList<ulong> numbers, CancellationToken ct, int batchSize = 100)
    {
        var blocks = new List<DepositBlock>(numbers.Count);
        for (var offset = 0; offset < numbers.Count; offset += batchSize)
        {
            var batch = new StringBuilder("[");
            foreach (var number in numbers.Skip(offset).Take(batchSize))
            {
                batch.Append(batch.Length > 1 ? "," : "").Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(Interlocked.Increment(ref _nextId))
                    .Append(",\"method\":\"eth_getBlockByNumber\",\"params\":[\"").Append(Hex.EncodeQuantity(number)).Append("\",true]}");
            }

            batch.Append(']');
            blocks.AddRange(await PostAsync("eth_getBlockByNumber", batch.ToString(), body => RpcResponseParser.ParseDepositBlocks(body, CurrentEndpoint), ct).ConfigureAwait(false));
        }

        return blocks;
    }

    public async Task<List<RawLog>> GetLogsAsync(ulong fromBlock, ulong toBlock, IReadOnlyList<Address> addresses, IReadOnlyList<Hash32> topic0s, CancellationToken ct)
    {
        var filter = new StringBuilder("[{\"fromBlock\":\"").Append(Hex.EncodeQuantity(fromBlock))
            .Append("\",\"toBlock\":\"").Append(Hex.EncodeQuantity(toBlock)).Append("\",\"address\":[");
        AppendJoined(filter, addresses.Select(a => a.ToString()));
        filter.Append("],\"topics\":[[");
        AppendJoined(filter, topic0s.Select(t => t.ToString()));
        filter.Append("]]}]");
        return await PostAsync("eth_getLogs", Request("eth_getLogs", filter.ToString()), body => RpcResponseParser.ParseLogs(body, _chainId, CurrentEndpoint), ct).ConfigureAwait(false);
    }

    /// <summary>Any call, returning the raw answer; for devnet control methods (anvil_*, evm_*).</summary>
    public async Task<ReadOnlyMemory<byte>> CallAsync(string method, string jsonParams, CancellationToken ct) =>
        await PostAsync(method, Request(method, jsonParams), body => (ReadOnlyMemory<byte>)body.ToArray(), ct).ConfigureAwait(false);

    private string Request(string method, string jsonParams) =>
        $"{{\"jsonrpc\":\"2.0\",\"id\":{Interlocked.Increment(ref _nextId)},\"method\":\"{method}\",\"params\":{jsonParams}}}";

    /// <summary>
    /// Posts a request and parses the answer from a pooled buffer: a large eth_getLogs answer (megabytes) is read into
    /// memory that is reused instead of a new large-object-heap array per call, which the GC would reclaim only late.
    /// The parser copies what it keeps.
    /// </summary>
    private async Task<T> PostAsync<T>(string method, string requestJson, BodyParser<T> parse, CancellationToken ct)
    {
        var (buffer, length) = await SendAsync(method, requestJson, ct).ConfigureAwait(false);
        try
        {
            return parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private delegate T BodyParser<out T>(ReadOnlySpan<byte> body);

    private async Task<(byte[] Buffer, int Length)> SendAsync(string method, string requestJson, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = CurrentEndpoint;
            TimeSpan? retryAfter = null;
            try
            {
                using var content = new StringContent(requestJson, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(endpoint, content, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    // A provider's rate limit says how long to wait; honour it (within reason) instead of guessing.
                    retryAfter = RetryAfter(response);
                    throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
                }

                response.EnsureSuccessStatusCode();
                var body = await ReadPooledAsync(response.Content, ct).ConfigureAwait(false);
                Requests.WithLabels(method, endpoint, "ok").Inc();
                return body;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                Requests.WithLabels(method, endpoint, "error").Inc();
                OnEndpointFailure?.Invoke($"{method} on {endpoint}: {ex.Message}");
                if (attempt >= MaxAttempts)
                {
                    throw new RpcException(endpoint, method, ex.Message, ex);
                }

                _logger.LogWarning("RPC {Method} on {Endpoint} failed ({Error}); attempt {Attempt}, trying the next endpoint", method, endpoint, ex.Message, attempt);
                Interlocked.Increment(ref _current);
                await Task.Delay(retryAfter ?? Backoff(attempt), ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(byte[] Buffer, int Length)> ReadPooledAsync(HttpContent content, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(content.Headers.ContentLength ?? 64 * 1024, 4096, int.MaxValue / 2));
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w && w > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Min(60, w.TotalSeconds)) : null;
    }

    private static TimeSpan Backoff(int attempt)
    {
        var baseMillis = Math.Min(5000, 100 * (1 << Math.Min(attempt, 10)));
        return TimeSpan.FromMilliseconds((baseMillis / 2) + Random.Shared.Next(baseMillis / 2));
    }

    private static void AppendJoined(StringBuilder builder, IEnumerable<string> items)
    {
        var first = true;
        foreach (var item in items)
        {
            builder.Append(first ? "\"" : ",\"").Append(item).Append('"');
            first = false;
        }
    }
}
