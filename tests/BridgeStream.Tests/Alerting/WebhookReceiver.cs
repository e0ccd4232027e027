using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Tests.Alerting;

/// <summary>
/// A local webhook receiver on 127.0.0.1 (a real HTTP server): records every call per path, and answers each path as
/// told (200 by default; a status for the first N calls; hang).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly ConcurrentDictionary<string, Behaviour> _behaviours = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<Call> Calls => [.. _calls];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{name}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Address = new Uri(app.Urls.First());
        return receiver;
    }

    public string Url(string name) => new Uri(Address, "/" + name).ToString();

    /// <summary>The next <paramref name="times"/> calls to this path get <paramref name="status"/> (with Retry-After when given).</summary>
    public void Fail(string name, int status, int times, int? retryAfterSeconds = null) => _behaviours[name] = new Behaviour(status, times, retryAfterSeconds, Hang: false);

    public void Hang(string name) => _behaviours[name] = new Behaviour(200, int.MaxValue, null, Hang: true);

    public IReadOnlyList<Call> CallsTo(string name) => [.. _calls.Where(c => c.Name == name)];

    /// <summary>Every change (JSON format) the receiver acknowledged on this path, in arrival order.</summary>
    public IReadOnlyList<JsonElement> AcceptedChanges(string name) =>
        [.. CallsTo(name).Where(c => c.Status == 200).SelectMany(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("changes").EnumerateArray().Select(e => e.Clone()))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http, string name)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var status = 200;
        if (_behaviours.TryGetValue(name, out var behaviour) && behaviour.Times > 0)
        {
            if (behaviour.Hang)
            {
                _calls.Enqueue(new Call(name, body, http.Request.Headers["Idempotency-Key"].ToString(), 0, DateTime.UtcNow));
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            _behaviours[name] = behaviour with { Times = behaviour.Times - 1 };
            status = behaviour.Status;
            if (behaviour.RetryAfterSeconds is { } after)
            {
                http.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        _calls.Enqueue(new Call(name, body, http.Request.Headers["Idempotency-Key"].ToString(), status, DateTime.UtcNow));
        http.Response.StatusCode = status;
    }

    public sealed record Call(string Name, string Body, string IdempotencyKey, int Status, DateTime At);

    private sealed record Behaviour(int Status, int Times, int? RetryAfterSeconds, bool Hang);
}
