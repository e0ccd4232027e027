using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// A JSON-RPC proxy in front of a devnet node that behaves like a strict hosted provider: eth_getLogs over more than
/// <c>maxBlocks</c> blocks is refused with -32005 "query returned more than 10000 results". Everything else passes through,
/// unless the provider is <see cref="Down"/>: then every request gets HTTP 503.
/// </summary>
internal sealed class RangeLimitingRpcProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RangeLimitingRpcProxy(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public int Refused { get; private set; }

    /// <summary>An outage: while set, every request is answered 503.</summary>
    public bool Down { get; set; }

    public static async Task<RangeLimitingRpcProxy> StartAsync(string upstream, ulong maxBlocks, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var http = new HttpClient();
        RangeLimitingRpcProxy? proxy = null;
        app.MapPost("/", async (HttpContext context) =>
        {
            if (proxy!.Down)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var body = new StreamReader(context.Request.Body);
            var request = await body.ReadToEndAsync(context.RequestAborted);
            if (TooWide(request, maxBlocks, out var id))
            {
                proxy!.Refused++;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32005,\"message\":\"query returned more than 10000 results\"}}", context.RequestAborted);
                return;
            }

            using var forwarded = await http.PostAsync(upstream, new StringContent(request, System.Text.Encoding.UTF8, "application/json"), context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(await forwarded.Content.ReadAsStringAsync(context.RequestAborted), context.RequestAborted);
        });
        await app.StartAsync(ct);
        var url = new Uri(app.Urls.First());
        proxy = new RangeLimitingRpcProxy(app, url);
        return proxy;
    }

    private static bool TooWide(string request, ulong maxBlocks, out string id)
    {
        id = "0";
        using var document = JsonDocument.Parse(request);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.GetProperty("method").GetString() != "eth_getLogs")
        {
            return false;
        }

        id = root.GetProperty("id").GetRawText();
        var filter = root.GetProperty("params")[0];
        var from = Convert.ToUInt64(filter.GetProperty("fromBlock").GetString(), 16);
        var to = Convert.ToUInt64(filter.GetProperty("toBlock").GetString(), 16);
        return to - from + 1 > maxBlocks;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
