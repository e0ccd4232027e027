using Microsoft.Extensions.Hosting;

namespace BridgeStream.Ingest;

/// <summary>
/// A progress line per chain on an interactive terminal: ingested/head, blocks/s and the time left, redrawn once a
/// second while any chain is behind its head. The same figures are metrics (/metrics) for everything else.
/// </summary>
internal sealed class IngestProgressDisplay(ChainStatus status) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = new Dictionary<ulong, ulong>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var chain in status.Chains.Where(c => c.LastProgressAt is not null && c.LagBlocks > 0))
            {
                var rate = previous.TryGetValue(chain.ChainId, out var before) ? chain.Ingested - Math.Min(before, chain.Ingested) : 0;
                Console.Error.WriteLine(Line(chain, rate));
            }

            previous = status.Chains.ToDictionary(c => c.ChainId, c => c.Ingested);
        }
    }

    internal static string Line(ChainState chain, ulong blocksPerSecond)
    {
        const int width = 30;
        var done = chain.Head == 0 ? 1.0 : (double)chain.Ingested / chain.Head;
        var filled = (int)Math.Round(done * width);
        var eta = blocksPerSecond == 0 ? "--" : TimeSpan.FromSeconds(chain.LagBlocks / blocksPerSecond).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
        return $"{chain.Name,-10} [{new string('#', filled)}{new string('.', width - filled)}] {chain.Ingested}/{chain.Head}  {blocksPerSecond} blocks/s  ETA {eta}";
    }
}
