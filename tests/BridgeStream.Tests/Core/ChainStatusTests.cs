using BridgeStream.Ingest;

namespace BridgeStream.Tests.Core;

public sealed class ChainStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_head_that_stopped_moving_is_stalled_before_anything_else()
    {
        var chain = Chain() with { HeadAdvancedAt = Now.AddMinutes(-3), LastErrorAt = Now.AddSeconds(-5) };
        Assert.Equal("stalled", chain.Health(Now));
    }

    [Fact]
    public void Recent_errors_degrade_and_old_ones_are_forgotten()
    {
        Assert.Equal("degraded", (Chain() with { LastErrorAt = Now.AddSeconds(-30) }).Health(Now));
        Assert.Equal("healthy", (Chain() with { LastErrorAt = Now.AddMinutes(-5) }).Health(Now));
    }

    [Fact]
    public void A_chain_that_has_not_ingested_yet_is_starting()
    {
        Assert.Equal("starting", (Chain() with { LastProgressAt = null }).Health(Now));
    }

    private static ChainState Chain() =>
        new("l1", 1, Head: 100, Safe: 96, Finalized: 92, Ingested: 100, LastProgressAt: Now, LastError: null, LastErrorAt: null) { HeadAdvancedAt = Now.AddSeconds(-2) };
}
