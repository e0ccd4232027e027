using BridgeStream.Ingest;

namespace BridgeStream.Tests.Core;

public sealed class IngestProgressDisplayTests
{
    [Fact]
    public void A_progress_line_shows_the_bar_the_rate_and_the_time_left()
    {
        var chain = new ChainState("l1", 1, Head: 1000, Safe: 990, Finalized: 980, Ingested: 250, DateTimeOffset.UtcNow, null, null);
        Assert.Equal("l1         [########......................] 250/1000  50 blocks/s  ETA 00:00:15", IngestProgressDisplay.Line(chain, 50));
        Assert.EndsWith("ETA --", IngestProgressDisplay.Line(chain, 0), StringComparison.Ordinal);
    }
}
