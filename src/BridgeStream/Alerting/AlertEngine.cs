using System.Collections.Concurrent;
using System.Diagnostics;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Protocols;
using BridgeStream.Kafka;
using BridgeStream.Processing;
using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BridgeStream.Alerting;

/// <summary>
/// The alerting engine, inside the processor. It follows the correlator (<see cref="ICorrelatorObserver"/>): for each
/// partition of bridge.events.v1 the correlator owns, it holds that partition's open messages and their timers
/// (<see cref="PartitionAlerts"/>), loaded from ClickHouse when the partition is assigned and kept current from each
/// durable batch; the owner of chain.heads.v1 also evaluates the chain and route rules (<see cref="GlobalAlerts"/>).
///
/// Clocks: message timers run on event time (<see cref="ChainClock"/>): the destination chain's time up to which this
/// partition has provably applied every event, from the ingest checkpoints and head observations and this processor's
/// applied watermark (the newest record timestamp applied per partition; everything, once the consumer is idle). Chain
/// rules run on the wall clock bounded by the chain-heads watermark; value at risk on the wall clock.
///
/// Every change is recorded in ClickHouse (alerts, alert_state) before anything is notified, from one loop: a restart or
/// a rebalance takes the recorded state back, so nothing already firing fires again, and timers that came due meanwhile
/// fire at the first sweep. Notification (Kafka, webhooks) is at least once, through <see cref="AlertDispatcher"/>.
/// </summary>
public sealed class AlertEngine : BackgroundService, ICorrelatorObserver, IHealthCheck
{
    private readonly AlertRulesProvider _rules;
    private readonly AlertStore _store;
    private readonly AlertDispatcher _dispatcher;
    private readonly TimingTable _timing;
    private readonly AlertingOptions _options;
    private readonly KafkaOptions _kafka;
    private readonly AlertMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentQueue<(long Sequence, OpenMessage[] Messages, KeyValuePair<TopicPartition, DateTime>[] Newest)> _batches = new();
    private readonly Dictionary<int, Owned> _owned = [];
    private readonly ChainClock _clock = new();
    private readonly ThresholdTable _thresholds = new();
    private readonly List<AlertChange> _unsaved = [];
    private readonly Dictionary<string, long> _nextRun = new(StringComparer.Ordinal);
    private OwnedGlobal? _global;
    private long _idleAtMs = long.MinValue;
    private long _batchSequence; // the correlator's thread only
    private AlertRuleSet _ruleSet;
    private volatile bool _rulesChanged;
    private long _nextSweepMs;
    private List<ChainSnapshot> _chains = [];
    private string? _lastFailure;
    private DateTimeOffset? _lastFailureAt;

    public AlertEngine(
        AlertRulesProvider rules, AlertStore store, AlertDispatcher dispatcher, TimingTable timing, IOptions<AlertingOptions> options,
        IOptions<KafkaOptions> kafka, AlertMetrics metrics, ILogger<AlertEngine> logger, TimeProvider? time = null)
    {
        _rules = rules;
        _store = store;
        _dispatcher = dispatcher;
        _timing = timing;
        _options = options.Value;
        _kafka = kafka.Value;
        _metrics = metrics;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _ruleSet = rules.Current;
        _rules.Changed += _ =>
        {
            _rulesChanged = true;
            _wake.Release();
        };
    }

