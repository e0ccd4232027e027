namespace BridgeStream.ClickHouse;

/// <summary>Where ClickHouse is: bound from the "ClickHouse" configuration section.</summary>
public sealed class ClickHouseOptions
{
    public const string SectionName = "ClickHouse";

    /// <summary>A ClickHouse.Driver connection string, for example "Host=127.0.0.1;Port=8123;Database=bridgestream".</summary>
    public string ConnectionString { get; set; } = "";
}
