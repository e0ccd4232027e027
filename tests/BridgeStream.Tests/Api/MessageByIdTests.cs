using System.Text.Json;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Api;

/// <summary>
/// message(id) against row versions that merges have not collapsed (merges stopped: every version a row of its own): the
/// newest version wins whatever the insert order; a newest version that is a deletion (every step retracted) hides the
/// message, as FINAL's is_deleted rule does; a message written again after a deletion shows again; the FINAL page read
/// agrees. It guards any rewrite of the lookup (a primary-key read without FINAL was measured and brought no gain: README).
/// </summary>
public sealed class MessageByIdTests(EmbeddedClickHouseFixture clickHouse)
{
    private static readonly string Deleted = "0x" + new string('d', 64);
    private static readonly string Revived = "0x" + new string('e', 64);
    private static readonly string Versioned = "0x" + new string('f', 64);

    [Fact]
    public async Task Message_by_id_answers_as_a_final_read_does()
    {
        var connectionString = await TestDatabase.CreateAsync(clickHouse, "message_by_id");
        using var client = new ClickHouseClient(connectionString);
        // Each insert its own part (merges are stopped): an older version arriving last must still lose.
        await InsertAsync(client, Deleted, "SENT", version: 1, deleted: 0);
        await InsertAsync(client, Deleted, "SENT", version: 2, deleted: 1);
        await InsertAsync(client, Revived, "SENT", version: 1, deleted: 0);
        await InsertAsync(client, Revived, "SENT", version: 2, deleted: 1);
        await InsertAsync(client, Revived, "DELIVERED", version: 3, deleted: 0);
        await InsertAsync(client, Versioned, "DELIVERED", version: 3, deleted: 0);
        await InsertAsync(client, Versioned, "SENT", version: 1, deleted: 0);
        await using var api = await ApiHost.StartAsync(connectionString);

        var data = await api.DataAsync($$"""
            {
              deleted: message(id: "{{Deleted}}") { id }
              revived: message(id: "{{Revived}}") { id status }
              versioned: message(id: "{{Versioned}}") { id status }
              messages(first: 10) { edges { node { id status } } }
            }
            """);

        Assert.Equal(JsonValueKind.Null, data.GetProperty("deleted").ValueKind);
        Assert.Equal("DELIVERED", data.GetProperty("revived").GetProperty("status").GetString());
        Assert.Equal("DELIVERED", data.GetProperty("versioned").GetProperty("status").GetString());
        // The FINAL page read agrees: the same two messages, with the same statuses.
        var page = data.GetProperty("messages").GetProperty("edges").EnumerateArray()
            .Select(edge => (edge.GetProperty("node").GetProperty("id").GetString(), edge.GetProperty("node").GetProperty("status").GetString()))
            .Order().ToList();
        Assert.Equal([(Revived, "DELIVERED"), (Versioned, "DELIVERED")], page);
    }

    private static Task InsertAsync(ClickHouseClient client, string id, string status, int version, int deleted) =>
        client.ExecuteNonQueryAsync($"""
            INSERT INTO messages (message_id, protocol, status, source_chain_id, destination_chain_id, sent_at, first_observed_at, version, is_deleted, updated_at)
            VALUES ('{id}', 'OP_STACK_MESSENGER', '{status}', 1, 10, toDateTime64('2026-01-01 00:00:00', 3, 'UTC'),
                    toDateTime64('2026-01-01 00:00:00', 6, 'UTC'), {version}, {deleted}, toDateTime64('2026-01-01 00:00:0{version}', 3, 'UTC'))
            """, cancellationToken: TestContext.Current.CancellationToken);
}
