namespace BridgeStream.ClickHouse;

/// <summary>Where ClickHouse is. An empty connection string means the embedded chDB endpoint (the embedded default).</summary>
public sealed class ClickHouseOptions
{
    public const string Section = "ClickHouse";

    /// <summary>A ClickHouse.Driver connection string, e.g. <c>Host=clickhouse;Port=8123;Username=u;Password=p;Database=bridgestream</c>.</summary>
    public string ConnectionString { get; set; } = "";
}
