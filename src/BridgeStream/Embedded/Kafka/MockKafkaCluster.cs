using System.Runtime.InteropServices;
using BridgeStream.Kafka;

namespace BridgeStream.Embedded.Kafka;

/// <summary>
/// librdkafka's in-process mock Kafka cluster: real brokers speaking the Kafka protocol on 127.0.0.1, so unmodified
/// Confluent.Kafka clients use it through <see cref="BootstrapServers"/>. Limits (see ENVIRONMENT.md): no admin
/// CreateTopics (use <see cref="CreateTopic"/>), fake transactions, ~5 MiB kept per partition, and
/// ListConsumerGroups/DeleteGroups crash the process, so never call them against it.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    public const int MaxBrokers = 64;

    /// <summary>Low so a consumer group forms right away instead of after the broker default of 3 s.</summary>
    public const int InitialRebalanceDelayMs = 100;

    private readonly Lock gate = new();
    private readonly Dictionary<(string Topic, int Partition), int> leaders = [];
    private readonly HashSet<int> downBrokers = [];
    private IntPtr clientHandle;
    private IntPtr cluster;

    private MockKafkaCluster(IntPtr clientHandle, IntPtr cluster, int brokerCount, string bootstrapServers)
    {
        this.clientHandle = clientHandle;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the brokers, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers have ids 1..BrokerCount.</summary>
    public int BrokerCount { get; }

    public static MockKafkaCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokers, MaxBrokers);
        LibRdKafkaNative.EnsureResolver();

        var handle = MockClusterNative.CreateOwnerHandle();
        var cluster = LibRdKafkaNative.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafkaNative.rd_kafka_destroy(handle);
            throw new InvalidOperationException($"librdkafka could not create a mock cluster with {brokers} brokers (see its log on stderr).");
        }

        // Without a controller every admin request (even metadata through AdminClient) times out on the mock.
        LibRdKafkaNative.rd_kafka_mock_set_controller_id(cluster, 1);
        LibRdKafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, InitialRebalanceDelayMs);
        var bootstrap = Marshal.PtrToStringUTF8(LibRdKafkaNative.rd_kafka_mock_cluster_bootstraps(cluster));
        return new MockKafkaCluster(handle, cluster, brokers, bootstrap ?? throw new InvalidOperationException("Mock cluster reported no bootstrap servers."));
    }

    /// <summary>
    /// Creates a topic; a topic that already exists is left as it is. Partition leaders are spread round-robin over
    /// the brokers so <see cref="SetBrokerDown"/> knows which partitions to move.
    /// </summary>
    public void CreateTopic(string name, int partitions, int replicationFactor)
    {
        TopicNames.Validate(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        if (replicationFactor > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(replicationFactor), replicationFactor,
                $"Replication factor {replicationFactor} exceeds the mock cluster's {BrokerCount} brokers.");
        }

        lock (gate)
        {
            var c = LiveCluster();
            if (leaders.ContainsKey((name, 0)))
            {
                return;
            }

            var err = LibRdKafkaNative.rd_kafka_mock_topic_create(c, name, partitions, replicationFactor);
            if (err == LibRdKafkaNative.TopicAlreadyExists)
            {
                return;
            }

            MockClusterNative.ThrowOnError(err, $"create topic '{name}' ({partitions} partitions, rf {replicationFactor})");
            for (var p = 0; p < partitions; p++)
            {
                AssignLeader(c, name, p, LiveBrokerFor(p));
            }
        }
    }

    /// <summary>Moves a partition's leadership (the mock has no controller election of its own).</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        TopicNames.Validate(topic, nameof(topic));
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ValidateBrokerId(brokerId);
        lock (gate)
        {
            AssignLeader(LiveCluster(), topic, partition, brokerId);
        }
    }

    /// <summary>
    /// Takes a broker offline (connections dropped and refused) and, like a Kafka controller would, moves the
    /// leadership of every partition it led (of topics created through <see cref="CreateTopic"/>) to a live broker.
    /// </summary>
    public void SetBrokerDown(int id)
    {
        ValidateBrokerId(id);
        lock (gate)
        {
            var c = LiveCluster();
            MockClusterNative.ThrowOnError(LibRdKafkaNative.rd_kafka_mock_broker_set_down(c, id), $"set broker {id} down");
            downBrokers.Add(id);
            if (downBrokers.Count == BrokerCount)
            {
                return; // Nowhere to move leadership; clients wait for a broker to come back.
            }

            var orphaned = leaders.Where(kv => kv.Value == id).Select(kv => kv.Key).ToList();
            foreach (var (topic, partition) in orphaned)
            {
                AssignLeader(c, topic, partition, LiveBrokerFor(partition));
            }
        }
    }

    /// <summary>Brings a broker back; leadership stays where it moved (no preferred-leader election).</summary>
    public void SetBrokerUp(int id)
    {
        ValidateBrokerId(id);
        lock (gate)
        {
            MockClusterNative.ThrowOnError(LibRdKafkaNative.rd_kafka_mock_broker_set_up(LiveCluster(), id), $"set broker {id} up");
            downBrokers.Remove(id);
        }
    }

    /// <summary>Leader broker id of a partition of a topic created through <see cref="CreateTopic"/>, or null if unknown.</summary>
    public int? LeaderOf(string topic, int partition)
    {
        lock (gate)
        {
            return leaders.TryGetValue((topic, partition), out var id) ? id : null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (cluster == IntPtr.Zero)
            {
                return;
            }

            // The cluster belongs to the handle: destroy it first.
            LibRdKafkaNative.rd_kafka_mock_cluster_destroy(cluster);
            LibRdKafkaNative.rd_kafka_destroy(clientHandle);
            cluster = IntPtr.Zero;
            clientHandle = IntPtr.Zero;
        }
    }

    private IntPtr LiveCluster()
    {
        ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
        return cluster;
    }

    private void ValidateBrokerId(int id)
    {
        if (id < 1 || id > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"The mock cluster has brokers 1..{BrokerCount}.");
        }
    }

    /// <summary>Round-robin over the live brokers, keyed by partition so leaders spread evenly.</summary>
    private int LiveBrokerFor(int partition)
    {
        var live = Enumerable.Range(1, BrokerCount).Where(b => !downBrokers.Contains(b)).ToArray();
        return live.Length == 0 ? 1 + (partition % BrokerCount) : live[partition % live.Length];
    }

    private void AssignLeader(IntPtr c, string topic, int partition, int brokerId)
    {
        MockClusterNative.ThrowOnError(
            LibRdKafkaNative.rd_kafka_mock_partition_set_leader(c, topic, partition, brokerId),
            $"set leader of {topic}[{partition}] to broker {brokerId}");
        leaders[(topic, partition)] = brokerId;
    }
}
