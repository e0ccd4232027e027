using BridgeStream.Alerting;
using BridgeStream.Bench;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Bench;

/// <summary>`bench --alert-timers` on a small count: it runs and every figure is there and plausible.</summary>
public sealed class AlertTimersBenchTests
{
    [Fact]
    public void The_alert_timer_bench_reports_memory_sweeps_updates_and_reload()
    {
        var rules = AlertRulesFile.Load(Path.Combine(EmbeddedTools.RepositoryRoot, "infra", "alerts", "rules.yaml"));

        var report = AlertTimersBench.Run(20_000, partitions: 3, routeCount: 8, sweeps: 3, rules);

        var figures = report.Figures.ToDictionary(f => f.Metric);
        Assert.True(figures["messages armed"].Value > 0);
        Assert.InRange(figures["per open message"].Value!.Value, 50, 2_000);
        Assert.Contains("0 alerts", figures["nothing due (median)"].Note, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 alerts started", figures["first sweep with alerts due"].Note, StringComparison.Ordinal);
        Assert.Contains("0 new changes", figures["after the alerts (median)"].Note, StringComparison.Ordinal);
        Assert.Contains("2,000 deliveries", figures["deliveries absorbed"].Note, StringComparison.Ordinal);
        Assert.True(figures["rules reload (re-arm all)"].Value >= 0);
    }
}
