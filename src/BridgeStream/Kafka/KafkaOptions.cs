using System.ComponentModel.DataAnnotations;

namespace BridgeStream.Kafka;

/// <summary>Kafka settings. An empty bootstrap list means the embedded librdkafka mock cluster.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    public string BootstrapServers { get; set; } = "";

    [Required]
    public string EventsTopic { get; set; } = "bridge.events.v1";

    [Required]
    public string DeadLetterTopic { get; set; } = "bridge.deadletter.v1";

    [Required]
    public string HeadsTopic { get; set; } = "chain.heads.v1";

    /// <summary>Rollups' settlement steps on L1 (schemas/kafka/rollup_settlement.proto), keyed by the rollup's chain id.</summary>
    [Required]
    public string SettlementTopic { get; set; } = "rollup.settlement.v1";
    /// <summary>Alert state changes (schemas/kafka/alerts.proto), produced by the alerting in `process`.</summary>
    [Required]
    public string AlertsTopic { get; set; } = "bridge.alerts.v1";

    [Range(1, 1024)]
    public int Partitions { get; set; } = 6;

    [Range(1, 5)]
    public short ReplicationFactor { get; set; } = 3;

    [Required]
    public string ConsumerGroup { get; set; } = "bridgestream-correlator";

    /// <summary>How many records the processor takes into one ClickHouse write (and one offset commit).</summary>
    [Range(1, 1_000_000)]
    public int ProcessorBatchSize { get; set; } = 5000;

    /// <summary>How long the processor waits to fill a batch before it writes what it has.</summary>
    [Range(1, 60_000)]
    public int ProcessorBatchMillis { get; set; } = 20;

    /// <summary>Extra librdkafka settings (e.g. security.protocol, sasl.*) passed through to every client.</summary>
    public Dictionary<string, string> Client { get; set; } = [];
}
