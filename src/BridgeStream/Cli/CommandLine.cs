namespace BridgeStream.Cli;

/// <summary>Entry point: one executable, one subcommand per part of the system.</summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("usage: bridgestream <up|ingest|process|api|migrate|bench|decode>");
        return Task.FromResult(args.Length == 0 ? 2 : 2);
    }
}
