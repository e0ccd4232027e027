using System.Numerics;
using BridgeStream.Core.Analytics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// The analytics figures computed independently in C#, straight from message records (not from the facts or the tables):
/// nearest-rank percentiles on the raw latencies, the histogram estimator applied to them, supplies and concentration.
/// </summary>
internal static class Oracle
{
    /// <summary>The estimator of 0006_analytics.sql: the lower edge of the latency's bin.</summary>
    public static double Estimate(double latency)
    {
        if (latency < 64)
        {
            return Math.Floor(Math.Max(latency, 0));
        }

        var bin = Math.Floor(Math.Log(latency / 64) / Math.Log(65.0 / 64));
        return 64 * Math.Pow(65.0 / 64, bin);
    }

    /// <summary>The nearest-rank q-quantile: the smallest value with at least q of the sample at or below it.</summary>
    public static double NearestRank(IReadOnlyCollection<double> sample, double q)
    {
        var sorted = sample.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static bool In(long unix, DateTime from, DateTime to) => unix >= MessageScenario.Unix(from) && unix < MessageScenario.Unix(to);

    public static IEnumerable<double> DeliveryLatencies(IEnumerable<MessageRecord> records, DateTime from, DateTime to) =>
        records.Where(r => r.Delivery is { } d && In(d.BlockTimestamp, from, to) && r.LatencySeconds is not null).Select(r => r.LatencySeconds!.Value);

    public static int Sent(IEnumerable<MessageRecord> records, DateTime from, DateTime to) =>
        records.Count(r => r.Send is { } s && In(s.BlockTimestamp, from, to));

    public static int Delivered(IEnumerable<MessageRecord> records, DateTime from, DateTime to) =>
        records.Count(r => r.Delivery is { } d && In(d.BlockTimestamp, from, to));

    public static int Failed(IEnumerable<MessageRecord> records, DateTime from, DateTime to) =>
        records.Sum(r => r.Steps.Count(s => s.Kind == EventKind.MessageRelayFailed && In(s.At.BlockTimestamp, from, to)));

    /// <summary>Per chain: delivered to it minus sent from it, of an asset, up to <paramref name="until"/>, in whole units.</summary>
    public static Dictionary<ulong, double> Supplies(
        IEnumerable<MessageRecord> records, Func<ulong, string, (string Asset, int Decimals)?> registry, string asset, DateTime until)
    {
        var supplies = new Dictionary<ulong, double>();
        foreach (var (record, token, amount) in Transfers(records))
        {
            if (registry(record.SourceChainId, token) is not { } canonical || canonical.Asset != asset)
            {
                continue;
            }

            var units = (double)amount / Math.Pow(10, canonical.Decimals);
            if (record.Send!.BlockTimestamp < MessageScenario.Unix(until))
            {
                supplies[record.SourceChainId] = supplies.GetValueOrDefault(record.SourceChainId) - units;
            }

            supplies.TryAdd(record.DestinationChainId, 0);
            if (record.Delivery is { } delivery && delivery.BlockTimestamp < MessageScenario.Unix(until))
            {
                supplies[record.DestinationChainId] += units;
            }
        }

        return supplies;
    }

    public static IEnumerable<(MessageRecord Record, string Token, BigInteger Amount)> Transfers(IEnumerable<MessageRecord> records) =>
        records.Where(r => r.Send is not null)
            .SelectMany(r => AnalyticsFacts.Transfers(r).Select(t => (r, t.Asset.ToString(), t.Amount.ToBigInteger())));

    /// <summary>HHI, 1/HHI and Pielou's evenness over the positive values.</summary>
    public static (double Hhi, double Effective, double Evenness, int Holders) Concentration(IEnumerable<double> supplies)
    {
        var positive = supplies.Where(s => s > 0).ToList();
        var total = positive.Sum();
        var shares = positive.Select(s => s / total).ToList();
        var hhi = shares.Sum(s => s * s);
        var entropy = -shares.Sum(s => s * Math.Log(s));
        return (hhi, 1 / hhi, positive.Count > 1 ? entropy / Math.Log(positive.Count) : 0, positive.Count);
    }
}
