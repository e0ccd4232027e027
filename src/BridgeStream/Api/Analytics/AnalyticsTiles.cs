namespace BridgeStream.Api.Analytics;

/// <summary>
/// The bucket sizes of the analytics tables (schemas/clickhouse/0006_analytics.sql): every level holds every fact, the
/// minute level only for <see cref="MinuteRetention"/> (its TTL is 8 days; a day less is read, so merges never race us).
/// </summary>
public enum AnalyticsLevel
{
    Minute = 60,
    Hour = 3600,
    Day = 86400,
}

/// <summary>One stretch of a time range read from one level: [From, To), both on that level's bucket boundaries.</summary>
public readonly record struct AnalyticsTile(AnalyticsLevel Level, DateTime From, DateTime To)
{
    public string Suffix => Level switch
    {
        AnalyticsLevel.Minute => "minute",
        AnalyticsLevel.Hour => "hour",
        _ => "day",
    };
}

/// <summary>
/// Covers a time range with the coarsest buckets that fit exactly: whole days from the day tables, the hours at either
/// end from the hour tables, the minutes at either end from the minute tables. A range of months therefore reads a few
/// hundred day buckets plus at most 46 hour and 118 minute buckets. Minute buckets older than the minute tables keep are
/// widened to their hour (the range read then starts up to 59 minutes earlier; <see cref="Cover"/> says where it did).
/// </summary>
public static class AnalyticsTiles
{
    public static readonly TimeSpan MinuteRetention = TimeSpan.FromDays(7);

    /// <summary>The earliest time a range may start at (the first day bucket of the Unix epoch).</summary>
    public static readonly DateTime Beginning = DateTime.UnixEpoch;

    /// <summary>Tiles for [from, to) (both rounded down to whole minutes); <paramref name="now"/> decides what minute data is still kept.</summary>
    public static (IReadOnlyList<AnalyticsTile> Tiles, DateTime From, DateTime To) Cover(DateTime from, DateTime to, DateTime now)
    {
        from = Floor(from, AnalyticsLevel.Minute);
        to = Floor(to, AnalyticsLevel.Minute);
        var tiles = new List<AnalyticsTile>();
        if (to <= from)
        {
            return (tiles, from, from);
        }

        var minuteKeptFrom = now - MinuteRetention;
        var dayFrom = Ceiling(from, AnalyticsLevel.Day);
        var dayTo = Floor(to, AnalyticsLevel.Day);
        if (dayFrom < dayTo)
        {
            var (head, _) = Hours(from, dayFrom, minuteKeptFrom, tiles);
            tiles.Add(new AnalyticsTile(AnalyticsLevel.Day, dayFrom, dayTo));
            var (_, tail) = Hours(dayTo, to, minuteKeptFrom, tiles);
            return (tiles, head, tail);
        }

        var (coveredFrom, coveredTo) = Hours(from, to, minuteKeptFrom, tiles);
        return (tiles, coveredFrom, coveredTo);
    }

    /// <summary>The level a series with buckets of <paramref name="bucketSeconds"/> reads (the coarsest that divides it).</summary>
    public static AnalyticsLevel LevelFor(int bucketSeconds) =>
        bucketSeconds % (int)AnalyticsLevel.Day == 0 ? AnalyticsLevel.Day
        : bucketSeconds % (int)AnalyticsLevel.Hour == 0 ? AnalyticsLevel.Hour
        : AnalyticsLevel.Minute;

    public static DateTime Floor(DateTime time, AnalyticsLevel level) => Floor(time, (int)level);

    public static DateTime Floor(DateTime time, int seconds)
    {
        var unix = (long)Math.Floor((DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds);
        return DateTime.UnixEpoch.AddSeconds(unix - Mod(unix, seconds));
    }

    public static DateTime Ceiling(DateTime time, AnalyticsLevel level)
    {
        var floor = Floor(time, level);
        return floor == DateTime.SpecifyKind(time, DateTimeKind.Utc) ? floor : floor.AddSeconds((int)level);
    }

    // [from, to) between day boundaries: whole hours from the hour level, the ends from the minute level, or their whole
    // hour when the minute level no longer keeps them. Returns the range actually covered.
    private static (DateTime From, DateTime To) Hours(DateTime from, DateTime to, DateTime minuteKeptFrom, List<AnalyticsTile> tiles)
    {
        if (to <= from)
        {
            return (from, to);
        }

        var hourFrom = Ceiling(from, AnalyticsLevel.Hour);
        var hourTo = Floor(to, AnalyticsLevel.Hour);
        if (hourFrom >= hourTo)
        {
            // No whole hour inside: minutes only, or the surrounding hours when those minutes are gone.
            if (from >= minuteKeptFrom)
            {
                tiles.Add(new AnalyticsTile(AnalyticsLevel.Minute, from, to));
                return (from, to);
            }

            var (start, end) = (Floor(from, AnalyticsLevel.Hour), Ceiling(to, AnalyticsLevel.Hour));
            tiles.Add(new AnalyticsTile(AnalyticsLevel.Hour, start, end));
            return (start, end);
        }

        var (coveredFrom, coveredTo) = (from, to);
        if (from < hourFrom)
        {
            if (from >= minuteKeptFrom)
            {
                tiles.Add(new AnalyticsTile(AnalyticsLevel.Minute, from, hourFrom));
            }
            else
            {
                hourFrom = coveredFrom = Floor(from, AnalyticsLevel.Hour);
            }
        }

        if (hourTo < to)
        {
            if (hourTo >= minuteKeptFrom)
            {
                tiles.Add(new AnalyticsTile(AnalyticsLevel.Minute, hourTo, to));
            }
            else
            {
                hourTo = coveredTo = Ceiling(to, AnalyticsLevel.Hour);
            }
        }

        tiles.Add(new AnalyticsTile(AnalyticsLevel.Hour, hourFrom, hourTo));
        return (coveredFrom, coveredTo);
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
