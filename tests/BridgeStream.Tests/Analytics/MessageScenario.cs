using System.Numerics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// One message driven through its lifecycle the way the correlator does it: each step is a BridgeEvent applied to a real
/// MessageRecord at the next Kafka offset, and (by default) each new state is written as a new row version through the
/// real ClickHouseStore, so the analytics deltas of every version are what production writes.
/// </summary>
internal sealed class MessageScenario
{
    private static int blocks;
    private readonly ClickHouseStore? _store;
    private long _offset;

    public MessageScenario(ClickHouseStore? store, int id, Protocol protocol, ulong source, ulong destination)
        : this(store, new MessageRecord(Hash32.FromUInt64((ulong)id), protocol) { Partition = 0 }, source, destination)
    {
    }

    private MessageScenario(ClickHouseStore? store, MessageRecord record, ulong source, ulong destination)
    {
        _store = store;
        Record = record;
        Source = source;
        Destination = destination;
        _offset = record.Offset + 1;
    }

    /// <summary>Continues a record loaded from ClickHouse (a processor that took over), at its next offset.</summary>
    public static MessageScenario Resume(ClickHouseStore store, MessageRecord loaded, ulong source, ulong destination) =>
        new(store, loaded, source, destination);

    public MessageRecord Record { get; }

    public ulong Source { get; }

    public ulong Destination { get; }

    public string Id => Record.MessageId.ToString();

    public static Address AddressOf(int n) => Address.Parse("0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture));

    public static long Unix(DateTime time) => (long)(time - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>The send, with native value in wei and/or a token transfer.</summary>
    public Task<LogPosition> SendAsync(DateTime at, BigInteger value = default, Address? asset = null, BigInteger amount = default, Address sender = default, Address target = default) =>
        ApplyAsync(new BridgeEvent
        {
            Position = Position(Source, at),
            Protocol = Record.Protocol,
            Kind = EventKind.MessageSent,
            CorrelationKey = Record.MessageId,
            SourceChainId = Source,
            DestinationChainId = Destination,
            Sender = sender,
            Target = target,
            Value = Hash32.FromBigInteger(value),
            Asset = asset ?? default,
            Amount = Hash32.FromBigInteger(amount),
        });

    public Task<LogPosition> RelayAsync(DateTime at) => StepAsync(EventKind.MessageRelayed, Destination, at);

    public Task<LogPosition> FailAsync(DateTime at) => StepAsync(EventKind.MessageRelayFailed, Destination, at);

    /// <summary>A withdrawal's proof, on the destination (L1).</summary>
    public Task<LogPosition> ProveAsync(DateTime at) => StepAsync(EventKind.MessageProven, Destination, at);

    public Task<LogPosition> ArriveAsync(DateTime at) => StepAsync(EventKind.MessageArrived, Destination, at);

    /// <summary>A reorg orphaned the block of <paramref name="step"/>: the ingestor's retraction.</summary>
    public Task<LogPosition> RetractAsync(LogPosition step) => ApplyAsync(new BridgeEvent
    {
        Position = step,
        Protocol = Record.Protocol,
        Kind = EventKind.Retracted,
        CorrelationKey = Record.MessageId,
        SourceChainId = Source,
        DestinationChainId = Destination,
    });

    private Task<LogPosition> StepAsync(EventKind kind, ulong chain, DateTime at) => ApplyAsync(new BridgeEvent
    {
        Position = Position(chain, at),
        Protocol = Record.Protocol,
        Kind = kind,
        CorrelationKey = Record.MessageId,
        SourceChainId = Source,
        DestinationChainId = Destination,
    });

    private async Task<LogPosition> ApplyAsync(BridgeEvent bridgeEvent)
    {
        Assert.True(Record.Apply(bridgeEvent, 0, _offset++));
        if (_store is not null)
        {
            await _store.UpsertMessagesAsync([Record], TestContext.Current.CancellationToken);
        }

        return bridgeEvent.Position;
    }

    private static LogPosition Position(ulong chain, DateTime at)
    {
        var block = (ulong)Interlocked.Increment(ref blocks);
        return new LogPosition(chain, block, Hash32.FromUInt64(1_000_000 + block), Hash32.FromUInt64(2_000_000 + block), 0, Unix(at), default);
    }
}
