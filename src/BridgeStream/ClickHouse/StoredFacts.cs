using System.Runtime.CompilerServices;
using BridgeStream.Core.Analytics;
using BridgeStream.Core.Correlation;

namespace BridgeStream.ClickHouse;

/// <summary>
/// The analytics facts of each message record as ClickHouse last stored them (as read by LoadMessagesAsync or written
/// by UpsertMessagesAsync), keyed by the record object: the correlator mutates a record in place and drops it from its
/// cache at will, and an entry goes with its record. A record never seen here is a new message, stored with no facts.
/// </summary>
internal sealed class StoredFacts
{
    private readonly ConditionalWeakTable<MessageRecord, IReadOnlyList<AnalyticsFact>> _facts = [];

    public IReadOnlyList<AnalyticsFact> Of(MessageRecord record) => _facts.TryGetValue(record, out var facts) ? facts : [];

    public void Remember(MessageRecord record, IReadOnlyList<AnalyticsFact> facts) => _facts.AddOrUpdate(record, facts);
}
