using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>
/// A fresh ClickHouse database with <see cref="Rows"/> (the newest version of each message) and the API in front
/// of it. One message (<see cref="VersionedId"/>) is written as three versions in three separate inserts with
/// merges stopped, so only a FINAL read shows it once and with its newest version.
/// </summary>
public sealed class SeededMessagesApi(EmbeddedClickHouseFixture clickHouse) : IAsyncLifetime
{
    public static readonly string VersionedId = "0x" + string.Concat(Enumerable.Repeat("ab", 32));
    public static readonly string ReceivedWithoutSendId = "0x" + string.Concat(Enumerable.Repeat("ff", 32));

    private ApiHost? host;

    internal ApiHost Api => host ?? throw new InvalidOperationException("not started");

    internal ClickHouseClient ClickHouse { get; private set; } = null!;

    /// <summary>The newest version of every message in the database.</summary>
    internal IReadOnlyList<MessageRow> Rows { get; private set; } = [];

    /// <summary>All rows, newest first, as the API must order them.</summary>
    internal IReadOnlyList<MessageRow> NewestFirst =>
        [.. Rows.OrderByDescending(row => row.SortTime).ThenByDescending(row => row.Id, StringComparer.Ordinal)];

    public async ValueTask InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "api_seeded");
        ClickHouse = new ClickHouseClient(connectionString);
        var plain = Enumerable.Range(0, 30).Select(PlainMessage).ToList();
        var receivedWithoutSend = new MessageRow(ReceivedWithoutSendId, "RECEIVED_WITHOUT_SEND", 1, 10, SentAt: null)
        {
            DeliveredAt = MessageRow.Epoch.AddMinutes(100),
        };
        var sentAt = MessageRow.Epoch.AddMinutes(200);
        var v1 = new MessageRow(VersionedId, "SENT", 1, 10, sentAt) { Version = 1 };
        var v2 = new MessageRow(VersionedId, "FAILED", 1, 10, sentAt) { Version = 2, FailedAttempts = 1 };
        var v3 = new MessageRow(VersionedId, "DELIVERED", 1, 10, sentAt) { Version = 3, FailedAttempts = 1, DeliveredAt = sentAt.AddSeconds(754.5) };

        await MessageRow.InsertAsync(ClickHouse, [.. plain, receivedWithoutSend]);
        await MessageRow.InsertAsync(ClickHouse, v1);
        await MessageRow.InsertAsync(ClickHouse, v3);
        await MessageRow.InsertAsync(ClickHouse, v2); // an older version arriving last must still lose
        Rows = [.. plain, receivedWithoutSend, v3];
        host = await ApiHost.StartAsync(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        ClickHouse?.Dispose();
    }

    public static readonly string OddSender = "0x" + new string('3', 40);
    public static readonly string ThirdTarget = "0x" + new string('4', 40);
    public static readonly System.Numerics.BigInteger LargeValue = System.Numerics.BigInteger.Pow(10, 21);

    // 30 messages a minute apart (plus i ms, to see milliseconds); #11 shares #10's time so the id breaks the tie.
    // Odd ones come from another sender, every third goes to another target, every fifth carries a large value,
    // and delivered ones take 90 + number seconds (#12 and #15 tie with #9 + 0.0: ids break latency ties too).
    private static MessageRow PlainMessage(int number)
    {
        var timeIndex = number == 11 ? 10 : number;
        var sentAt = MessageRow.Epoch.AddMinutes(timeIndex).AddMilliseconds(timeIndex);
        var status = (number % 3) switch { 0 => "DELIVERED", 1 => "SENT", _ => "FAILED" };
        var (source, destination) = number % 2 == 0 ? (1UL, 10UL) : (10UL, 1UL);
        return new MessageRow(MessageRow.IdFor(number), status, source, destination, sentAt)
        {
            DeliveredAt = status == "DELIVERED" ? sentAt.AddSeconds(number is 12 or 15 ? 99 : 90 + number) : null,
            FailedAttempts = status == "FAILED" ? 2u : 0u,
            Sender = number % 2 == 1 ? OddSender : "0x" + new string('1', 40),
            Target = number % 3 == 0 ? ThirdTarget : "0x" + new string('2', 40),
            Value = number % 5 == 0 ? LargeValue : new System.Numerics.BigInteger(1_000_000_000_000_000_000) * 3,
        };
    }
}
