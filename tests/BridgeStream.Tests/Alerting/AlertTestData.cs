using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Tests.Alerting;

/// <summary>
/// Messages as the correlator builds them (real <see cref="MessageRecord"/>s from synthetic events, deadlines from the
/// real protocol modules), turned into the alerting's snapshots; and rule files written as YAML.
/// </summary>
internal sealed class MessageBuilder(Hash32 id, Protocol protocol, ulong source, ulong destination, int partition = 0)
{
    private readonly MessageRecord _record = new(id, protocol);
    private long _offset;
    private uint _log;

    public MessageBuilder(ulong id, Protocol protocol = Protocol.OpStackMessenger, ulong source = 900, ulong destination = 901, int partition = 0)
        : this(Hash32.FromUInt64(id), protocol, source, destination, partition)
    {
    }

    public Hash32 Id => id;

    public MessageRecord Record => _record;

    public MessageBuilder Step(EventKind kind, long timeSeconds)
    {
        var chain = kind == EventKind.MessageSent ? source : destination;
        _record.Apply(new BridgeEvent
        {
            Position = new LogPosition(chain, (ulong)timeSeconds, Hash32.FromUInt64((ulong)timeSeconds), Hash32.FromUInt64(1_000_000 + (ulong)timeSeconds), _log++, timeSeconds, default),
            Protocol = protocol,
            Kind = kind,
            CorrelationKey = id,
            SourceChainId = source,
            DestinationChainId = destination,
        }, partition, _offset++);
        return this;
    }

    public MessageBuilder Sent(long at) => Step(EventKind.MessageSent, at);

    public MessageBuilder Relayed(long at) => Step(EventKind.MessageRelayed, at);

    public MessageBuilder Failed(long at) => Step(EventKind.MessageRelayFailed, at);

    public MessageBuilder Arrived(long at) => Step(EventKind.MessageArrived, at);

    public MessageBuilder Proven(long at) => Step(EventKind.MessageProven, at);

    public OpenMessage Snapshot(TimingTable? timing = null) =>
        OpenMessage.From(_record, protocol == Protocol.Unspecified ? MessageDeadlines.None : ProtocolCatalog.Module(protocol).Deadlines(_record, timing ?? TimingTable.Empty));
}

internal static class Rules
{
    public static AlertRuleSet Parse(string yaml) => AlertRulesFile.Parse(yaml, "test.yaml");

    /// <summary>The devnet's shape: L1 900; delayed 10 s (warning), stuck 30 s (critical), relay failed after 5 s.</summary>
    public const string Basic = """
        version: 1
        evaluationInterval: 1s
        l1ChainIds: [900]
        rules:
          - id: delayed
            type: undelivered
            severity: warning
            threshold: 10s
            match: { withdrawals: exclude }
          - id: stuck
            type: undelivered
            severity: critical
            threshold: 30s
            match: { withdrawals: exclude }
          - id: relay-failed
            type: relay-failed
            severity: warning
            after: 5s
          - id: expiring
            type: retryable-expiry
            severity: critical
            before: 60s
          - id: not-finalized
            type: withdrawal-finalization
            severity: warning
            after: 20s
        """;
}
