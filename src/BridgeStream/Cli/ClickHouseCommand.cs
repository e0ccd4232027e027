using System.Globalization;
using BridgeStream.Embedded;
using BridgeStream.Embedded.ClickHouse;

namespace BridgeStream.Cli;

/// <summary>
/// `clickhouse [--port N] [--data PATH]`: the embedded ClickHouse (chDB behind the ClickHouse HTTP interface) as a
/// server process of its own, until stopped. Like a real server it holds no schema of its own: the pipeline's start-up
/// (or `migrate`) applies schemas/clickhouse. Prints "ClickHouse HTTP ready at URL" when it accepts queries.
/// </summary>
internal static class ClickHouseCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 8123;
        var data = Path.Combine(EmbeddedTools.DataRoot, "clickhouse");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 65535:
                    port = parsed;
                    i++;
                    break;
                case "--data" when !string.IsNullOrWhiteSpace(value):
                    data = value;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"bridgestream clickhouse: unexpected '{args[i]}'. Usage: bridgestream clickhouse [--port 0-65535] [--data PATH]").ConfigureAwait(false);
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using var server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { DataPath = data, Port = port }, loggers, stop.Token).ConfigureAwait(false);
        Console.WriteLine(EmbeddedClickHouseProcess.ReadyPrefix + server.HttpEndpoint);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        return 0;
    }
}
