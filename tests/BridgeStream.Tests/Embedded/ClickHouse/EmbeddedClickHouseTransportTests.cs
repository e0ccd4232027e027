using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using BridgeStream.Embedded.ClickHouse;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Tests.Embedded.ClickHouse;

/// <summary>The HTTP interface itself, spoken with a plain HttpClient where the driver would hide the detail.</summary>
public sealed class EmbeddedClickHouseTransportTests(EmbeddedClickHouseFixture clickHouse)
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gzip_query_body_is_decoded_and_answered_with_clickhouse_headers()
    {
        using var response = await PostAsync("/", Encode("SELECT 40 + 2", "gzip"), "gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("42\n", await response.Content.ReadAsStringAsync(Ct));
        Assert.False(string.IsNullOrEmpty(Header(response, "X-ClickHouse-Timezone")));
        Assert.False(string.IsNullOrEmpty(Header(response, "X-ClickHouse-Query-Id")));
        using var summary = JsonDocument.Parse(Header(response, "X-ClickHouse-Summary"));
        Assert.True(summary.RootElement.TryGetProperty("read_rows", out _));
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("")]
    public async Task Inserts_with_data_in_a_compressed_body_are_streamed(string encoding)
    {
        var database = new ClickHouseConnectionStringBuilder(await clickHouse.CreateDatabaseAsync("encoding")).Database;
        using var client = new ClickHouseClient(clickHouse.ConnectionString);
        await client.ExecuteNonQueryAsync($"CREATE TABLE {database}.pairs (n UInt32, s String) ENGINE = MergeTree ORDER BY n", cancellationToken: Ct);

        // Statement and data in the body (the driver's default), then statement in the URL and data alone in the body.
        using var inBody = await PostAsync($"/?database={database}", Encode("INSERT INTO pairs FORMAT CSV\n1,a\n2,b\n", encoding), encoding);
        using var inUrl = await PostAsync(
            $"/?database={database}&query={Uri.EscapeDataString("INSERT INTO pairs (n, s) FORMAT TabSeparated")}", Encode("3\tc\n", encoding), encoding);

        Assert.Equal(HttpStatusCode.OK, inBody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inUrl.StatusCode);
        Assert.Equal("a,b,c", await client.ExecuteScalarAsync($"SELECT arrayStringConcat(groupArray(s), ',') FROM (SELECT s FROM {database}.pairs ORDER BY n)", cancellationToken: Ct));
    }

    [Fact]
    public async Task Errors_are_http_500_with_the_code_in_text_and_header()
    {
        using var response = await PostAsync("/", Encoding.UTF8.GetBytes("SELECT * FROM system.no_such_table"), "");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("60", Header(response, "X-ClickHouse-Exception-Code"));
        Assert.StartsWith("Code: 60.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_content_encoding_and_corrupt_bodies_are_refused_clearly()
    {
        using var unknown = await PostAsync("/", Encoding.UTF8.GetBytes("SELECT 1"), "lz5");
        using var corrupt = await PostAsync("/", Encoding.UTF8.GetBytes("not gzip at all"), "gzip");

        Assert.Equal(HttpStatusCode.InternalServerError, unknown.StatusCode);
        Assert.Equal("1", Header(unknown, "X-ClickHouse-Exception-Code"));
        Assert.Contains("Content-Encoding", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, corrupt.StatusCode);
        Assert.Equal("354", Header(corrupt, "X-ClickHouse-Exception-Code"));
    }

    [Fact]
    public async Task Concurrent_queries_from_several_tasks_each_get_their_own_answer()
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("concurrent");
        using var client = new ClickHouseClient(connectionString);
        await client.ExecuteNonQueryAsync("CREATE TABLE numbers_by_task (task UInt32, n UInt32) ENGINE = MergeTree ORDER BY (task, n)", cancellationToken: Ct);

        var sums = await Task.WhenAll(Enumerable.Range(1, 6).Select(task => Task.Run(async () =>
        {
            using var own = new ClickHouseClient(connectionString);
            for (var round = 0; round < 10; round++)
            {
                await own.ExecuteNonQueryAsync($"INSERT INTO numbers_by_task SELECT {task}, number FROM numbers({round * 10}, 10)", cancellationToken: Ct);
            }

            var parameters = new ClickHouseParameterCollection();
            parameters.AddParameter("task", (uint)task);
            return await own.ExecuteScalarAsync("SELECT sum(n) * task FROM numbers_by_task WHERE task = {task:UInt32} GROUP BY task", parameters, cancellationToken: Ct);
        })));

        Assert.Equal(Enumerable.Range(1, 6).Select(task => (ulong)(4950 * task)), sums.Select(Convert.ToUInt64));
    }

    [Fact]
    public void A_second_data_folder_in_the_same_process_is_refused()
    {
        var other = Path.Combine(Path.GetTempPath(), "bridgestream-tests", "other-chdb-folder");

        var error = Assert.Throws<InvalidOperationException>(() => ChdbSession.Open(other));

        Assert.Contains("one data folder per process", error.Message, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string pathAndQuery, byte[] body, string encoding)
    {
        var content = new ByteArrayContent(body);
        if (encoding.Length > 0)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return await Http.PostAsync(new Uri(clickHouse.HttpEndpoint, pathAndQuery), content, Ct);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static byte[] Encode(string text, string encoding)
    {
        var raw = Encoding.UTF8.GetBytes(text);
        if (encoding == "zstd")
        {
            using var compressor = new ZstdSharp.Compressor();
            return compressor.Wrap(raw).ToArray();
        }

        using var output = new MemoryStream();
        using (Stream compressing = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new MemoryStream(),
        })
        {
            compressing.Write(raw);
        }

        return encoding.Length == 0 ? raw : output.ToArray();
    }
}
