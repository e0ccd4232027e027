using System.Net.Http.Json;
using System.Text.Json;
using BridgeStream.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Tests.Api;

/// <summary>The real API (AddBridgeStreamApi + MapBridgeStreamApi) on Kestrel at 127.0.0.1, a free port.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The application's MessageQueries: its QueryCount counts every ClickHouse query the API sent.</summary>
    public MessageQueries Queries => app.Services.GetRequiredService<MessageQueries>();

    public static async Task<ApiHost> StartAsync(string clickHouseConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["ClickHouse:ConnectionString"] = clickHouseConnectionString;
        builder.Configuration["Api:SubscriptionPollMilliseconds"] = "50";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("API_TEST_LOG") is not null) { builder.Logging.AddConsole(); builder.Logging.SetMinimumLevel(LogLevel.Debug); }
        builder.Services.AddBridgeStreamApi(builder.Configuration);
        var app = builder.Build();
        app.MapBridgeStreamApi();
        await app.StartAsync();
        var address = app.Urls.First();
        return new ApiHost(app, new Uri(address));
    }

    /// <summary>POSTs a GraphQL request and returns the response document's root (the HTTP status must be 200).</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Like <see cref="QueryAsync"/> but fails on any GraphQL error and returns <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var root = await QueryAsync(query, variables);
        Assert.False(root.TryGetProperty("errors", out var errors), $"errors: {errors}");
        return root.GetProperty("data");
    }

    /// <summary>The single error of a response that must have exactly one.</summary>
    public async Task<JsonElement> SingleErrorAsync(string query, object? variables = null)
    {
        var root = await QueryAsync(query, variables);
        Assert.True(root.TryGetProperty("errors", out var errors), $"expected an error, got {root}");
        return Assert.Single(errors.EnumerateArray());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
