using System.Text.Json;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Analytics;

/// <summary>Message.sourceFinalityLagSeconds through GraphQL: hand-checked values, equal to the message_finality view's.</summary>
public sealed class SourceFinalityLagTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task Every_message_of_a_page_gets_its_source_finality_lag_in_one_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "finality_lag");
        using var client = new ClickHouseClient(connectionString);
        // Chain 1: finalized reaches 100 at 12:00:10 (seen twice; the first counts), 110 at 12:00:30.
        await client.ExecuteNonQueryAsync("""
            INSERT INTO chain_heads VALUES
              (1, '2026-01-01 12:00:05.000', 120, '0xa', '2026-01-01 12:00:04', 112, '2026-01-01 11:59:40', 96, '2026-01-01 11:59:00'),
              (1, '2026-01-01 12:00:10.000', 121, '0xb', '2026-01-01 12:00:09', 113, '2026-01-01 11:59:50', 100, '2026-01-01 11:59:30'),
              (1, '2026-01-01 12:00:12.500', 122, '0xc', '2026-01-01 12:00:12', 114, '2026-01-01 11:59:55', 100, '2026-01-01 11:59:30'),
              (1, '2026-01-01 12:00:30.000', 125, '0xd', '2026-01-01 12:00:29', 118, '2026-01-01 12:00:10', 110, '2026-01-01 12:00:00')
            """, null, null, ct);
        var sends = new (string Id, int Block, string SentAt)[]
        {
            (Id(1), 98, "2026-01-01 11:59:20"),  // final at 12:00:10 -> 50 s
            (Id(2), 100, "2026-01-01 11:59:30"), // final at 12:00:10 -> 40 s
            (Id(3), 105, "2026-01-01 11:59:45"), // final at 12:00:30 -> 45 s
            (Id(4), 111, "2026-01-01 12:00:05"), // not final yet
        };
        foreach (var (id, block, sentAt) in sends)
        {
            await client.ExecuteNonQueryAsync(
                $"INSERT INTO messages (message_id, protocol, status, source_chain_id, destination_chain_id, source_tx_hash, source_block_number, sent_at, version) VALUES ('{id}', 'OP_STACK_MESSENGER', 'SENT', 1, 10, '0x{new string('a', 64)}', {block}, '{sentAt}', 1)",
                null, null, ct);
        }

        await using var api = await ApiHost.StartAsync(connectionString);
        var edges = (await api.DataAsync("{ messages(first: 10, orderBy: SENT_AT_ASC) { edges { node { id sourceFinalityLagSeconds } } } }"))
            .GetProperty("messages").GetProperty("edges").EnumerateArray().ToDictionary(e => e.GetProperty("node").GetProperty("id").GetString()!, e => e.GetProperty("node"));

        Assert.Equal(50, edges[Id(1)].GetProperty("sourceFinalityLagSeconds").GetDouble());
        Assert.Equal(40, edges[Id(2)].GetProperty("sourceFinalityLagSeconds").GetDouble());
        Assert.Equal(45, edges[Id(3)].GetProperty("sourceFinalityLagSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, edges[Id(4)].GetProperty("sourceFinalityLagSeconds").ValueKind);

        using var reader = await client.ExecuteReaderAsync("SELECT message_id, source_finality_lag_seconds FROM message_finality", null, null, ct);
        while (await reader.ReadAsync(ct))
        {
            var served = edges[reader.GetString(0)].GetProperty("sourceFinalityLagSeconds");
            double? expected = reader.IsDBNull(1) ? null : Convert.ToDouble(reader.GetValue(1));
            double? actual = served.ValueKind == JsonValueKind.Null ? null : served.GetDouble();
            Assert.Equal(expected, actual);
        }

        var single = (await api.DataAsync($"{{ message(id: \"{Id(3)}\") {{ sourceFinalityLagSeconds }} }}")).GetProperty("message");
        Assert.Equal(45, single.GetProperty("sourceFinalityLagSeconds").GetDouble());
    }

    private static string Id(int n) => "0x" + n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