    /// <summary>Partitions of bridge.events.v1 this engine holds (for tests and diagnostics).</summary>
    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            _gate.Wait();
            try
            {
                return [.. _owned.Keys];
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    // ---- the correlator's side (its thread) ----

    public void Assigned(IReadOnlyCollection<TopicPartition> partitions)
    {
        var now = NowMs();
        _gate.Wait();
        try
        {
            foreach (var tp in partitions)
            {
                if (tp.Topic == _kafka.EventsTopic && !_owned.ContainsKey(tp.Partition.Value))
                {
                    var owned = new Owned(tp.Partition.Value, now, _batchSequence + 1);
                    _owned[owned.Partition] = owned;
                    StartLoad(owned);
                }
                else if (tp.Topic == _kafka.HeadsTopic && tp.Partition.Value == 0 && _global is null)
                {
                    _global = new OwnedGlobal(now);
                    StartLoad(_global);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        _wake.Release();
    }

    /// <summary>Waits for the change being recorded (if any), then lets the partitions go: their next owner reads a complete state.</summary>
    public void Revoked(IReadOnlyCollection<TopicPartition> partitions)
    {
        _gate.Wait();
        try
        {
            var gone = new HashSet<int>();
            foreach (var tp in partitions)
            {
                if (tp.Topic == _kafka.EventsTopic && _owned.Remove(tp.Partition.Value))
                {
                    gone.Add(tp.Partition.Value);
                }
                else if (tp.Topic == _kafka.HeadsTopic && tp.Partition.Value == 0 && _global is not null)
                {
                    _global = null;
                    gone.Add(GlobalAlerts.GlobalPartition);
                }
            }

            if (gone.Count > 0)
            {
                _unsaved.RemoveAll(c => gone.Contains(c.Partition));
                _dispatcher.Forget(gone);
                _logger.LogInformation("Alerting hands over partitions {Partitions}", string.Join(",", gone.Order()));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Durable(IReadOnlyCollection<MessageRecord> changed, IReadOnlyDictionary<TopicPartition, DateTime> newestApplied)
    {
        var snapshots = new OpenMessage[changed.Count];
        var i = 0;
        foreach (var record in changed)
        {
            snapshots[i++] = OpenMessage.From(record, Deadlines(record));
        }

        _batches.Enqueue((++_batchSequence, snapshots, [.. newestApplied]));
        _wake.Release();
    }

    public void Idle(DateTime at)
    {
        var ms = new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeMilliseconds();
        if (ms > Interlocked.Read(ref _idleAtMs))
        {
            Interlocked.Exchange(ref _idleAtMs, ms);
        }
    }

    // ---- the engine's loop ----

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _dispatcher.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _dispatcher.DisposeAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Alerting: {Count} rules from {Path}; sinks: {Sinks}", _ruleSet.Rules.Count, _ruleSet.Source, string.Join(", ", _dispatcher.SinkNames));
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(_options.TickMillis), stoppingToken).ConfigureAwait(false);
                while (_wake.CurrentCount > 0)
                {
                    await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                _lastFailure = ex.Message;
                _lastFailureAt = DateTimeOffset.UtcNow;
                _logger.LogError(ex, "Alerting evaluation failed ({Failures} in a row); retrying", failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(failures, 6)))), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One pass: take the correlator's batches, attach loaded partitions, sweep when due, record, notify.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = NowMs();
            ApplyRulesChange(now);
            AttachLoaded(now);
            Drain(now);
            if (now >= _nextSweepMs)
            {
                _nextSweepMs = now + (long)_ruleSet.EvaluationInterval.TotalMilliseconds;
                await SweepAsync(now, ct).ConfigureAwait(false);
            }

            if (_unsaved.Count > 0)
            {
                var saving = _unsaved.ToList();
                await _store.SaveAsync(saving, ct).ConfigureAwait(false);
                _unsaved.Clear();
                _metrics.Recorded(saving);
                foreach (var change in saving)
                {
                    _logger.LogInformation("Alert {State} {Key} [{Severity}]: {Summary}", AlertRows.StateName(change.State), change.DedupKey, change.Severity, change.Summary);
                }

                _dispatcher.Enqueue(saving);
            }

            await RedeliverAsync(now, ct).ConfigureAwait(false);
            Report(now);
            _lastFailure = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ApplyRulesChange(long now)
    {
        if (!_rulesChanged)
        {
            return;
        }

        _rulesChanged = false;
        _ruleSet = _rules.Current;
        _thresholds.Retain(_ruleSet.Rules);
        _nextRun.Clear();
        foreach (var owned in _owned.Values.Where(o => o.Alerts is not null))
        {
            owned.Alerts!.ReplaceRules(_ruleSet, now, _unsaved);
        }

        _global?.Alerts?.ReplaceRules(_ruleSet, now, _unsaved);
        _nextSweepMs = now;
    }

    private void Drain(long now)
    {
        var idle = Interlocked.Read(ref _idleAtMs);
        if (idle != long.MinValue)
        {
            var watermark = idle - _options.ConsumerSlackMillis;
            foreach (var owned in _owned.Values.Where(o => idle - o.AssignedAtMs >= _options.AssignmentGraceMillis))
            {
                owned.AppliedMs = Math.Max(owned.AppliedMs, watermark);
            }

            if (_global is { } global && idle - global.AssignedAtMs >= _options.AssignmentGraceMillis)
            {
                global.AppliedMs = Math.Max(global.AppliedMs, watermark);
            }
        }

        while (_batches.TryDequeue(out var batch))
        {
            foreach (var (tp, newest) in batch.Newest)
            {
                var ms = new DateTimeOffset(newest, TimeSpan.Zero).ToUnixTimeMilliseconds() - _options.ClockSkewMillis;
                if (tp.Topic == _kafka.EventsTopic && _owned.TryGetValue(tp.Partition.Value, out var owned) && batch.Sequence >= owned.FirstBatch)
                {
                    owned.AppliedMs = Math.Max(owned.AppliedMs, ms);
                }
                else if (tp.Topic == _kafka.HeadsTopic && _global is { } global)
                {
                    global.AppliedMs = Math.Max(global.AppliedMs, ms);
                }
            }

            foreach (var message in batch.Messages)
            {
                // A batch from before the partition's latest assignment (it was revoked and came back) is older than what the load reads.
                if (!_owned.TryGetValue(message.Partition, out var owned) || batch.Sequence < owned.FirstBatch)
                {
                    continue;
                }

                if (owned.Alerts is null)
                {
                    owned.Buffer.Add(message);
                }
                else
                {
                    owned.Alerts.Apply(message, now, _unsaved);
                }
            }
        }
    }

    private void StartLoad(Owned owned)
    {
        var rules = _ruleSet;
        owned.Load = Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var alerts = new PartitionAlerts(owned.Partition, rules);
            var count = await _store.LoadOpenMessagesAsync(owned.Partition, m => alerts.Timers.Upsert(m), CancellationToken.None).ConfigureAwait(false);
            // Reconciled against the messages when attached (a recorded alert whose message was delivered meanwhile resolves).
            alerts.Restore(await _store.LoadActiveAsync([owned.Partition], CancellationToken.None).ConfigureAwait(false));
            _logger.LogInformation("Alerting took partition {Partition}: {Messages} open messages, {Alerts} active alerts in {Elapsed} ms",
                owned.Partition, count, alerts.Active.Count, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (alerts, rules);
        });
    }

    private void StartLoad(OwnedGlobal global) => global.Load = Task.Run(async () =>
    {
        var alerts = new GlobalAlerts();
        alerts.Restore(await _store.LoadActiveAsync([GlobalAlerts.GlobalPartition], CancellationToken.None).ConfigureAwait(false));
        _logger.LogInformation("Alerting took the chain and route rules: {Alerts} active alerts", alerts.Active.Count);
        return alerts;
    });

    private void AttachLoaded(long now)
    {
        foreach (var owned in _owned.Values.Where(o => o.Alerts is null && o.Load is { IsCompleted: true }))
        {
            if (owned.Load!.IsFaulted)
            {
                _logger.LogWarning(owned.Load.Exception?.GetBaseException(), "Loading partition {Partition} for the alerting failed; retrying", owned.Partition);
                StartLoad(owned);
                continue;
            }

            var (alerts, rules) = owned.Load.Result;
            owned.Alerts = alerts;
            if (!ReferenceEquals(rules, _ruleSet))
            {
                alerts.ReplaceRules(_ruleSet, now, _unsaved);
            }

            foreach (var message in owned.Buffer)
            {
                alerts.Apply(message, now, _unsaved);
            }

            owned.Buffer.Clear();
            // Alerts recorded as active whose message was delivered (or changed) before the last owner could say so.
            alerts.Reconcile(now, _unsaved);
        }

        if (_global is { Alerts: null, Load.IsCompleted: true } global)
        {
            if (global.Load.IsFaulted)
            {
                _logger.LogWarning(global.Load.Exception?.GetBaseException(), "Loading the chain and route alerts failed; retrying");
                StartLoad(global);
            }
            else
            {
                global.Alerts = global.Load.Result;
                global.Alerts.ReplaceRules(_ruleSet, now, _unsaved);
            }
        }
    }

    private async Task SweepAsync(long now, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var wall = DateTimeOffset.FromUnixTimeMilliseconds(now).UtcDateTime;
        var lookback = TimeSpan.FromTicks(Math.Max(TimeSpan.FromHours(1).Ticks, _ruleSet.Rules.Where(r => r.IsChainRule).Select(r => (r.Threshold ?? TimeSpan.Zero).Ticks * 2).DefaultIfEmpty(0).Max()));
        var chains = await _store.ReadChainsAsync(wall, lookback, ct).ConfigureAwait(false);
        foreach (var (progress, _) in chains.Where(c => c.Snapshot.CheckpointBlock is not null))
        {
            _clock.Observe(progress);
        }

        _chains = [.. chains.Select(c => c.Snapshot)];
        await LearnThresholdsAsync(now, wall, ct).ConfigureAwait(false);

        foreach (var owned in _owned.Values.Where(o => o.Alerts is not null && o.AppliedMs != long.MinValue))
        {
            var applied = owned.AppliedMs;
            owned.Alerts!.Sweep(chain => _clock.KnownThrough(chain, applied, now), _thresholds, now, _unsaved);
        }

        if (_owned.Count > 0 && _owned.Values.All(o => o.AppliedMs != long.MinValue))
        {
            _clock.Prune(_owned.Values.Min(o => o.AppliedMs));
        }

        if (_global is { Alerts: { } global, AppliedMs: var headsApplied } && headsApplied != long.MinValue)
        {
            global.EvaluateChains(_ruleSet, _chains, Math.Min(now, headsApplied), now, _unsaved);
            var settlementRules = _ruleSet.Rules.Where(r => r.IsSettlementRule).ToList();
            if (settlementRules.Count > 0)
            {
                var rollups = await _store.ReadSettlementAsync(_chains, ct).ConfigureAwait(false);
                foreach (var rule in settlementRules)
                {
                    global.EvaluateSettlement(rule, rollups, now, _unsaved);
                }
            }

            foreach (var rule in _ruleSet.Rules.Where(r => r.Type == AlertRuleType.ValueAtRisk && Due("var:" + r.Id, now, r.Interval)))
            {
                global.EvaluateValueAtRisk(rule, await _store.ReadValueInFlightAsync(rule, _ruleSet.L1ChainIds, wall, ct).ConfigureAwait(false), now, _unsaved);
            }
        }

        _dispatcher.Resend(FiringNow(now), DateTimeOffset.FromUnixTimeMilliseconds(now));
        _metrics.Sweep(Stopwatch.GetElapsedTime(started));
    }

    private async Task LearnThresholdsAsync(long now, DateTime wall, CancellationToken ct)
    {
        foreach (var rule in _ruleSet.Rules.Where(r => r.Adaptive is not null && Due("adaptive:" + r.Id, now, r.Adaptive.Refresh)))
        {
            _thresholds.Learn(rule, await _store.ReadLatenciesAsync(rule.Adaptive!.Quantile, wall - rule.Adaptive.Window, ct).ConfigureAwait(false));
        }
    }

    private bool Due(string what, long now, TimeSpan every)
    {
        if (_nextRun.TryGetValue(what, out var next) && now < next)
        {
            return false;
        }

        _nextRun[what] = now + (long)every.TotalMilliseconds;
        return true;
    }

    /// <summary>After taking a partition over: what its previous owner recorded but no sink acknowledged is sent now.</summary>
    private async Task RedeliverAsync(long now, CancellationToken ct)
    {
        var due = _owned.Values.Where(o => o.Alerts is not null && !o.Redelivered && now - o.AssignedAtMs >= _options.RedeliveryDelayMillis)
            .Select(o => (Partition: o.Partition, o.AssignedAtMs, Mark: (Action)(() => o.Redelivered = true))).ToList();
        if (_global is { Alerts: not null, Redelivered: false } global && now - global.AssignedAtMs >= _options.RedeliveryDelayMillis)
        {
            due.Add((GlobalAlerts.GlobalPartition, global.AssignedAtMs, () => global.Redelivered = true));
        }

        if (due.Count == 0)
        {
            return;
        }

        var from = DateTimeOffset.FromUnixTimeMilliseconds(now).UtcDateTime - TimeSpan.FromHours(_options.RedeliverWithinHours);
        foreach (var group in due.GroupBy(d => d.AssignedAtMs))
        {
            var partitions = group.Select(g => g.Partition).ToList();
            var to = DateTimeOffset.FromUnixTimeMilliseconds(group.Key).UtcDateTime;
            foreach (var sink in _dispatcher.SinkNames)
            {
                var missing = await _store.LoadUndeliveredAsync(partitions, sink, from, to, ct).ConfigureAwait(false);
                if (missing.Count > 0)
                {
                    _logger.LogInformation("Alerting re-sends {Count} recorded changes to {Sink} that the previous owner of partitions {Partitions} did not deliver", missing.Count, sink, string.Join(",", partitions));
                    _dispatcher.Enqueue(sink, missing);
                }
            }

            foreach (var (_, _, mark) in group)
            {
                mark();
            }
        }
    }

    private List<AlertChange> FiringNow(long now) =>
        [.. _owned.Values.Where(o => o.Alerts is not null).SelectMany(o => o.Alerts!.Active).Concat(_global?.Alerts?.Active ?? [])
            .Where(a => a.State == AlertState.Firing).Select(a => a.Change(AlertState.Firing, null, now))];

    private void Report(long now)
    {
        var active = _owned.Values.Where(o => o.Alerts is not null).SelectMany(o => o.Alerts!.Active).Concat(_global?.Alerts?.Active ?? []).ToList();
        var open = _owned.Values.Where(o => o.Alerts is not null).Sum(o => o.Alerts!.Timers.Count);
        var entries = _owned.Values.Where(o => o.Alerts is not null).Sum(o => o.Alerts!.Timers.Entries);
        _metrics.State(active.Count(a => a.State == AlertState.Pending), active.Count(a => a.State == AlertState.Firing), open, entries);
        foreach (var owned in _owned.Values.Where(o => o.AppliedMs != long.MinValue))
        {
            _metrics.Watermark(owned.Partition, (now - owned.AppliedMs) / 1000.0);
        }

        if (_global is { AppliedMs: var applied } && applied != long.MinValue)
        {
            _metrics.Watermark(GlobalAlerts.GlobalPartition, (now - applied) / 1000.0);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["rules"] = _rules.Current.Source,
            ["rulesChecksum"] = _rules.Current.Checksum,
            ["rulesLoadedAt"] = _rules.LoadedAt,
            ["ruleCount"] = _rules.Current.Rules.Count,
        };
        if (_rules.LastError is { } error)
        {
            data["rulesError"] = error;
            data["rulesErrorAt"] = _rules.LastErrorAt!;
            return Task.FromResult(HealthCheckResult.Degraded("the rules file on disk was refused; the previous rules stay in force", data: data));
        }

        if (_lastFailure is { } failure)
        {
            data["lastFailure"] = failure;
            data["lastFailureAt"] = _lastFailureAt!;
            return Task.FromResult(HealthCheckResult.Degraded("alert evaluation is failing: " + failure, data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("alerting", data));
    }

    public override void Dispose()
    {
        _gate.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    private MessageDeadlines Deadlines(MessageRecord message) =>
        message.Protocol == Protocol.Unspecified ? MessageDeadlines.None : ProtocolCatalog.Module(message.Protocol).Deadlines(message, _timing);

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed class Owned(int partition, long assignedAtMs, long firstBatch)
    {
        public int Partition { get; } = partition;

        public long AssignedAtMs { get; } = assignedAtMs;

        /// <summary>The first correlator batch of this assignment.</summary>
        public long FirstBatch { get; } = firstBatch;

        /// <summary>Every record Kafka acknowledged before this (the ingestors' clock) has been applied.</summary>
        public long AppliedMs { get; set; } = long.MinValue;

        public Task<(PartitionAlerts Alerts, AlertRuleSet Rules)>? Load { get; set; }

        public PartitionAlerts? Alerts { get; set; }

        /// <summary>Snapshots that arrived while the partition was loading.</summary>
        public List<OpenMessage> Buffer { get; } = [];

        public bool Redelivered { get; set; }
    }

    private sealed class OwnedGlobal(long assignedAtMs)
    {
        public long AssignedAtMs { get; } = assignedAtMs;

        public long AppliedMs { get; set; } = long.MinValue;

        public Task<GlobalAlerts>? Load { get; set; }

        public GlobalAlerts? Alerts { get; set; }

        public bool Redelivered { get; set; }
    }
}
