using BridgeStream.Core.Chains;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Kafka;

namespace BridgeStream.Ingest;

/// <summary>
/// Publishes a range's decoded events and dead letters through one <see cref="PublishBatch"/>, and remembers per block
/// what it published (the reorg window needs it to retract). Events whose outcome depends on a receipt are held back.
/// </summary>
internal sealed class PublishingSink(EventPublisher publisher) : IDecodeSink
{
    private readonly Dictionary<ulong, List<PublishedEvent>> _byBlock = [];

    public PublishBatch Batch { get; } = publisher.BeginBatch();

    public int Events { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Decoded events held back until the receipt that decides them is read.</summary>
    public List<BridgeEvent> AwaitingOutcome { get; } = [];

    public IReadOnlyList<PublishedEvent> PublishedIn(ulong block) => _byBlock.TryGetValue(block, out var events) ? events : [];

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
        if (!_byBlock.TryGetValue(p.BlockNumber, out var events))
        {
            _byBlock[p.BlockNumber] = events = [];
        }

        events.Add(new PublishedEvent(bridgeEvent.CorrelationKey, bridgeEvent.Protocol, p.TransactionHash, p.LogIndex));
        Events++;
    }

    public void OnRejected(RejectedLog rejected)
    {
        publisher.PublishDeadLetter(rejected, "ingest", Batch);
        Rejected++;
    }
}
