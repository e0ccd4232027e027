using BridgeStream.ClickHouse;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.ClickHouse;

/// <summary>The finality views against hand-computed values on a small known data set.</summary>
public sealed class FinalityViewTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task Source_finality_lag_is_the_time_until_the_first_observation_of_a_finalized_head_at_or_above_the_block()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await MigratedAsync(ct);
        // Chain 1: finalized reaches 100 at 12:00:10 (seen twice; the first counts), 110 at 12:00:30.
        await client.ExecuteNonQueryAsync("""
            INSERT INTO chain_heads VALUES
              (1, '2026-01-01 12:00:05.000', 120, '0xa', '2026-01-01 12:00:04', 112, '2026-01-01 11:59:40', 96, '2026-01-01 11:59:00'),
              (1, '2026-01-01 12:00:10.000', 121, '0xb', '2026-01-01 12:00:09', 113, '2026-01-01 11:59:50', 100, '2026-01-01 11:59:30'),
              (1, '2026-01-01 12:00:12.500', 122, '0xc', '2026-01-01 12:00:12', 114, '2026-01-01 11:59:55', 100, '2026-01-01 11:59:30'),
              (1, '2026-01-01 12:00:30.000', 125, '0xd', '2026-01-01 12:00:29', 118, '2026-01-01 12:00:10', 110, '2026-01-01 12:00:00')
            """, null, null, ct);
        await InsertMessageAsync(client, "0x01", block: 98, sentAt: "2026-01-01 11:59:20", ct);  // final at 12:00:10 -> 50 s
        await InsertMessageAsync(client, "0x02", block: 100, sentAt: "2026-01-01 11:59:30", ct); // final at 12:00:10 -> 40 s
        await InsertMessageAsync(client, "0x03", block: 105, sentAt: "2026-01-01 11:59:45", ct); // final at 12:00:30 -> 45 s
        await InsertMessageAsync(client, "0x04", block: 111, sentAt: "2026-01-01 12:00:05", ct); // not final yet

        var lags = new Dictionary<string, double?>();
        using (var reader = await client.ExecuteReaderAsync("SELECT message_id, source_finality_lag_seconds FROM message_finality ORDER BY message_id", null, null, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                lags[reader.GetString(0)] = reader.IsDBNull(1) ? null : Convert.ToDouble(reader.GetValue(1));
            }
        }

        Assert.Equal(50.0, lags["0x01"]);
        Assert.Equal(40.0, lags["0x02"]);
        Assert.Equal(45.0, lags["0x03"]);
        Assert.Null(lags["0x04"]);

        // Safe: 112 seen at 12:00:05, so blocks 98..112 were safe then; 111 -> 0 s after its 12:00:05 block time.
        var safeLags = new Dictionary<string, double?>();
        using (var reader = await client.ExecuteReaderAsync("SELECT message_id, source_safe_lag_seconds FROM message_finality", null, null, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                safeLags[reader.GetString(0)] = reader.IsDBNull(1) ? null : Convert.ToDouble(reader.GetValue(1));
            }
        }

        Assert.Equal(45.0, safeLags["0x01"]);
        Assert.Equal(0.0, safeLags["0x04"]);
    }

    [Fact]
    public async Task Head_to_finalized_lag_per_observation_in_blocks_and_seconds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await MigratedAsync(ct);
        await client.ExecuteNonQueryAsync("""
            INSERT INTO chain_heads VALUES
              (10, '2026-01-01 12:00:00.000', 500, '0xa', '2026-01-01 12:00:00', 490, '2026-01-01 11:59:40', 480, '2026-01-01 11:59:20'),
              (10, '2026-01-01 12:00:02.000', 501, '0xb', '2026-01-01 12:00:02', 0, '1970-01-01 00:00:00', 0, '1970-01-01 00:00:00')
            """, null, null, ct);

        using var reader = await client.ExecuteReaderAsync("SELECT safe_lag_blocks, finalized_lag_blocks, safe_lag_seconds, finalized_lag_seconds FROM chain_finality_lag", null, null, ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(10L, Convert.ToInt64(reader.GetValue(0)));
        Assert.Equal(20L, Convert.ToInt64(reader.GetValue(1)));
        Assert.Equal(20L, Convert.ToInt64(reader.GetValue(2)));
        Assert.Equal(40L, Convert.ToInt64(reader.GetValue(3)));
        Assert.False(await reader.ReadAsync(ct)); // the observation without a finalized head is not a lag
    }

    private async Task<ClickHouseClient> MigratedAsync(CancellationToken ct)
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("finality");
        await new ClickHouseMigrator(connectionString).MigrateAsync(ct);
        return new ClickHouseClient(connectionString);
    }

    private static Task InsertMessageAsync(ClickHouseClient client, string id, ulong block, string sentAt, CancellationToken ct) =>
        client.ExecuteNonQueryAsync(
            $"INSERT INTO messages (message_id, protocol, status, source_chain_id, source_tx_hash, source_block_number, sent_at, version) VALUES ('{id}', 'OP_STACK_MESSENGER', 'SENT', 1, '0xt', {block}, '{sentAt}', 1)",
            null, null, ct);
}
