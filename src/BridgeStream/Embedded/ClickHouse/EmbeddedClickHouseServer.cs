using System.Net;
using System.Text;
using ClickHouse.Driver.ADO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// chDB behind ClickHouse's HTTP interface, so the official ClickHouse.Driver (and curl, clickhouse-client --http
/// style tools) talk to it as to a ClickHouse server. Disposing stops the endpoint; the chDB engine itself stays
/// loaded for the process (see <see cref="ChdbSession"/>).
/// </summary>
public sealed class EmbeddedClickHouseServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmbeddedClickHouseServer(WebApplication app, ChdbSession session, Uri endpoint)
    {
        this.app = app;
        Session = session;
        HttpEndpoint = endpoint;
        ConnectionString = new ClickHouseConnectionStringBuilder
        {
            Host = endpoint.Host,
            Port = (ushort)endpoint.Port,
            Protocol = "http",
            Username = "default",
            Database = ChdbSession.DefaultDatabase,
        }.ConnectionString;
    }

    public Uri HttpEndpoint { get; }

    /// <summary>A ClickHouse.Driver connection string for this endpoint, on the "default" database.</summary>
    public string ConnectionString { get; }

    /// <summary>The chDB session behind the endpoint (statements run one at a time).</summary>
    public ChdbSession Session { get; }

    public static async Task<EmbeddedClickHouseServer> StartAsync(
        EmbeddedClickHouseOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNotEqual(options.Port is >= 0 and <= 65535, true, nameof(options.Port));
        var address = ParseHost(options.Host);
        var session = ChdbSession.Open(options.DataPath);
        var timezone = await ReadTimezoneAsync(session, ct);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmbeddedClickHouseServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null; // inserts are streamed, any size
            kestrel.Listen(address, options.Port);
        });
        var app = builder.Build();
        var logger = loggerFactory.CreateLogger<EmbeddedClickHouseServer>();
        app.Run(new ClickHouseHttpHandler(session, timezone, logger).HandleAsync);
        await app.StartAsync(ct);

        var bound = new Uri(app.Urls.First());
        var endpoint = new UriBuilder(bound) { Host = options.Host }.Uri;
        logger.LogInformation("Embedded ClickHouse (chDB, data in {DataPath}) listening on {Endpoint}", session.DataPath, endpoint);
        return new EmbeddedClickHouseServer(app, session, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IPAddress ParseHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"Host must be an IP address or 'localhost', not '{host}'.", nameof(host));

    private static async Task<string> ReadTimezoneAsync(ChdbSession session, CancellationToken ct)
    {
        using var result = await session.QueryAsync("SELECT timezone()", "TabSeparated", cancellationToken: ct);
        return Encoding.UTF8.GetString(result.Memory.Span).Trim();
    }
}
