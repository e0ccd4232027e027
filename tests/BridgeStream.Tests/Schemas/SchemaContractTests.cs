using BridgeStream.ClickHouse;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Kafka;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Tests.Schemas;

/// <summary>The code against the contracts in schemas/: the Kafka proto and the ClickHouse DDL.</summary>
public sealed class SchemaContractTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public void Domain_enums_match_the_proto_enums_by_number_and_name()
    {
        foreach (var protocol in Enum.GetValues<Protocol>())
        {
            var proto = (V1.Protocol)(int)protocol;
            Assert.True(Enum.IsDefined(proto), $"{protocol} has no proto value");
            Assert.Equal(Normalise("PROTOCOL_" + ClickHouseRows.UpperSnake(protocol.ToString())), Normalise(ProtoName(proto)));
        }

        foreach (var kind in Enum.GetValues<EventKind>())
        {
            var proto = (V1.EventKind)(int)kind;
            Assert.True(Enum.IsDefined(proto), $"{kind} has no proto value");
            Assert.Equal(Normalise("EVENT_KIND_" + ClickHouseRows.UpperSnake(kind.ToString())), Normalise(ProtoName(proto)));
        }
    }

    [Fact]
    public void An_event_survives_the_Kafka_encoding_with_every_field()
    {
        var original = new BridgeEvent
        {
            Position = new LogPosition(1, 19_000_000, Hash32.FromUInt64(7), Hash32.FromUInt64(8), 12, 1_700_000_000, Address.Parse("0x25ace71c97b33cc4729cf772ae268934f7ab5fa1")),
            Protocol = Protocol.OpStackMessenger,
            Kind = EventKind.MessageSent,
            CorrelationKey = Hash32.FromUInt64(99),
            SourceChainId = 1,
            DestinationChainId = 10,
            Sender = Address.Parse("0x4200000000000000000000000000000000000010"),
            Target = Address.Parse("0x99c9fc46f92e8a1c0dec1b1747d010903e884be1"),
            Value = Hash32.FromUInt64(10_170_341_573_197_414),
            MessageNonce = Hash32.Parse("0x0001000000000000000000000000000000000000000000000000000000001268"),
            GasLimit = 200_000,
            Payload = new byte[] { 1, 2, 3 },
            ObservedAtUnixNanos = 1_700_000_000_123_456_789,
            Asset = Address.Parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"),
            Amount = Hash32.FromUInt64(5_000_000),
        };

        var decoded = BridgeEventCodec.TryDecode(BridgeEventCodec.Encode(original), out var error);

        Assert.Null(error);
        Assert.NotNull(decoded);
        Assert.Equal(original with { Payload = default }, decoded with { Payload = default });
        Assert.Equal(original.Payload.ToArray(), decoded.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff })]
    [InlineData(new byte[] { 0x0a, 0x00 })]
    [InlineData(new byte[0])]
    public void A_record_that_is_not_an_event_yields_a_reason(byte[] value)
    {
        Assert.Null(BridgeEventCodec.TryDecode(value, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Every_column_the_code_writes_exists_in_the_migrated_schema()
    {
        var connectionString = await clickHouse.CreateDatabaseAsync("contract");
        await new ClickHouseMigrator(connectionString).MigrateAsync(TestContext.Current.CancellationToken);
        using var client = new ClickHouseClient(connectionString);

        Assert.Empty(ClickHouseRows.EventColumns.Except(await ColumnsAsync(client, "bridge_events")));
        Assert.Equal(ClickHouseRows.MessageColumns.Order(), (await ColumnsAsync(client, "messages")).Order());
    }

    private static async Task<List<string>> ColumnsAsync(ClickHouseClient client, string table)
    {
        var columns = new List<string>();
        using var reader = await client.ExecuteReaderAsync($"SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '{table}'", null, null, TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    // The generated C# enums carry the proto names in an attribute; compare ignoring underscores and case.
    private static string ProtoName<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())!.GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
            .Cast<Google.Protobuf.Reflection.OriginalNameAttribute>().Single().Name;

    private static string Normalise(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}
