using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Core;

/// <summary>The correlation state machine: order-independent pairing and idempotent replays.</summary>
public sealed class MessageRecordTests
{
    private static readonly Hash32 Key = Hash32.FromUInt64(42);

    [Fact]
    public void Every_arrival_order_of_send_failure_and_relay_ends_in_the_same_state()
    {
        BridgeEvent[] events = [Send(timestamp: 100), Receive(EventKind.MessageRelayFailed, timestamp: 130, block: 7), Receive(EventKind.MessageRelayed, timestamp: 160, block: 9)];
        foreach (var order in Permutations([0, 1, 2]))
        {
            var record = new MessageRecord(Key, Protocol.OpStackMessenger);
            for (var i = 0; i < order.Length; i++)
            {
                Assert.True(record.Apply(events[order[i]], partition: 0, offset: i));
            }

            Assert.Equal(MessageStatus.Delivered, record.Status);
            Assert.Equal(60, record.LatencySeconds);
            Assert.Equal(1u, record.FailedAttempts);
            Assert.Equal(900UL, record.SourceChainId);
            Assert.Equal(901UL, record.DestinationChainId);
        }
    }

    [Fact]
    public void A_receive_before_its_send_is_visible_as_such_and_pairs_when_the_send_arrives()
    {
        var record = new MessageRecord(Key, Protocol.OpStackMessenger);
        record.Apply(Receive(EventKind.MessageRelayed, timestamp: 50, block: 3), 0, 0);
        Assert.Equal(MessageStatus.ReceivedWithoutSend, record.Status);
        Assert.Null(record.LatencySeconds);

        record.Apply(Send(timestamp: 20), 0, 1);
        Assert.Equal(MessageStatus.Delivered, record.Status);
        Assert.Equal(30, record.LatencySeconds);
    }

    [Fact]
    public void A_failed_relay_stays_failed_until_a_replay_relays_it()
    {
        var record = new MessageRecord(Key, Protocol.OpStackMessenger);
        record.Apply(Send(timestamp: 10), 0, 0);
        Assert.Equal(MessageStatus.Sent, record.Status);
        record.Apply(Receive(EventKind.MessageRelayFailed, timestamp: 20, block: 2), 0, 1);
        record.Apply(Receive(EventKind.MessageRelayFailed, timestamp: 25, block: 3), 0, 2);
        Assert.Equal(MessageStatus.Failed, record.Status);
        Assert.Equal(2u, record.FailedAttempts);
        record.Apply(Receive(EventKind.MessageRelayed, timestamp: 40, block: 4), 0, 3);
        Assert.Equal(MessageStatus.Delivered, record.Status);
        Assert.Equal(30, record.LatencySeconds);
    }

    [Fact]
    public void Records_at_or_before_the_last_applied_offset_are_ignored()
    {
        var record = new MessageRecord(Key, Protocol.OpStackMessenger);
        Assert.True(record.Apply(Send(timestamp: 10), partition: 3, offset: 5));
        Assert.True(record.Apply(Receive(EventKind.MessageRelayFailed, 20, 2), partition: 3, offset: 6));
        Assert.False(record.Apply(Receive(EventKind.MessageRelayFailed, 20, 2), partition: 3, offset: 6));
        Assert.False(record.Apply(Send(timestamp: 10), partition: 3, offset: 5));
        Assert.Equal(1u, record.FailedAttempts);
        Assert.Equal(7UL, record.Version);
    }

    private static BridgeEvent Send(long timestamp) => new()
    {
        Position = new LogPosition(900, 1, Hash32.FromUInt64(1), Hash32.FromUInt64(11), 0, timestamp, default),
        Protocol = Protocol.OpStackMessenger,
        Kind = EventKind.MessageSent,
        CorrelationKey = Key,
        SourceChainId = 900,
        DestinationChainId = 901,
        Value = Hash32.FromUInt64(5),
    };

    private static BridgeEvent Receive(EventKind kind, long timestamp, ulong block) => new()
    {
        Position = new LogPosition(901, block, Hash32.FromUInt64(block), Hash32.FromUInt64(100 + block), 0, timestamp, default),
        Protocol = Protocol.OpStackMessenger,
        Kind = kind,
        CorrelationKey = Key,
        SourceChainId = 900,
        DestinationChainId = 901,
    };

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1 ? [items]
        : items.SelectMany((item, i) => Permutations([.. items.Take(i), .. items.Skip(i + 1)]).Select(rest => (int[])[item, .. rest]));
}
