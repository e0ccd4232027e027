using System.Globalization;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Alerting;

/// <summary>
/// The alerting state of one partition of bridge.events.v1: its open messages with their timers, and its pending and
/// firing message alerts. Owned by whichever processor owns the partition; rebuilt from ClickHouse when it moves.
/// A message alert starts when its timer comes due (on the destination chain's event-time clock) and resolves when the
/// message changes so that the rule no longer applies (delivered, retracted, or moved to a status the rule does not
/// watch); a rule that is removed or changes its type resolves its alerts too. Not thread-safe.
/// </summary>
public sealed class PartitionAlerts
{
    private readonly Dictionary<string, ActiveAlert> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<Hash32, List<ActiveAlert>> _byMessage = [];
    private readonly HashSet<ActiveAlert> _pending = [];
    private readonly List<DueTimer> _due = [];
    private AlertRuleSet _rules;

    public PartitionAlerts(int partition, AlertRuleSet rules)
    {
        Partition = partition;
        _rules = rules;
        Timers = new MessageTimers([.. rules.MessageRules], rules.L1ChainIds);
    }

    public int Partition { get; }

    public MessageTimers Timers { get; }

    public IReadOnlyCollection<ActiveAlert> Active => _active.Values;

    /// <summary>Takes the recorded state of pending and firing alerts back (after a restart or a rebalance).</summary>
    public void Restore(IEnumerable<AlertChange> latest)
    {
        foreach (var change in latest.Where(c => c.State != AlertState.Resolved && c.Subject.Kind == AlertSubjectKind.Message))
        {
            Add(ActiveAlert.FromChange(change));
        }
    }

    /// <summary>A newer snapshot of a message: stores it, and resolves its alerts whose rule no longer applies.</summary>
    public void Apply(in OpenMessage message, long nowMs, List<AlertChange> changes)
    {
        if (!Timers.Upsert(message) || !_byMessage.TryGetValue(message.Id, out var alerts))
        {
            return;
        }

        foreach (var alert in alerts.ToList())
        {
            if (!Holds(alert))
            {
                Resolve(alert, nowMs, changes);
            }
        }
    }

    /// <summary>
    /// One evaluation: every timer due on its destination's clock starts an alert (pending, or firing when the rule has
    /// no <c>for</c>) unless one is already pending or firing; pending alerts that have held long enough fire.
    /// </summary>
    public void Sweep(Func<ulong, long?> clockOf, ThresholdTable thresholds, long nowMs, List<AlertChange> changes)
    {
        var rules = Timers.Rules;
        _due.Clear();
        Timers.CollectDue(clockOf, (i, route) => thresholds.OffsetMs(rules[i], route), _due);
        foreach (var due in _due)
        {
            var rule = rules[due.RuleIndex];
            var subject = AlertSubject.ForMessage(due.Message);
            var key = ActiveAlert.KeyOf(rule.Id, subject);
            if (_active.ContainsKey(key))
            {
                continue; // already pending or firing: a restart, a rebalance or a re-armed timer never fires it twice
            }

            var firing = rule.For <= TimeSpan.Zero;
            var alert = new ActiveAlert
            {
                DedupKey = key,
                RuleId = rule.Id,
                Subject = subject,
                Partition = Partition,
                RuleType = rule.Type,
                Severity = rule.Severity,
                State = firing ? AlertState.Firing : AlertState.Pending,
                StartedAtMs = nowMs,
                FiredAtMs = firing ? nowMs : null,
                SinceMs = due.DueMs,
                Clock = AlertClock.EventTime,
            };
            Describe(alert, rule, due.Message, due.ClockMs, thresholds);
            Add(alert);
            changes.Add(alert.Change(alert.State, null, nowMs));
        }

        foreach (var alert in _pending.ToList())
        {
            Promote(alert, clockOf, thresholds, nowMs, changes);
        }
    }

    /// <summary>Resolves every alert whose rule is gone, changed type, or no longer applies to its message.</summary>
    public void Reconcile(long nowMs, List<AlertChange> changes)
    {
        foreach (var alert in _active.Values.ToList())
        {
            if (!Holds(alert))
            {
                Resolve(alert, nowMs, changes);
            }
        }
    }

