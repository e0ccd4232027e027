using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Analytics;

/// <summary>What an analytics fact records (stored as the UPPER_SNAKE_CASE name).</summary>
public enum FactKind
{
    /// <summary>The message left its source chain.</summary>
    Sent,

    /// <summary>The message was executed successfully; latency = delivery - send.</summary>
    Delivered,

    /// <summary>One failed execution attempt.</summary>
    Failed,

    /// <summary>Reached the destination before execution; latency = arrival - send.</summary>
    Arrived,

    /// <summary>A withdrawal was proven; latency = proof - send.</summary>
    Proven,

    /// <summary>A proven message was delivered (an OP withdrawal finalized); latency = delivery - proof.</summary>
    Finalized,

    /// <summary>A transfer the send carries, at the send.</summary>
    SentValue,

    /// <summary>The same transfer at the delivery (only when the send is known); latency = delivery - send.</summary>
    DeliveredValue,

    /// <summary>
    /// Sent and not delivered (yet), at the send: the message's first transfer, its sender and, when it waits out a
    /// challenge window, when that ends (Until). Exactly one while the message is open, none once it is delivered.
    /// </summary>
    Open,
}

/// <summary>
/// One fact about a message that the analytics tables count: a kind, the block time it happened at, the route as the
/// message knows it then, a latency for the timed kinds, and for value facts the token (on the source chain; the zero
/// address is the native asset), the amount in its smallest unit and the holder (the sender at the send, the recipient at
/// the delivery); for an open message, when its challenge window ends (unix seconds).
/// </summary>
public readonly record struct AnalyticsFact(
    FactKind Kind, long AtUnixSeconds, ulong SourceChainId, ulong DestinationChainId, double? LatencySeconds = null, Address? Asset = null,
    Hash32 Amount = default, Address? Holder = null, long? UntilUnixSeconds = null);

/// <summary>A fact with its sign: +1 it now holds, -1 it no longer holds.</summary>
public readonly record struct SignedFact(sbyte Sign, AnalyticsFact Fact);

/// <summary>
/// The analytics facts of a message, derived from its state alone (a pure function of <see cref="MessageRecord"/>), and
/// the signed difference between two states. A stored message version carries the difference from the version before
/// it, so summing every version's difference gives exactly the facts of the newest version, whatever reorgs did between.
/// </summary>
public static class AnalyticsFacts
{
    /// <summary>
    /// The facts that hold for <paramref name="message"/> in its current state; <paramref name="deadlines"/> are the ones
    /// stored with that state (its open fact records when its challenge window ends).
    /// </summary>
    public static IReadOnlyList<AnalyticsFact> Of(MessageRecord message, MessageDeadlines deadlines = default)
    {
        var facts = new List<AnalyticsFact>();
        if (message.IsEmpty)
        {
            return facts;
        }

        var source = message.SourceChainId;
        var destination = message.DestinationChainId;
        var send = message.Send;
        var delivery = message.Delivery;
        var proof = message.Proof;
        var arrival = message.Arrival;
        if (send is not null)
        {
            facts.Add(new AnalyticsFact(FactKind.Sent, send.BlockTimestamp, source, destination));
        }

        if (delivery is not null)
        {
            facts.Add(new AnalyticsFact(FactKind.Delivered, delivery.BlockTimestamp, source, destination, Between(send, delivery)));
            if (proof is not null)
            {
                facts.Add(new AnalyticsFact(FactKind.Finalized, delivery.BlockTimestamp, source, destination, Between(proof, delivery)));
            }
        }

        if (arrival is not null)
        {
            facts.Add(new AnalyticsFact(FactKind.Arrived, arrival.BlockTimestamp, source, destination, Between(send, arrival)));
        }

        if (proof is not null)
        {
            facts.Add(new AnalyticsFact(FactKind.Proven, proof.BlockTimestamp, source, destination, Between(send, proof)));
        }

        foreach (var failure in message.Steps.Where(s => s.Kind == EventKind.MessageRelayFailed))
        {
            facts.Add(new AnalyticsFact(FactKind.Failed, failure.At.BlockTimestamp, source, destination));
        }

        if (send is not null)
        {
            var transfers = Transfers(message).ToList();
            foreach (var (asset, amount) in transfers)
            {
                facts.Add(new AnalyticsFact(FactKind.SentValue, send.BlockTimestamp, source, destination, null, asset, amount, message.Sender));
                if (delivery is not null)
                {
                    facts.Add(new AnalyticsFact(
                        FactKind.DeliveredValue, delivery.BlockTimestamp, source, destination, Between(send, delivery), asset, amount, message.Target));
                }
            }

            if (delivery is null)
            {
                var (asset, amount) = transfers.Count > 0 ? transfers[0] : ((Address?)null, Hash32.Zero);
                facts.Add(new AnalyticsFact(FactKind.Open, send.BlockTimestamp, source, destination, null, asset, amount, message.Sender, deadlines.FinalizableAt));
            }
        }

        return facts;
    }

    /// <summary>
    /// The value a message moves: its token transfer (asset and amount, when the decoder found one; the zero address is
    /// the native asset) and, when it carries native value besides a token, that native value; a message without a
    /// transfer that carries native value (an OP messenger call with ETH) moves that value. A transport that carries
    /// another message (an OP portal deposit or withdrawal under a messenger message) moves nothing of its own: the
    /// carried message counts the value, which would otherwise be counted twice.
    /// </summary>
    public static IEnumerable<(Address Asset, Hash32 Amount)> Transfers(MessageRecord message)
    {
        if (!message.CarriedMessageId.IsZero)
        {
            yield break;
        }

        var hasTransfer = !message.Amount.IsZero;
        if (hasTransfer)
        {
            yield return (message.Asset, message.Amount);
        }

        if (!message.Value.IsZero && (!hasTransfer || message.Asset != Address.Zero))
        {
            yield return (Address.Zero, message.Value);
        }
    }

    /// <summary>
    /// Facts of <paramref name="after"/> that <paramref name="before"/> lacks get +1, facts of <paramref name="before"/> that
    /// <paramref name="after"/> lacks get -1 (as multisets: two failures in one block are two facts).
    /// </summary>
    public static IReadOnlyList<SignedFact> Delta(IReadOnlyList<AnalyticsFact> before, IReadOnlyList<AnalyticsFact> after)
    {
        var remaining = new Dictionary<AnalyticsFact, int>();
        foreach (var fact in before)
        {
            remaining[fact] = remaining.GetValueOrDefault(fact) + 1;
        }

        var delta = new List<SignedFact>();
        foreach (var fact in after)
        {
            if (remaining.TryGetValue(fact, out var count) && count > 0)
            {
                remaining[fact] = count - 1;
            }
            else
            {
                delta.Add(new SignedFact(1, fact));
            }
        }

        foreach (var fact in before)
        {
            if (remaining.TryGetValue(fact, out var count) && count > 0)
            {
                remaining[fact] = count - 1;
                delta.Add(new SignedFact(-1, fact));
            }
        }

        return delta;
    }

    private static double? Between(EventRef? from, EventRef to) => from is null ? null : to.BlockTimestamp - from.BlockTimestamp;
}
