using System.Diagnostics;
using BridgeStream.Kafka;

namespace BridgeStream.Bench;

/// <summary>Phases 4-6: the real services over the preloaded chains, each phase on fresh topics and a fresh database.</summary>
public sealed class PipelineBench(BenchEnvironment env, Action<string> progress)
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(5);

    public sealed record IngestResult(KafkaOptions Topics, double Seconds, long Acknowledged);

    public sealed record CorrelateResult(double? SecondsFromFirstRecord, double? SecondsFromStart, long Delivered);

    public sealed record BackfillResult(
        PipelineProcess Pipeline, KafkaOptions Topics, double? Seconds, double StartupSeconds, long Delivered, long? PeakRssBytes, long ManagedHeapPeakBytes,
        long? ClickHousePeakRssBytes);

    /// <summary>Phase 4: IngestionService from a fresh checkpoint until Kafka acknowledged <paramref name="expectedRecords"/> records.</summary>
    public async Task<IngestResult?> IngestAsync(long expectedRecords, CancellationToken ct)
    {
        var topics = env.CreateTopics("bench.ingest");
        var database = await env.CreateDatabaseAsync("bench_ingest", ct).ConfigureAwait(false);
        await using var host = PipelineHost.Create(env.Deployment, topics, database, PipelineParts.Ingest);
        var publisher = host.Services.GetRequiredService<EventPublisher>(); // the producer connects before the clock starts
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync(ct).ConfigureAwait(false);
        var deadline = started + (long)(PhaseTimeout.TotalSeconds * Stopwatch.Frequency);
        while (publisher.Published < expectedRecords && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(2, ct).ConfigureAwait(false);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (publisher.Published < expectedRecords)
        {
            progress($"Ingest did not finish: {publisher.Published} of {expectedRecords} records acknowledged after {seconds:0} s");
            return null;
        }

        return new IngestResult(topics, seconds, publisher.Published);
    }

    /// <summary>Phase 5: CorrelatorService alone over the ingest phase's topic, into a fresh database, until every message is DELIVERED.</summary>
    public async Task<CorrelateResult> CorrelateAsync(KafkaOptions ingestTopics, long expectedMessages, CancellationToken ct)
    {
        var database = await env.CreateDatabaseAsync("bench_correlate", ct).ConfigureAwait(false);
        using var delivered = new DeliveredCounter(database);
        await using var host = PipelineHost.Create(env.Deployment, BenchEnvironment.WithGroup(ingestTopics, "bench-correlate"), database, PipelineParts.Process);
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync(ct).ConfigureAwait(false);
        var done = await delivered.WaitForAsync(expectedMessages, PhaseTimeout, ct).ConfigureAwait(false);
        var count = await delivered.CountAsync(ct).ConfigureAwait(false);
        return done is { } end && host.FirstClickHouseRequest is { } first
            ? new CorrelateResult(Seconds(first, end), Seconds(started, end), count)
            : new CorrelateResult(null, null, count);
    }

    /// <summary>
    /// Phase 6: ingest and correlator together from scratch (fresh checkpoint, topics, group, database) with the API, in a
    /// `bridgestream pipeline` child process, timed from when it serves until every message is DELIVERED. Its peak RSS is
    /// the pipeline's own. The process keeps running (tailing the chains) for the live phase.
    /// </summary>
    public async Task<BackfillResult> BackfillAsync(long expectedMessages, CancellationToken ct)
    {
        var topics = env.CreateTopics("bench.full");
        var database = await env.CreateDatabaseAsync("bench_full", ct).ConfigureAwait(false);
        using var delivered = new DeliveredCounter(database);
        ProcessMemory.ResetPeak(env.ClickHouseProcessId);
        var launched = Stopwatch.GetTimestamp();
        var pipeline = PipelineProcess.Start(env.Deployment, topics, database);
        try
        {
            var serving = await pipeline.WaitUntilServingAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var managed = pipeline.SampleManagedHeapAsync(sampling.Token);
            var done = await delivered.WaitForAsync(expectedMessages, PhaseTimeout, ct).ConfigureAwait(false);
            var peak = ProcessMemory.PeakResidentBytes(pipeline.ProcessId);
            await sampling.CancelAsync().ConfigureAwait(false);
            var managedPeak = await managed.ConfigureAwait(false);
            var count = await delivered.CountAsync(ct).ConfigureAwait(false);
            if (done is null)
            {
                progress($"Backfill did not finish; the pipeline's last output:\n{pipeline.Output}");
            }

            return new BackfillResult(
                pipeline, topics, done is { } end ? Seconds(serving, end) : null, Seconds(launched, serving), count, peak, managedPeak,
                ProcessMemory.PeakResidentBytes(env.ClickHouseProcessId));
        }
        catch
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}