    /// <summary>A reloaded rules file: timers re-armed for the new rules, alerts of removed rules resolved.</summary>
    public void ReplaceRules(AlertRuleSet rules, long nowMs, List<AlertChange> changes)
    {
        _rules = rules;
        Timers.Rebuild([.. rules.MessageRules], rules.L1ChainIds);
        foreach (var alert in _active.Values)
        {
            if (rules.Find(alert.RuleId) is { } rule && rule.Type == alert.RuleType)
            {
                alert.Severity = rule.Severity;
            }
        }

        Reconcile(nowMs, changes);
    }

    private bool Holds(ActiveAlert alert) =>
        _rules.Find(alert.RuleId) is { } rule && rule.Type == alert.RuleType
        && Timers.TryGet(alert.Subject.MessageId, out var message) && Timers.Applies(rule, message);

    private void Promote(ActiveAlert alert, Func<ulong, long?> clockOf, ThresholdTable thresholds, long nowMs, List<AlertChange> changes)
    {
        if (_rules.Find(alert.RuleId) is not { } rule || !Timers.TryGet(alert.Subject.MessageId, out var message)
            || clockOf(message.Destination) is not { } clock)
        {
            return;
        }

        var due = MessageTimers.Anchor(rule, message) + thresholds.OffsetMs(rule, message.Route);
        if (clock - due < (long)rule.For.TotalMilliseconds)
        {
            return;
        }

        alert.State = AlertState.Firing;
        alert.FiredAtMs = nowMs;
        _pending.Remove(alert);
        Describe(alert, rule, message, clock, thresholds);
        changes.Add(alert.Change(AlertState.Firing, AlertState.Pending, nowMs));
    }

    private void Resolve(ActiveAlert alert, long nowMs, List<AlertChange> changes)
    {
        changes.Add(alert.Change(AlertState.Resolved, alert.State, nowMs));
        _active.Remove(alert.DedupKey);
        _pending.Remove(alert);
        if (_byMessage.TryGetValue(alert.Subject.MessageId, out var list))
        {
            list.Remove(alert);
            if (list.Count == 0)
            {
                _byMessage.Remove(alert.Subject.MessageId);
            }
        }
    }

    private void Add(ActiveAlert alert)
    {
        _active[alert.DedupKey] = alert;
        if (alert.State == AlertState.Pending)
        {
            _pending.Add(alert);
        }

        if (!_byMessage.TryGetValue(alert.Subject.MessageId, out var list))
        {
            _byMessage[alert.Subject.MessageId] = list = [];
        }

        list.Add(alert);
    }

    private static void Describe(ActiveAlert alert, AlertRule rule, in OpenMessage m, long clockMs, ThresholdTable thresholds)
    {
        var offset = thresholds.OffsetMs(rule, m.Route);
        var anchor = MessageTimers.Anchor(rule, m);
        var what = string.Create(CultureInfo.InvariantCulture, $"{m.Protocol} message {m.Id} ({m.Source} -> {m.Destination})");
        switch (rule.Type)
        {
            case AlertRuleType.Undelivered:
                alert.ObservedValue = (clockMs - anchor) / 1000.0;
                alert.Threshold = offset / 1000.0;
                alert.Summary = $"{what} not delivered {Durations.Format(alert.ObservedValue)} after its send (threshold {Durations.Format(alert.Threshold)}, {thresholds.Explain(rule, m.Route)})";
                break;
            case AlertRuleType.RelayFailed:
                alert.ObservedValue = (clockMs - anchor) / 1000.0;
                alert.Threshold = offset / 1000.0;
                alert.Summary = m.Status == MessageStatus.Failed
                    ? $"{what}: its execution on the destination failed {Durations.Format(alert.ObservedValue)} ago and awaits a replay"
                    : $"{what} arrived {Durations.Format(alert.ObservedValue)} ago and is not executed (not redeemed) yet";
                break;
            case AlertRuleType.RetryableExpiry:
                alert.ObservedValue = (anchor - clockMs) / 1000.0;
                alert.Threshold = -offset / 1000.0;
                alert.Summary = alert.ObservedValue > 0
                    ? $"{what} is not redeemed and expires in {Durations.Format(alert.ObservedValue)}"
                    : $"{what} expired {Durations.Format(-alert.ObservedValue)} ago without being redeemed";
                break;
            default:
                alert.ObservedValue = (clockMs - anchor) / 1000.0;
                alert.Threshold = offset / 1000.0;
                alert.Summary = $"{what}: its challenge window ended {Durations.Format(alert.ObservedValue)} ago and it is not finalized";
                break;
        }
    }
}
