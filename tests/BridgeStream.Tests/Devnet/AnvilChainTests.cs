using System.Net;
using System.Net.Sockets;
using BridgeStream.Devnet;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

public sealed class AnvilChainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_taken_port_is_reported_clearly()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AnvilChain.StartAsync(new AnvilOptions { Name = "busy", ChainId = 31337, Port = port }, NullLogger.Instance, Ct));
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_binary_is_reported_clearly()
    {
        var options = new AnvilOptions { Name = "nobin", ChainId = 31337, AnvilPath = "/nonexistent/anvil" };
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => AnvilChain.StartAsync(options, NullLogger.Instance, Ct));
        Assert.Contains("anvil not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_stops_the_anvil_process()
    {
        var chain = await AnvilChain.StartAsync(new AnvilOptions { Name = "short", ChainId = 31337 }, NullLogger.Instance, Ct);
        var pid = chain.ProcessId;
        await chain.DisposeAsync();
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(pid));
    }

    [Fact]
    public async Task Invalid_options_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => AnvilChain.StartAsync(new AnvilOptions { Name = "bad", ChainId = 0 }, NullLogger.Instance, Ct));
    }
}
