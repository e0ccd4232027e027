using System.Diagnostics;
using BridgeStream.Core.Primitives;
using BridgeStream.Devnet;

namespace BridgeStream.Bench;

/// <summary>
/// Phase 8: with the pipeline tailing the chains, one deposit at a time (waited for until SENT through GraphQL), then
/// its relay; from the moment the relay's receipt is back (automine: block mined) until GraphQL shows DELIVERED.
/// </summary>
public sealed class LiveLatencyBench(BenchEnvironment env, Uri apiBase, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(30);

    public sealed record Result(List<double> RelayToDelivered, List<double> DepositToSent, List<double> RelayToKafka, int TimedOut);

    public async Task<Result> RunAsync(int samples, Kafka.KafkaOptions topics, CancellationToken ct)
    {
        var result = new Result([], [], [], 0);
        var timedOut = 0;
        using var http = new HttpClient();
        var probe = new GraphQLStatusProbe(http, apiBase);
        using var kafka = new KafkaArrivalObserver(topics);
        await Task.Delay(500, ct).ConfigureAwait(false); // the observer's partitions resolve their end offsets
        var simulator = new TrafficSimulator(env.Deployment, logger, seed: 99);
        var rollups = env.Deployment.OpStackChainIds.ToArray();
        for (var i = 0; i < samples; i++)
        {
            var deposit = (await simulator.SendDepositsAsync(rollups[i % rollups.Length], 1, ct).ConfigureAwait(false))[0];
            var depositMined = Stopwatch.GetTimestamp();
            var sent = await probe.WaitForAsync(deposit.ExpectedMsgHash, "SENT", PollInterval, SampleTimeout, ct).ConfigureAwait(false);
            if (sent is null)
            {
                timedOut++;
                continue;
            }

            result.DepositToSent.Add(Millis(depositMined, sent.Value));
            // Automine seals the block as the transaction arrives, and the ingestor (woken by newHeads) often has the
            // event in Kafka before the receipt poll returns: Kafka arrival is measured from submission.
            var relaySubmitted = Stopwatch.GetTimestamp();
            var relaySubmittedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await simulator.RelayAsync(deposit, makeFail: false, ct).ConfigureAwait(false);
            var relayMined = Stopwatch.GetTimestamp();
            var delivered = await probe.WaitForAsync(deposit.ExpectedMsgHash, "DELIVERED", PollInterval, SampleTimeout, ct).ConfigureAwait(false);
            if (delivered is null)
            {
                timedOut++;
                continue;
            }

            result.RelayToDelivered.Add(Millis(relayMined, delivered.Value));
            if (await WaitForArrivalAsync(kafka, Hash32.Parse(deposit.ExpectedMsgHash), relaySubmitted, ct).ConfigureAwait(false) is not null
                && kafka.ProducedAfter(Hash32.Parse(deposit.ExpectedMsgHash), relaySubmittedUnixMs) is { } produced)
            {
                // The record's producer timestamp: when the ingestor handed it to Kafka (ms), independent of how fast
                // this observer happens to fetch.
                result.RelayToKafka.Add(produced - relaySubmittedUnixMs);
            }
        }

        return result with { TimedOut = timedOut };
    }

    // The observer reads on its own thread and may trail the correlator by a few milliseconds.
    private static async Task<long?> WaitForArrivalAsync(KafkaArrivalObserver kafka, Hash32 key, long since, CancellationToken ct)
    {
        for (var i = 0; i < 20; i++)
        {
            if (kafka.ArrivedAfter(key, since) is { } arrived)
            {
                return arrived;
            }

            await Task.Delay(5, ct).ConfigureAwait(false);
        }

        return null;
    }

    private static double Millis(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
