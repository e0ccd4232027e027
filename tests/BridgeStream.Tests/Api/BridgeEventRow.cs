using System.Numerics;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>A row to insert into ClickHouse <c>bridge_events</c> (one on-chain step of a message).</summary>
internal sealed record BridgeEventRow(string MessageId, string Kind, ulong ChainId, ulong BlockNumber, string TxHash, uint LogIndex, DateTime BlockTime)
{
    private static readonly string[] Columns =
    [
        "chain_id", "block_number", "block_hash", "tx_hash", "log_index", "block_time", "emitter", "protocol", "kind",
        "correlation_key", "source_chain_id", "destination_chain_id", "sender", "target", "value", "message_nonce",
        "gas_limit", "payload_size", "observed_at",
    ];

    public string BlockHash => "0x" + BlockNumber.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    public static string TxHashFor(int number) => "0x" + number.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, 'e');

    public static Task InsertAsync(ClickHouseClient clickHouse, params IEnumerable<BridgeEventRow> rows) =>
        clickHouse.InsertBinaryAsync("bridge_events", Columns, rows.Select(row => row.ToValues()).Cast<object[]>().ToList(),
            cancellationToken: TestContext.Current.CancellationToken);

    private object?[] ToValues() =>
    [
        ChainId, BlockNumber, BlockHash, TxHash, LogIndex, BlockTime, "0x" + new string('5', 40), "OP_STACK_MESSENGER", Kind,
        MessageId, 1UL, 10UL, "0x" + new string('1', 40), "0x" + new string('2', 40), BigInteger.Zero, BigInteger.One,
        100_000UL, 4u, BlockTime,
    ];
}
