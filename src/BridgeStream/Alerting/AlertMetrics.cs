using BridgeStream.Core.Alerting;
using Prometheus;

namespace BridgeStream.Alerting;

/// <summary>Prometheus metrics of the alerting.</summary>
public sealed class AlertMetrics
{
    private static readonly Counter Changes = Metrics.CreateCounter("bridgestream_alert_changes_total", "Alert state changes recorded.", "rule", "state");
    private static readonly Gauge Active = Metrics.CreateGauge("bridgestream_alerts_active", "Pending and firing alerts this process evaluates.", "state");
    private static readonly Gauge OpenMessages = Metrics.CreateGauge("bridgestream_alert_open_messages", "Undelivered messages with timers in this process.");
    private static readonly Gauge TimerEntries = Metrics.CreateGauge("bridgestream_alert_timer_entries", "Timer queue entries (stale ones included).");
    private static readonly Histogram SweepSeconds = Metrics.CreateHistogram(
        "bridgestream_alert_sweep_seconds", "Time of one evaluation sweep (ClickHouse reads included).", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
    private static readonly Counter Notifications = Metrics.CreateCounter("bridgestream_alert_notifications_total", "Alert changes per sink and outcome (delivered, resent, retried, dropped, queue_full).", "sink", "outcome");
    private static readonly Counter Reloads = Metrics.CreateCounter("bridgestream_alert_rule_reloads_total", "Rules file reloads by outcome (applied, rejected).", "outcome");
    private static readonly Gauge RulesValid = Metrics.CreateGauge("bridgestream_alert_rules_valid", "1 when the rules file on disk is the one in force, 0 when its last change was rejected.");
    private static readonly Gauge WatermarkLag = Metrics.CreateGauge("bridgestream_alert_watermark_lag_seconds", "Wall clock minus the applied watermark, per owned partition (-1: chain.heads.v1).", "partition");

    public void Recorded(IEnumerable<AlertChange> changes)
    {
        foreach (var change in changes)
        {
            Changes.WithLabels(change.RuleId, AlertRowsNames.State(change.State)).Inc();
        }
    }

    public void State(int pending, int firing, int openMessages, long timerEntries)
    {
        Active.WithLabels("pending").Set(pending);
        Active.WithLabels("firing").Set(firing);
        OpenMessages.Set(openMessages);
        TimerEntries.Set(timerEntries);
    }

    public void Sweep(TimeSpan elapsed) => SweepSeconds.Observe(elapsed.TotalSeconds);

    public void Notification(string sink, string outcome, int count = 1) => Notifications.WithLabels(sink, outcome).Inc(count);

    public void Reload(bool applied)
    {
        Reloads.WithLabels(applied ? "applied" : "rejected").Inc();
        RulesValid.Set(applied ? 1 : 0);
    }

    public void Watermark(int partition, double lagSeconds) => WatermarkLag.WithLabels(partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(lagSeconds);

    private static class AlertRowsNames
    {
        public static string State(AlertState state) => AlertRows.StateName(state);
    }
}
