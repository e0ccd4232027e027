namespace BridgeStream.Embedded.ClickHouse;

/// <summary>Where the embedded ClickHouse keeps its data and where its HTTP endpoint listens.</summary>
public sealed class EmbeddedClickHouseOptions
{
    /// <summary>chDB's data folder. One per process: chDB cannot open a second, different folder.</summary>
    public string DataPath { get; set; } = Path.Combine(EmbeddedTools.DataRoot, "clickhouse");

    /// <summary>Interface to listen on: an IP address or "localhost".</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="EmbeddedClickHouseServer.HttpEndpoint"/>).</summary>
    public int Port { get; set; }
}
