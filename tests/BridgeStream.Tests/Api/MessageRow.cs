using System.Numerics;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>A row to insert into ClickHouse <c>messages</c> (the columns the API reads, plus version bookkeeping).</summary>
internal sealed record MessageRow(string Id, string Status, ulong SourceChainId, ulong DestinationChainId, DateTime? SentAt)
{
    private static readonly string[] Columns =
    [
        "message_id", "protocol", "status", "source_chain_id", "destination_chain_id", "sender", "target", "value",
        "message_nonce", "source_tx_hash", "source_block_number", "sent_at", "destination_tx_hash",
        "destination_block_number", "delivered_at", "failed_attempts", "latency_seconds", "first_observed_at",
        "version", "updated_at",
    ];

    public static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public string Protocol { get; init; } = "OP_STACK_MESSENGER";
    public DateTime? DeliveredAt { get; init; }
    public ulong Version { get; init; } = 1;
    public uint FailedAttempts { get; init; }
    public string Sender { get; init; } = "0x" + new string('1', 40);
    public string Target { get; init; } = "0x" + new string('2', 40);
    public BigInteger Value { get; init; } = new BigInteger(1_000_000_000_000_000_000) * 3;
    public string SourceTxHash { get; init; } = "0x" + new string('a', 64);
    public string DestinationTxHash { get; init; } = "0x" + new string('d', 64);
    public DateTime UpdatedAt { get; init; } = Epoch;

    public double? LatencySeconds => SentAt is { } sent && DeliveredAt is { } delivered ? (delivered - sent).TotalSeconds : null;

    /// <summary>The key the API orders by: (coalesce(sent_at, delivered_at), message_id), newest first.</summary>
    public DateTime SortTime => SentAt ?? DeliveredAt ?? DateTime.UnixEpoch;

    public static string IdFor(int number) => "0x" + number.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    public static Task InsertAsync(ClickHouseClient clickHouse, params IEnumerable<MessageRow> rows) =>
        clickHouse.InsertBinaryAsync("messages", Columns, rows.Select(row => row.ToValues()).Cast<object[]>().ToList(),
            cancellationToken: TestContext.Current.CancellationToken);

    private object?[] ToValues() =>
    [
        Id, Protocol, Status, SourceChainId, DestinationChainId,
        Sender, Target, Value, BigInteger.One << 240,
        SentAt is null ? "" : SourceTxHash, SentAt is null ? 0UL : 100UL, SentAt,
        DeliveredAt is null ? "" : DestinationTxHash, DeliveredAt is null ? 0UL : 200UL, DeliveredAt,
        FailedAttempts, LatencySeconds,
        Epoch, Version, UpdatedAt,
    ];
}
