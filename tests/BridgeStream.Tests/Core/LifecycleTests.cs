using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Tests.Core;

/// <summary>The lifecycles beyond send/relay: arrival, proof, and the deadlines each protocol module derives from them.</summary>
public sealed class LifecycleTests
{
    private static readonly Hash32 Key = Hash32.FromUInt64(7);

    [Fact]
    public void A_withdrawal_goes_sent_proven_delivered_and_its_window_runs_from_the_proof()
    {
        var record = new MessageRecord(Key, Protocol.OpStackWithdrawal);
        var module = ProtocolCatalog.Module(Protocol.OpStackWithdrawal);
        record.Apply(Step(EventKind.MessageSent, chain: 10, block: 1, time: 1_000, source: 10, destination: 1), 0, 0);
        Assert.Equal(MessageStatus.Sent, record.Status);
        Assert.Null(module.Deadlines(record, TimingTable.Empty).FinalizableAt);

        record.Apply(Step(EventKind.MessageProven, chain: 1, block: 5, time: 5_000, source: 10, destination: 1), 0, 1);
        Assert.Equal(MessageStatus.Proven, record.Status);
        // OP Mainnet's published proof maturity delay (7 days), unless configuration says otherwise.
        Assert.Equal(5_000 + 604_800, module.Deadlines(record, TimingTable.Empty).FinalizableAt);
        Assert.Equal(5_000 + 120, module.Deadlines(record, new TimingTable([new ChainTiming(10, ChallengeWindowSeconds: 120)])).FinalizableAt);

        record.Apply(Step(EventKind.MessageRelayed, chain: 1, block: 9, time: 700_000, source: 10, destination: 1), 0, 2);
        Assert.Equal(MessageStatus.Delivered, record.Status);
        Assert.Equal(699_000, record.LatencySeconds);
    }

    [Fact]
    public void A_retryable_ticket_arrives_then_fails_then_is_redeemed_and_expires_a_lifetime_after_its_creation()
    {
        var record = new MessageRecord(Key, Protocol.ArbitrumRetryable);
        var module = ProtocolCatalog.Module(Protocol.ArbitrumRetryable);
        record.Apply(Step(EventKind.MessageSent, chain: 1, block: 1, time: 100, source: 1, destination: 42161), 0, 0);
        Assert.Null(module.Deadlines(record, TimingTable.Empty).ExpiresAt);

        record.Apply(Step(EventKind.MessageArrived, chain: 42161, block: 2, time: 160, source: 1, destination: 42161), 0, 1);
        Assert.Equal(MessageStatus.Arrived, record.Status);
        Assert.Equal(160 + (7 * 86_400), module.Deadlines(record, TimingTable.Empty).ExpiresAt);
        Assert.Equal(160 + 300, module.Deadlines(record, new TimingTable([new ChainTiming(42161, RetryableLifetimeSeconds: 300)])).ExpiresAt);

        record.Apply(Step(EventKind.MessageRelayFailed, chain: 42161, block: 2, time: 160, source: 1, destination: 42161, logIndex: 1), 0, 2);
        Assert.Equal(MessageStatus.Failed, record.Status);
        record.Apply(Step(EventKind.MessageRelayed, chain: 42161, block: 8, time: 400, source: 1, destination: 42161), 0, 3);
        Assert.Equal(MessageStatus.Delivered, record.Status);
        Assert.Equal(300, record.LatencySeconds);
    }

    [Fact]
    public void An_arbitrum_withdrawal_is_executable_a_challenge_window_after_its_send()
    {
        var record = new MessageRecord(Key, Protocol.ArbitrumOutbox);
        record.Apply(Step(EventKind.MessageSent, chain: 42161, block: 1, time: 1_000, source: 42161, destination: 1), 0, 0);
        var deadlines = ProtocolCatalog.Module(Protocol.ArbitrumOutbox).Deadlines(record, TimingTable.Empty);
        Assert.Equal(1_000 + 549_816, deadlines.FinalizableAt);
        Assert.Null(deadlines.ExpiresAt);
    }

    [Fact]
    public void A_proof_or_arrival_without_its_send_is_received_without_send()
    {
        var record = new MessageRecord(Key, Protocol.OpStackWithdrawal);
        record.Apply(Step(EventKind.MessageProven, chain: 1, block: 5, time: 5_000, source: 10, destination: 1), 0, 0);
        Assert.Equal(MessageStatus.ReceivedWithoutSend, record.Status);
    }

    [Fact]
    public void Every_protocol_has_a_module_with_a_decoder_of_that_protocol_and_a_proof_system()
    {
        foreach (var protocol in Enum.GetValues<Protocol>().Where(p => p != Protocol.Unspecified))
        {
            var module = ProtocolCatalog.Module(protocol);
            Assert.Equal(protocol, module.CreateDecoder().Protocol);
            Assert.NotEqual(ProofSystem.Unspecified, module.ProofSystem);
            Assert.NotEmpty(module.ContractKinds);
            Assert.All(module.MainnetDeployments, d => Assert.True(ProtocolMaskContains(ProtocolCatalog.ProtocolsOfKind(d.Kind), protocol), $"{d.Kind} of {protocol}"));
        }
    }

    private static bool ProtocolMaskContains(ulong mask, Protocol protocol) => BridgeStream.Core.Decoding.ProtocolMask.Contains(mask, protocol);

    private static BridgeEvent Step(EventKind kind, ulong chain, ulong block, long time, ulong source, ulong destination, uint logIndex = 0) => new()
    {
        Position = new LogPosition(chain, block, Hash32.FromUInt64(block), Hash32.FromUInt64(1000 + block), logIndex, time, default),
        Protocol = Protocol.OpStackWithdrawal,
        Kind = kind,
        CorrelationKey = Key,
        SourceChainId = source,
        DestinationChainId = destination,
    };
}
