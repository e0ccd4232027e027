using BridgeStream.Core.Chains;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Settlement;
using BridgeStream.Kafka;

namespace BridgeStream.Ingest;

/// <summary>
/// Publishes a range's decoded events and dead letters through one <see cref="PublishBatch"/>, and remembers per block
/// what it published (the reorg window needs it to retract). Events whose outcome depends on a receipt are held back.
/// </summary>
internal sealed class PublishingSink(EventPublisher publisher) : IDecodeSink, ISettlementSink
{
    private readonly Dictionary<ulong, List<PublishedEvent>> _byBlock = [];

    public PublishBatch Batch { get; } = publisher.BeginBatch();

    public int Events { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Decoded events held back until the receipt that decides them is read.</summary>
    public List<BridgeEvent> AwaitingOutcome { get; } = [];

    /// <summary>Decoded settlement steps, held back until their look-ups are read (<see cref="SettlementResolver"/>).</summary>
    public List<SettlementEvent> Settlements { get; } = [];

    public IReadOnlyList<PublishedEvent> PublishedIn(ulong block) => _byBlock.TryGetValue(block, out var events) ? events : [];

    public void OnSettlement(SettlementEvent settlement) => Settlements.Add(settlement);

    public void PublishSettlement(SettlementEvent settlement)
    {
        publisher.PublishSettlement(settlement, Batch);
        var p = settlement.Position;
        Track(p.BlockNumber, new PublishedEvent(settlement.Key, Protocol.Unspecified, p.TransactionHash, p.LogIndex, Settlement: true));
        Events++;
    }

    public void OnEvent(BridgeEvent bridgeEvent)
    {
        if (bridgeEvent.OutcomeTransaction.IsZero)
        {
            Publish(bridgeEvent);
        }
        else
        {
            AwaitingOutcome.Add(bridgeEvent);
        }
    }

    public void Publish(BridgeEvent bridgeEvent)
    {
        publisher.Publish(bridgeEvent, Batch);
        var p = bridgeEvent.Position;
        Track(p.BlockNumber, new PublishedEvent(bridgeEvent.CorrelationKey, bridgeEvent.Protocol, p.TransactionHash, p.LogIndex));
        Events++;
    }

    private void Track(ulong block, PublishedEvent published)
    {
        if (!_byBlock.TryGetValue(block, out var events))
        {
            _byBlock[block] = events = [];
        }

        events.Add(published);
    }

    public void OnRejected(RejectedLog rejected)
    {
        publisher.PublishDeadLetter(rejected, "ingest", Batch);
        Rejected++;
    }
}
