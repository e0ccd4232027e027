namespace BridgeStream.Bench;

/// <summary>Percentiles of a latency sample (nearest-rank), in milliseconds.</summary>
public sealed record LatencyStats(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencyStats? Of(IReadOnlyCollection<double> millis)
    {
        if (millis.Count == 0)
        {
            return null;
        }

        var sorted = millis.Order().ToArray();
        return new LatencyStats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    // Nearest rank: the smallest value with at least p of the sample at or below it.
    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => $"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms (n={Count})";
}
