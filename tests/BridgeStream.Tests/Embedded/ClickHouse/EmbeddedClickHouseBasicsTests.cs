using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Tests.Embedded.ClickHouse;

public sealed class EmbeddedClickHouseBasicsTests(EmbeddedClickHouseFixture clickHouse)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_answers_through_the_driver_and_plain_http()
    {
        using var client = new ClickHouseClient(clickHouse.ConnectionString);
        Assert.True(await client.PingAsync(cancellationToken: Ct));

        using var http = new HttpClient();
        Assert.Equal("Ok.\n", await http.GetStringAsync(new Uri(clickHouse.HttpEndpoint, "/ping"), Ct));
    }

    [Fact]
    public async Task Ddl_and_scalar_run_in_the_database_of_the_connection_string()
    {
        using var client = new ClickHouseClient(await clickHouse.CreateDatabaseAsync("ddl"));
        await client.ExecuteNonQueryAsync("CREATE TABLE things (id UInt32, name String) ENGINE = MergeTree ORDER BY id", cancellationToken: Ct);
        await client.ExecuteNonQueryAsync("INSERT INTO things VALUES (1, 'a'), (2, 'b')", cancellationToken: Ct);

        var count = await client.ExecuteScalarAsync("SELECT count() FROM things", cancellationToken: Ct);
        var database = await client.ExecuteScalarAsync("SELECT currentDatabase()", cancellationToken: Ct);

        Assert.Equal(2UL, count);
        Assert.StartsWith("t_ddl_", (string)database!, StringComparison.Ordinal);
        using var defaultClient = new ClickHouseClient(clickHouse.ConnectionString);
        Assert.Equal("default", await defaultClient.ExecuteScalarAsync("SELECT currentDatabase()", cancellationToken: Ct));
    }

    [Fact]
    public async Task Parameterised_select_binds_typed_placeholders()
    {
        using var client = new ClickHouseClient(await clickHouse.CreateDatabaseAsync("params"));
        await client.ExecuteNonQueryAsync("CREATE TABLE people (id UInt32, name String) ENGINE = MergeTree ORDER BY id", cancellationToken: Ct);
        await client.ExecuteNonQueryAsync("INSERT INTO people VALUES (1, 'ann'), (2, 'bob''s'), (3, 'cy')", cancellationToken: Ct);
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("name", "bob's");
        parameters.AddParameter("min", 2U);

        var id = await client.ExecuteScalarAsync(
            "SELECT id FROM people WHERE name = {name:String} AND id >= {min:UInt32}", parameters, cancellationToken: Ct);

        Assert.Equal(2U, id);
    }

    [Fact]
    public async Task Settings_apply_to_their_own_statement_only()
    {
        using var client = new ClickHouseClient(clickHouse.ConnectionString);
        var withSetting = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_threads"] = 3 } };

        var during = await client.ExecuteScalarAsync("SELECT getSetting('max_threads')", options: withSetting, cancellationToken: Ct);
        var after = await client.ExecuteScalarAsync("SELECT getSetting('max_threads')", cancellationToken: Ct);
        var unknown = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync(
            "SELECT 1", options: new QueryOptions { CustomSettings = new Dictionary<string, object> { ["no_such_setting"] = 1 } }, cancellationToken: Ct));

        Assert.Equal("3", Convert.ToString(during, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual("3", Convert.ToString(after, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(115, unknown.ErrorCode);
    }

    [Fact]
    public async Task Bad_sql_surfaces_as_the_drivers_server_exception_with_the_clickhouse_code()
    {
        using var client = new ClickHouseClient(await clickHouse.CreateDatabaseAsync("errors"));

        var syntax = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELEC 1", cancellationToken: Ct));
        var unknownTable = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT * FROM no_such_table", cancellationToken: Ct));

        Assert.Equal(62, syntax.ErrorCode);
        Assert.Equal(60, unknownTable.ErrorCode);
        Assert.Contains("no_such_table", unknownTable.Message, StringComparison.Ordinal);
        Assert.Equal((byte)1, await client.ExecuteScalarAsync("SELECT 1", cancellationToken: Ct));
    }
}
