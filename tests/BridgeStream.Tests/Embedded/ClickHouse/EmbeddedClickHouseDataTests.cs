using System.Numerics;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using ClickHouse.Driver.Copy;

namespace BridgeStream.Tests.Embedded.ClickHouse;

public sealed class EmbeddedClickHouseDataTests(EmbeddedClickHouseFixture clickHouse)
{
    private const string CreateTransfers = """
        CREATE TABLE transfers
        (
            id UInt32,
            at DateTime64(3, 'UTC'),
            value UInt256,
            note Nullable(String),
            kind LowCardinality(String),
            tags Array(String)
        )
        ENGINE = MergeTree ORDER BY id
        """;

    private static readonly string[] Columns = ["id", "at", "value", "note", "kind", "tags"];
    private static readonly DateTime Origin = new(2024, 5, 1, 12, 0, 0, 123, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(InsertQueryPlacement.Body)]
    [InlineData(InsertQueryPlacement.Url)]
    public async Task InsertBinaryAsync_round_trips_every_column_type(InsertQueryPlacement placement)
    {
        using var client = new ClickHouseClient(await clickHouse.CreateDatabaseAsync("insert_binary"));
        await client.ExecuteNonQueryAsync(CreateTransfers, cancellationToken: Ct);

        var written = await client.InsertBinaryAsync(
            "transfers", Columns, Rows(3000), new InsertOptions { QueryPlacement = placement, BatchSize = 1000 }, Ct);

        Assert.Equal(3000, written);
        await AssertStoredAsync(client, 3000);
    }

    [Fact]
    public async Task Bulk_copy_writes_all_rows()
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("bulk_copy");
        using var client = new ClickHouseClient(connectionString);
        await client.ExecuteNonQueryAsync(CreateTransfers, cancellationToken: Ct);
        // Obsolete in 1.5.0 (superseded by InsertBinaryAsync) but still shipped, so the endpoint must serve it too.
#pragma warning disable CS0618
        using var bulkCopy = new ClickHouseBulkCopy(connectionString) { DestinationTableName = "transfers", BatchSize = 700 };
#pragma warning restore CS0618

        await bulkCopy.WriteToServerAsync(Rows(2500), Ct);

        Assert.Equal(2500, bulkCopy.RowsWritten);
        await AssertStoredAsync(client, 2500);
    }

    [Fact]
    public async Task ReplacingMergeTree_with_final_keeps_the_highest_version_per_key()
    {
        using var client = new ClickHouseClient(await clickHouse.CreateDatabaseAsync("replacing"));
        await client.ExecuteNonQueryAsync(
            "CREATE TABLE messages (id String, status String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY id",
            cancellationToken: Ct);
        // Separate inserts make separate parts, so the duplicates are still on disk until FINAL collapses them.
        await client.ExecuteNonQueryAsync("INSERT INTO messages VALUES ('a', 'sent', 1), ('b', 'sent', 1)", cancellationToken: Ct);
        await client.ExecuteNonQueryAsync("INSERT INTO messages VALUES ('a', 'delivered', 2)", cancellationToken: Ct);
        await client.ExecuteNonQueryAsync("INSERT INTO messages VALUES ('a', 'sent', 1)", cancellationToken: Ct);

        var raw = await client.ExecuteScalarAsync("SELECT count() FROM messages", cancellationToken: Ct);
        var collapsed = await client.ExecuteScalarAsync("SELECT count() FROM messages FINAL", cancellationToken: Ct);
        var status = await client.ExecuteScalarAsync("SELECT status FROM messages FINAL WHERE id = 'a'", cancellationToken: Ct);

        Assert.Equal(4UL, raw);
        Assert.Equal(2UL, collapsed);
        Assert.Equal("delivered", status);
    }

    private static IEnumerable<object[]> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return
            [
                (uint)i,
                Origin.AddMilliseconds(i),
                (BigInteger.One << 200) + i,
                i % 3 == 0 ? null! : $"note {i}",
                i % 2 == 0 ? "deposit" : "withdrawal",
                new[] { $"t{i}", "x" },
            ];
        }
    }

    private static async Task AssertStoredAsync(ClickHouseClient client, int count)
    {
        Assert.Equal((ulong)count, await client.ExecuteScalarAsync("SELECT count() FROM transfers", cancellationToken: Ct));
        Assert.Equal((ulong)(count / 3) + (count % 3 == 0 ? 0UL : 1UL),
            await client.ExecuteScalarAsync("SELECT countIf(note IS NULL) FROM transfers", cancellationToken: Ct));

        using var reader = await client.ExecuteReaderAsync(
            "SELECT id, at, value, note, kind, tags FROM transfers WHERE id IN (0, 1, 1001) ORDER BY id", cancellationToken: Ct);
        var seen = new List<uint>();
        while (reader.Read())
        {
            var id = reader.GetFieldValue<uint>(0);
            seen.Add(id);
            Assert.Equal(Origin.AddMilliseconds(id), ((DateTime)reader.GetValue(1)).ToUniversalTime());
            Assert.Equal((BigInteger.One << 200) + id, (BigInteger)reader.GetValue(2));
            Assert.Equal(id % 3 == 0 ? DBNull.Value : $"note {id}", reader.GetValue(3));
            Assert.Equal(id % 2 == 0 ? "deposit" : "withdrawal", reader.GetString(4));
            Assert.Equal(new[] { $"t{id}", "x" }, (string[])reader.GetValue(5));
        }

        Assert.Equal([0U, 1U, 1001U], seen);
    }
}
