using BridgeStream.Bench;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
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

    [Fact]
    public async Task The_newest_version_wins_and_a_fully_retracted_message_keeps_guarding_against_replays()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "store_versions"));
        var store = new ClickHouseStore(client);
        var key = Hash32.FromUInt64(77);
        var send = Event(key, EventKind.MessageSent, logIndex: 0);
        var record = new MessageRecord(key, Protocol.OpStackMessenger);
        record.Apply(send, partition: 3, offset: 50);
        await store.UpsertMessagesAsync([record], ct);
        // A reorg orphans the send: the row's newest version has no step left and is written as deleted.
        record.Apply(send with { Kind = EventKind.Retracted }, partition: 3, offset: 60);
        Assert.True(record.IsEmpty);
        await store.UpsertMessagesAsync([record], ct);

        var loaded = (await store.LoadMessagesAsync([key], ct))[key];

        Assert.True(loaded.IsEmpty);
        Assert.Equal(60, loaded.Offset);
        // Re-reading the partition from an older offset must not bring the orphaned send back.
        Assert.False(loaded.Apply(send, partition: 3, offset: 50));
        Assert.True(loaded.IsEmpty);
    }

    private static BridgeEvent Event(Hash32 key, EventKind kind, uint logIndex) => new()
    {
        Position = new LogPosition(900, 1, Hash32.FromUInt64(1), Hash32.FromUInt64(2), logIndex, 1_700_000_000, default),
        Protocol = Protocol.OpStackMessenger,
        Kind = kind,
        CorrelationKey = key,
        SourceChainId = 900,
        DestinationChainId = 901,
    };
}
