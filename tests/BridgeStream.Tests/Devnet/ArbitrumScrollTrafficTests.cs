using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The continuous Arbitrum and Scroll traffic of `up`, bounded: every flow ends as planned (deliberate failures fail,
/// retries succeed) and the chains hold, per message, the lifecycle the flow meant, read back the way the pipeline reads it
/// (eth_getLogs on the configured contracts, the real decoders, redeem outcomes from the retry receipts, MessageRecord).
/// </summary>
public sealed class ArbitrumScrollTrafficTests(ArbitrumScrollDevnetFixture devnet) : IClassFixture<ArbitrumScrollDevnetFixture>
{
    private const int Flows = 60;

    [Fact]
    public async Task A_bounded_run_ends_every_flow_as_planned_and_leaves_each_lifecycle_on_chain()
    {
        var ct = TestContext.Current.CancellationToken;
        var traffic = new ArbitrumScrollTraffic { FlowInterval = TimeSpan.FromMilliseconds(100), DelayScale = 0.2 };

        var stats = await traffic.RunWithStatsAsync(devnet.Deployment, new SimulatorOptions { MaxDeposits = Flows, Seed = 11 }, NullLogger.Instance, ct);

        TestContext.Current.TestOutputHelper?.WriteLine(stats.ToString());
        Assert.Null(stats.Failure);
        Assert.Equal(0, stats.Errors);
        Assert.Equal(Flows, stats.Completed.Values.Sum());
        long Done(string flow) => stats.Completed.GetValueOrDefault(flow);
        foreach (var flow in new[] { "retryable auto-redeemed", "retryable failed, redeemed later", "ETH deposit", "withdrawal executed", "Scroll deposit", "Scroll deposit failed, replayed", "Scroll withdrawal" })
        {
            Assert.True(Done(flow) > 0, $"the seed produced no '{flow}' flow: {stats}");
        }

        var messages = await ReadChainsAsync(ct);
        long Count(Protocol protocol, MessageStatus status) => messages.Count(m => m.Protocol == protocol && m.Status == status);
        Assert.Equal(Done("retryable auto-redeemed") + Done("retryable failed, redeemed later") + Done("retryable manual redeem"), Count(Protocol.ArbitrumRetryable, MessageStatus.Delivered));
        Assert.Equal(Done("retryable failed, expires"), Count(Protocol.ArbitrumRetryable, MessageStatus.Failed));
        Assert.Equal(Done("retryable never redeemed, expires"), Count(Protocol.ArbitrumRetryable, MessageStatus.Arrived));
        Assert.Equal(Done("ETH deposit"), Count(Protocol.ArbitrumRetryable, MessageStatus.Sent));
        Assert.Equal(Done("withdrawal executed"), Count(Protocol.ArbitrumOutbox, MessageStatus.Delivered));
        Assert.Equal(Done("withdrawal never executed"), Count(Protocol.ArbitrumOutbox, MessageStatus.Sent));
        Assert.Equal(Done("Scroll deposit") + Done("Scroll deposit failed, replayed") + Done("Scroll withdrawal"), Count(Protocol.ScrollMessenger, MessageStatus.Delivered));
        Assert.Equal(Done("Scroll deposit failed for good"), Count(Protocol.ScrollMessenger, MessageStatus.Failed));
        Assert.Equal(Done("Scroll deposit never relayed"), Count(Protocol.ScrollMessenger, MessageStatus.Sent));
        Assert.Equal(Flows, messages.Count);
        Assert.DoesNotContain(messages, m => m.Status == MessageStatus.ReceivedWithoutSend);
        Assert.Equal(
            Done("retryable failed, redeemed later") + Done("retryable failed, expires"),
            messages.Where(m => m.Protocol == Protocol.ArbitrumRetryable).Sum(m => m.FailedAttempts));
    }

    // What the ingestors and the correlator would make of the chains: every configured contract's logs, decoded, redeem
    // attempts resolved from their retry receipts, folded into one MessageRecord per message.
    private async Task<List<MessageRecord>> ReadChainsAsync(CancellationToken ct)
    {
        var decoder = ProtocolCatalog.CreateDecoder();
        var records = new Dictionary<(Protocol, Hash32), MessageRecord>();
        long offset = 0;
        foreach (var chain in devnet.Deployment.Chains)
        {
            var rpc = devnet.Rpc(chain.ChainId);
            var addresses = devnet.Deployment.Contracts.Where(c => c.ChainId == chain.ChainId).Select(c => Address.Parse(c.Address)).Distinct().ToList();
            var logs = await rpc.GetLogsAsync(0, await rpc.BlockNumberAsync(ct), addresses, decoder.Topics, ct);
            var sink = new CollectingSink();
            decoder.Decode(logs, new DecodeContext((ulong)chain.ChainId, devnet.Directory, 1), sink);
            Assert.Empty(sink.Rejected);
            List<Hash32> retries = [.. sink.Events.Where(e => !e.OutcomeTransaction.IsZero).Select(e => e.OutcomeTransaction).Distinct()];
            var outcomes = retries.Count == 0 ? [] : await rpc.GetReceiptStatusesAsync(retries, ct);
            foreach (var e in sink.Events)
            {
                var resolved = e.OutcomeTransaction.IsZero || outcomes[e.OutcomeTransaction] ? e : e with { Kind = EventKind.MessageRelayFailed };
                if (!records.TryGetValue((e.Protocol, e.CorrelationKey), out var record))
                {
                    records[(e.Protocol, e.CorrelationKey)] = record = new MessageRecord(e.CorrelationKey, e.Protocol);
                }

                record.Apply(resolved, 0, offset++);
            }
        }

        return [.. records.Values];
    }
}
