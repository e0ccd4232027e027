using System.Globalization;
using BridgeStream.Core.Protocols;
using BridgeStream.LogDecoding;
using BridgeStream.Hosting;

namespace BridgeStream.Cli;

/// <summary>
/// `decode --chain-id N`: bridge events of an eth_getLogs-style JSON array read from stdin, one JSON object per line on
/// stdout; undecodable logs, with the reason, on stderr. Exit 0 when the input was read (whatever it held), 2 on bad
/// arguments or input that is not such an array.
/// </summary>
internal static class DecodeCommand
{
    private const string Usage = """
        usage: bridgestream decode --chain-id N < logs.json

        Reads an eth_getLogs-style JSON array of logs (address, topics, data, blockNumber, blockHash, transactionHash,
        logIndex) from stdin, decodes every bridge event it recognises by its signature, and prints one JSON object per
        event (protocol, kind, correlationKey, the decoded fields) per line. Logs it cannot decode go to stderr with the
        reason. Emitters are checked against the known mainnet deployments and any configured Chains.
        """;

    public static int Run(string[] args, Stream input, Stream output, Stream errors, IConfiguration configuration)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (!TryChainId(args, out var chainId, out var argumentError))
        {
            Console.Error.WriteLine($"bridgestream decode: {argumentError}\n\n{Usage}");
            return 2;
        }

        List<Core.Events.RawLog> logs;
        try
        {
            logs = JsonLogReader.Read(input, chainId);
        }
        catch (LogInputException ex)
        {
            Console.Error.WriteLine($"bridgestream decode: {ex.Message}");
            return 2;
        }

        var chains = ChainsConfiguration.Read(configuration);
        var tool = new LogDecodeTool(ChainsConfiguration.Directory(chains), ChainsConfiguration.Domains(chains));
        var summary = tool.Run(logs, chainId, output, errors);
        Console.Error.WriteLine($"decoded {summary.Events} events from {summary.Logs} logs; {summary.Rejected} rejected, {summary.Unrecognised} not bridge events");
        return 0;
    }

    private static bool TryChainId(string[] args, out ulong chainId, out string error)
    {
        chainId = 0;
        var at = Array.IndexOf(args, "--chain-id");
        var text = at >= 0 && at + 1 < args.Length ? args[at + 1]
            : args.FirstOrDefault(a => a.StartsWith("--chain-id=", StringComparison.Ordinal))?["--chain-id=".Length..];
        if (text is null)
        {
            error = "--chain-id N is required (the chain the logs come from)";
            return false;
        }

        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out chainId) || chainId == 0)
        {
            error = $"--chain-id must be a positive integer, got '{text}'";
            return false;
        }

        error = "";
        return true;
    }
}
