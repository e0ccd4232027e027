using BridgeStream.ClickHouse;
using BridgeStream.Core.Chains;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.ClickHouse;

/// <summary>The durable reorg window (ingest_blocks) keeps which published events were settlement steps, across restarts.</summary>
public sealed class SettlementReorgWindowTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task A_tracked_block_remembers_its_settlement_steps_apart_from_its_bridge_events()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "settlement_window"));
        var store = new ClickHouseStore(client);
        var bridge = new PublishedEvent(Hash32.FromUInt64(0xab), Protocol.ScrollMessenger, Hash32.FromUInt64(1), 0);
        var settlement = new PublishedEvent(Hash32.FromUInt64(904), Protocol.Unspecified, Hash32.FromUInt64(2), 1, Settlement: true);

        await store.SaveBlocksAsync(900, [new TrackedBlock(7, Hash32.FromUInt64(70), Hash32.FromUInt64(60), 1_700_000_000, [bridge, settlement])], ct);
        var block = Assert.Single(await store.LoadBlocksAsync(900, 0, 10, ct));

        Assert.Equal([bridge, settlement], block.Events);
    }
}
