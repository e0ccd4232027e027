using BridgeStream.Cli;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
