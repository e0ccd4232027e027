namespace BridgeStream.Cli;

/// <summary>Entry point: one executable, one subcommand per part of the system.</summary>
internal static class CommandLine
{
    private const string Usage = """
        usage: bridgestream <command> [options]

          up        the whole pipeline on the embedded default: devnet chains + traffic, Kafka, ClickHouse, ingest, process, API
          ingest    chain ingestors -> Kafka
          process   Kafka -> correlator -> ClickHouse (run several: they share the partitions)
          api       GraphQL API (http://127.0.0.1:8080/graphql)
          pipeline  ingest + process + api in one process
          migrate   apply the ClickHouse schema (schemas/clickhouse) and exit
          clickhouse  the embedded ClickHouse (chDB) as a server process of its own [--port N] [--data PATH]
          decode    decode an eth_getLogs JSON array from stdin into bridge events, one JSON object per line [--chain-id N]
          bench     measure ingest, correlator and ClickHouse throughput and event->queryable latency
                    (options: --pairs N, --live-samples N, --json PATH; see `bridgestream bench --help`);
                    `bench --alert-timers N` measures the alerting's timers for N open messages instead

        Configuration: appsettings.json, then environment variables BRIDGESTREAM_<Section>__<Key> (e.g.
        BRIDGESTREAM_Kafka__BootstrapServers), then --<Section>:<Key>=value arguments. Empty Kafka:BootstrapServers
        or ClickHouse:ConnectionString start the embedded Kafka / ClickHouse.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "up" => await UpCommand.RunAsync(rest).ConfigureAwait(false),
                "ingest" or "process" or "api" or "pipeline" => await ServiceCommand.RunAsync(args[0], rest).ConfigureAwait(false),
                "migrate" => await MigrateCommand.RunAsync(rest).ConfigureAwait(false),
                "clickhouse" => await ClickHouseCommand.RunAsync(rest).ConfigureAwait(false),
                "bench" => await BenchCommand.RunAsync(rest).ConfigureAwait(false),
                "decode" => RunDecode(rest),
                _ => Unknown(args[0]),
            };
        }
        catch (Hosting.InvalidConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"bridgestream: {ex.Message}. Is another `bridgestream up` (or a node or ClickHouse) using that port? Stop it, or choose other ports in the configuration.").ConfigureAwait(false);
            return 3;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Invalid configuration: " + string.Join("; ", ex.Failures)).ConfigureAwait(false);
            return 2;
        }
    }

    private static int RunDecode(string[] rest)
    {
        // Configuration as every command reads it, minus the decode flags (they are not configuration).
        var configuration = BridgeStreamHost.CreateBuilder([], null, "http://127.0.0.1:0").Configuration;
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        return DecodeCommand.Run(rest, stdin, stdout, stderr, configuration);
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"bridgestream: unknown command '{command}'\n\n{Usage}");
        return 2;
    }
}
