using BridgeStream.Bench;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Primitives;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.ClickHouse;

/// <summary>The correlator looks up a whole batch's message ids at once (5000 by default): that must work at batch size.</summary>
public sealed class ClickHouseStoreLookupTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task Loads_a_correlator_batch_worth_of_ids_in_one_call()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "store_lookup"));
        var store = new ClickHouseStore(client);
        var stored = ClickHouseRowsBench.Messages(5000);
        await store.UpsertMessagesAsync(stored, ct);
        var unknown = Enumerable.Range(0, 500).Select(i => Hash32.FromUInt64((ulong)i + 1)).ToList();

        var found = await store.LoadMessagesAsync([.. stored.Select(m => m.MessageId), .. unknown], ct);

        Assert.Equal(5000, found.Count);
        var sample = stored[4321];
        var loaded = found[sample.MessageId];
        Assert.Equal(sample.Send!.TransactionHash, loaded.Send!.TransactionHash);
        Assert.Equal(sample.Delivery!.BlockNumber, loaded.Delivery!.BlockNumber);
        Assert.Equal(sample.Offset, loaded.Offset);
    }
}
