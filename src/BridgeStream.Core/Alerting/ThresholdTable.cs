using System.Globalization;

namespace BridgeStream.Core.Alerting;

/// <summary>A route's recent delivery latency, as the adaptive thresholds learn it.</summary>
public readonly record struct RouteLatency(RouteKey Route, double QuantileSeconds, long Samples);

/// <summary>
/// The offset each message rule adds to its anchor, per route: static for most rules; for an undelivered rule with an
/// adaptive threshold, learned from the route's own latency (<see cref="Learn"/>), falling back to the static threshold
/// where a route has too few recent deliveries.
/// </summary>
public sealed class ThresholdTable
{
    private readonly Dictionary<string, Dictionary<RouteKey, (long OffsetMs, RouteLatency Latency)>> _adaptive = new(StringComparer.Ordinal);

    public static long StaticOffsetMs(AlertRule rule) => rule.Type switch
    {
        AlertRuleType.Undelivered => Ms(rule.Threshold ?? TimeSpan.Zero),
        AlertRuleType.RelayFailed or AlertRuleType.WithdrawalFinalization => Ms(rule.After),
        AlertRuleType.RetryableExpiry => -Ms(rule.Before),
        _ => 0,
    };

    public long OffsetMs(AlertRule rule, RouteKey route) =>
        rule.Adaptive is not null && _adaptive.TryGetValue(rule.Id, out var routes) && routes.TryGetValue(route, out var learned)
            ? learned.OffsetMs
            : StaticOffsetMs(rule);

    /// <summary>Replaces a rule's learned thresholds with these routes' latencies.</summary>
    public void Learn(AlertRule rule, IEnumerable<RouteLatency> latencies)
    {
        if (rule.Adaptive is not { } adaptive)
        {
            return;
        }

        _adaptive[rule.Id] = latencies.Where(l => l.Samples >= adaptive.MinSamples && double.IsFinite(l.QuantileSeconds))
            .ToDictionary(l => l.Route, l => (Ms(adaptive.Apply(l.QuantileSeconds)), l));
    }

    /// <summary>Forgets what was learned for rules no longer present (or changed).</summary>
    public void Retain(IEnumerable<AlertRule> rules)
    {
        var keep = rules.Where(r => r.Adaptive is not null).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _adaptive.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _adaptive.Remove(id);
        }
    }

    /// <summary>How the threshold of this rule on this route came about, for an alert's summary.</summary>
    public string Explain(AlertRule rule, RouteKey route)
    {
        if (rule.Adaptive is { } a && _adaptive.TryGetValue(rule.Id, out var routes) && routes.TryGetValue(route, out var learned))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"adaptive: p{a.Quantile * 100:0.#} of {learned.Latency.Samples} recent deliveries {Durations.Format(learned.Latency.QuantileSeconds)} x {a.Factor:0.##}, floor {Durations.Format(a.Floor.TotalSeconds)}");
        }

        return rule.Adaptive is not null ? "static fallback: too few recent deliveries on this route" : "static";
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;
}

/// <summary>Human durations for summaries: 45 s, 12 min, 3.5 h, 6.4 d.</summary>
public static class Durations
{
    public static string Format(double seconds)
    {
        var abs = Math.Abs(seconds);
        return abs < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s")
            : abs < 7200 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min")
            : abs < 172_800 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 86_400:0.#} d");
    }
}
