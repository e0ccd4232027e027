using BridgeStream.Api.Analytics;
using BridgeStream.Core.Analytics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Analytics;

/// <summary>The pure parts: facts and their deltas, and the tiling of time ranges onto the three resolutions.</summary>
public sealed class AnalyticsUnitTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 34, 0, DateTimeKind.Utc);

    [Fact]
    public void Facts_of_a_delivered_message_with_value()
    {
        var record = Record();
        record.Apply(Event(EventKind.MessageSent, 900, 100, value: 7), 0, 0);
        record.Apply(Event(EventKind.MessageRelayFailed, 901, 110, block: 2), 0, 1);
        record.Apply(Event(EventKind.MessageRelayed, 901, 130, block: 3), 0, 2);

        var facts = AnalyticsFacts.Of(record);

        Assert.Equal([FactKind.Sent, FactKind.Delivered, FactKind.Failed, FactKind.SentValue, FactKind.DeliveredValue], facts.Select(f => f.Kind));
        Assert.Equal(30, facts.Single(f => f.Kind == FactKind.Delivered).LatencySeconds);
        Assert.Equal(30, facts.Single(f => f.Kind == FactKind.DeliveredValue).LatencySeconds);
        Assert.Equal(130, facts.Single(f => f.Kind == FactKind.DeliveredValue).AtUnixSeconds);
        Assert.Equal(Address.Zero, facts.Single(f => f.Kind == FactKind.SentValue).Asset);
        Assert.All(facts, f => Assert.Equal((900UL, 901UL), (f.SourceChainId, f.DestinationChainId)));
    }

    [Fact]
    public void A_retracted_delivery_is_a_negative_delta_and_its_reinclusion_a_positive_one()
    {
        var record = Record();
        record.Apply(Event(EventKind.MessageSent, 900, 100), 0, 0);
        var delivered = Event(EventKind.MessageRelayed, 901, 105, block: 7);
        record.Apply(delivered, 0, 1);
        var before = AnalyticsFacts.Of(record);

        record.Apply(delivered with { Kind = EventKind.Retracted }, 0, 2);
        var retracted = AnalyticsFacts.Delta(before, AnalyticsFacts.Of(record)).ToDictionary(d => d.Fact.Kind);
        Assert.Equal(2, retracted.Count);
        Assert.Equal(-1, retracted[FactKind.Delivered].Sign);
        Assert.Equal(5, retracted[FactKind.Delivered].Fact.LatencySeconds);
        Assert.Equal(1, retracted[FactKind.Open].Sign); // open again
        Assert.Equal(100, retracted[FactKind.Open].Fact.AtUnixSeconds);

        var afterRetraction = AnalyticsFacts.Of(record);
        record.Apply(Event(EventKind.MessageRelayed, 901, 112, block: 8), 0, 3);
        var redelivered = AnalyticsFacts.Delta(afterRetraction, AnalyticsFacts.Of(record)).ToDictionary(d => d.Fact.Kind);
        Assert.Equal((1, 12.0), (redelivered[FactKind.Delivered].Sign, redelivered[FactKind.Delivered].Fact.LatencySeconds!.Value));
        Assert.Equal(-1, redelivered[FactKind.Open].Sign);
    }

    [Fact]
    public void The_same_state_has_no_delta_and_two_failures_in_one_block_are_two_facts()
    {
        var record = Record();
        record.Apply(Event(EventKind.MessageSent, 900, 100), 0, 0);
        record.Apply(Event(EventKind.MessageRelayFailed, 901, 110, block: 5, log: 0), 0, 1);
        var one = AnalyticsFacts.Of(record);
        record.Apply(Event(EventKind.MessageRelayFailed, 901, 110, block: 5, log: 1), 0, 2);
        var two = AnalyticsFacts.Of(record);

        Assert.Empty(AnalyticsFacts.Delta(two, two));
        var delta = Assert.Single(AnalyticsFacts.Delta(one, two));
        Assert.Equal((1, FactKind.Failed), (delta.Sign, delta.Fact.Kind));
        Assert.Equal(2, AnalyticsFacts.Delta(two, []).Count(d => d.Sign == -1 && d.Fact.Kind == FactKind.Failed));
    }

    [Fact]
    public void An_open_message_has_one_open_fact_with_its_first_transfer_sender_and_challenge_end()
    {
        var record = new MessageRecord(Hash32.FromUInt64(4), Protocol.OpStackWithdrawal);
        var sender = Address.Parse("0x" + new string('5', 40));
        record.Apply(Event(EventKind.MessageSent, 901, 50, value: 9) with { Sender = sender }, 0, 0);
        record.Apply(Event(EventKind.MessageProven, 900, 80, block: 2), 0, 1);

        var open = Assert.Single(AnalyticsFacts.Of(record, new MessageDeadlines(80 + 604800, null)), f => f.Kind == FactKind.Open);

        Assert.Equal(50, open.AtUnixSeconds);
        Assert.Equal(Address.Zero, open.Asset);
        Assert.Equal(9UL, open.Amount.LowUInt64);
        Assert.Equal(sender, open.Holder);
        Assert.Equal(80 + 604800, open.UntilUnixSeconds);
    }

    [Fact]
    public void A_token_transfer_with_native_value_is_two_transfers_and_native_as_asset_is_one()
    {
        var token = Address.Parse("0x" + new string('7', 40));
        var both = Record();
        both.Apply(Event(EventKind.MessageSent, 1, 100, value: 5) with { Asset = token, Amount = Hash32.FromUInt64(9) }, 0, 0);
        Assert.Equal([(token, 9UL), (Address.Zero, 5UL)], AnalyticsFacts.Transfers(both).Select(t => (t.Asset, t.Amount.LowUInt64)));

        var native = Record();
        native.Apply(Event(EventKind.MessageSent, 1, 100, value: 5) with { Asset = Address.Zero, Amount = Hash32.FromUInt64(5) }, 0, 0);
        Assert.Equal([(Address.Zero, 5UL)], AnalyticsFacts.Transfers(native).Select(t => (t.Asset, t.Amount.LowUInt64)));
    }

    [Fact]
    public void A_transport_carrying_a_message_moves_no_value_of_its_own()
    {
        var portal = new MessageRecord(Hash32.FromUInt64(1), Protocol.OpStackPortal);
        portal.Apply(Event(EventKind.MessageSent, 900, 100, value: 5) with { Protocol = Protocol.OpStackPortal, CarriedMessageId = Hash32.FromUInt64(2) }, 0, 0);

        Assert.Empty(AnalyticsFacts.Transfers(portal));
        var facts = AnalyticsFacts.Of(portal);
        Assert.DoesNotContain(facts, f => f.Kind == FactKind.SentValue);
        Assert.Null(facts.Single(f => f.Kind == FactKind.Open).Asset);
    }

    [Fact]
    public void A_withdrawal_has_proof_and_finalization_stages()
    {
        var record = new MessageRecord(Hash32.FromUInt64(3), Protocol.OpStackWithdrawal);
        record.Apply(Event(EventKind.MessageSent, 901, 0), 0, 0);
        record.Apply(Event(EventKind.MessageProven, 900, 600, block: 2), 0, 1);
        record.Apply(Event(EventKind.MessageRelayed, 900, 4200, block: 3), 0, 2);

        var facts = AnalyticsFacts.Of(record).ToDictionary(f => f.Kind);
        Assert.Equal(600, facts[FactKind.Proven].LatencySeconds);
        Assert.Equal(3600, facts[FactKind.Finalized].LatencySeconds);
        Assert.Equal(4200, facts[FactKind.Delivered].LatencySeconds);
    }

    [Fact]
    public void A_range_of_months_reads_days_with_hours_and_minutes_only_at_its_ends()
    {
        var from = new DateTime(2026, 3, 1, 10, 15, 0, DateTimeKind.Utc);
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, Now, Now);

        // Minutes of March 1st are long gone: its first partial hour is read from the hour level.
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), coveredFrom);
        Assert.Equal(Now, coveredTo);
        Assert.Equal(
            [
                (AnalyticsLevel.Hour, "2026-03-01 10:00", "2026-03-02 00:00"),
                (AnalyticsLevel.Day, "2026-03-02 00:00", "2026-06-15 00:00"),
                (AnalyticsLevel.Hour, "2026-06-15 00:00", "2026-06-15 12:00"),
                (AnalyticsLevel.Minute, "2026-06-15 12:00", "2026-06-15 12:34"),
            ],
            tiles.OrderBy(t => t.From).Select(t => (t.Level, Text(t.From), Text(t.To))));
        AssertContiguous(tiles, coveredFrom, coveredTo);
    }

    [Fact]
    public void A_recent_window_is_exact_to_the_minute()
    {
        var from = Now.AddDays(-1).AddMinutes(-7);
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(from, Now, Now);

        Assert.Equal(from, coveredFrom);
        Assert.Equal(
            [
                (AnalyticsLevel.Minute, "2026-06-14 12:27", "2026-06-14 13:00"),
                (AnalyticsLevel.Hour, "2026-06-14 13:00", "2026-06-15 12:00"),
                (AnalyticsLevel.Minute, "2026-06-15 12:00", "2026-06-15 12:34"),
            ],
            tiles.OrderBy(t => t.From).Select(t => (t.Level, Text(t.From), Text(t.To))));
        AssertContiguous(tiles, coveredFrom, coveredTo);
    }

    [Theory]
    [InlineData("2026-06-15 12:10", "2026-06-15 12:20")]
    [InlineData("2026-06-10 23:59", "2026-06-11 00:01")]
    [InlineData("2026-01-10 23:59", "2026-01-11 00:01")]
    [InlineData("2025-12-31 00:00", "2026-06-15 12:34")]
    [InlineData("2026-06-01 05:30", "2026-06-01 05:45")]
    public void Tiles_never_overlap_and_leave_no_gap(string from, string to)
    {
        var (tiles, coveredFrom, coveredTo) = AnalyticsTiles.Cover(Parse(from), Parse(to), Now);
        Assert.True(coveredFrom <= Parse(from) && coveredTo >= Parse(to));
        AssertContiguous(tiles, coveredFrom, coveredTo);
        Assert.All(tiles, t => Assert.True(t.Level != AnalyticsLevel.Minute || t.From >= Now - AnalyticsTiles.MinuteRetention));
    }

    [Theory]
    [InlineData(60, AnalyticsLevel.Minute)]
    [InlineData(900, AnalyticsLevel.Minute)]
    [InlineData(7200, AnalyticsLevel.Hour)]
    [InlineData(86400, AnalyticsLevel.Day)]
    [InlineData(604800, AnalyticsLevel.Day)]
    public void A_series_reads_the_coarsest_level_that_divides_its_buckets(int bucket, AnalyticsLevel level) =>
        Assert.Equal(level, AnalyticsTiles.LevelFor(bucket));

    private static void AssertContiguous(IReadOnlyList<AnalyticsTile> tiles, DateTime from, DateTime to)
    {
        var ordered = tiles.OrderBy(t => t.From).ToList();
        Assert.Equal(from, ordered[0].From);
        Assert.Equal(to, ordered[^1].To);
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[i - 1].To, ordered[i].From);
        }

        Assert.All(ordered, t => Assert.Equal(t.From, AnalyticsTiles.Floor(t.From, t.Level)));
        Assert.All(ordered, t => Assert.Equal(t.To, AnalyticsTiles.Floor(t.To, t.Level)));
    }

    private static DateTime Parse(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static string Text(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static MessageRecord Record() => new(Hash32.FromUInt64(1), Protocol.OpStackMessenger);

    private static BridgeEvent Event(EventKind kind, ulong chain, long time, ulong value = 0, ulong block = 1, uint log = 0) => new()
    {
        Position = new LogPosition(chain, block, Hash32.FromUInt64(block + (chain * 1000)), Hash32.FromUInt64(block + 7), log, time, default),
        Protocol = Protocol.OpStackMessenger,
        Kind = kind,
        CorrelationKey = Hash32.FromUInt64(1),
        SourceChainId = 900,
        DestinationChainId = 901,
        Value = Hash32.FromUInt64(value),
    };
}
