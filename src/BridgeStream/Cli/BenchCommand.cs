using BridgeStream.Bench;

namespace BridgeStream.Cli;

/// <summary>
/// `bench`: throughput of each pipeline stage and event->queryable latency on the embedded default, printed as a
/// table (and optionally JSON). Figures only, no pass/fail: rerun it to compare.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--alert-timers"))
        {
            return await AlertTimersBench.RunAsync(args).ConfigureAwait(false);
        }

        if (args is ["-h" or "--help" or "help"])
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"bridgestream bench: {ex.Message}\n\n{BenchOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var report = await new BenchRunner(options, loggers, Progress).RunAsync(stop.Token).ConfigureAwait(false);
            report.Run["bench duration"] = $"{clock.Elapsed.TotalSeconds:0} s";
            report.Print(Console.Out);
            if (options.JsonPath is not null)
            {
                await report.WriteJsonAsync(options.JsonPath, CancellationToken.None).ConfigureAwait(false);
                Console.WriteLine($"Results written to {Path.GetFullPath(options.JsonPath)}");
            }

            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("bench cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException or IOException or HttpRequestException or Rpc.RpcException)
        {
            await Console.Error.WriteLineAsync($"bench failed after {clock.Elapsed.TotalSeconds:0} s: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void Progress(string message) => Console.WriteLine($"==> [{DateTime.Now:HH:mm:ss}] {message}");
}
