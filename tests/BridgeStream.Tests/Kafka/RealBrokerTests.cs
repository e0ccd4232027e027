using BridgeStream.Kafka;
using Confluent.Kafka;
using static BridgeStream.Tests.Kafka.KafkaTestClients;

namespace BridgeStream.Tests.Kafka;

/// <summary>Guarantees the mock cluster only pretends to give: read_committed isolation and zombie fencing.</summary>
public sealed class RealBrokerTests(RealKafkaBroker broker) : IClassFixture<RealKafkaBroker>
{
    [Fact]
    public async Task Records_of_an_aborted_transaction_are_invisible_to_read_committed()
    {
        var bootstrap = broker.RequireBootstrap();
        var topic = await CreateTopicAsync(bootstrap, "txn-abort");

        using (var producer = TransactionalProducer(bootstrap, UniqueName("txn")))
        {
            producer.InitTransactions(Deadline);
            await ProduceInTransaction(producer, topic, "committed-1", commit: true);
            await ProduceInTransaction(producer, topic, "aborted", commit: false);
            await ProduceInTransaction(producer, topic, "committed-2", commit: true);
        }

        var committedView = ReadValues(bootstrap, topic, IsolationLevel.ReadCommitted, until: "committed-2");
        var uncommittedView = ReadValues(bootstrap, topic, IsolationLevel.ReadUncommitted, until: "committed-2");

        Assert.Equal(["committed-1", "committed-2"], committedView);
        // The aborted record is really in the log: only the isolation level hides it.
        Assert.Equal(["committed-1", "aborted", "committed-2"], uncommittedView);
    }

    [Fact]
    public async Task A_zombie_transactional_producer_is_fenced()
    {
        var bootstrap = broker.RequireBootstrap();
        var topic = await CreateTopicAsync(bootstrap, "txn-fence");
        var transactionalId = UniqueName("txn");

        using var zombie = TransactionalProducer(bootstrap, transactionalId);
        zombie.InitTransactions(Deadline);
        zombie.BeginTransaction();
        await zombie.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "from-zombie" }, TestContext.Current.CancellationToken);

        // A successor with the same transactional.id bumps the epoch and aborts the zombie's open transaction.
        using var successor = TransactionalProducer(bootstrap, transactionalId);
        successor.InitTransactions(Deadline);

        var fenced = Assert.ThrowsAny<KafkaException>(() => zombie.CommitTransaction(Deadline));
        Assert.True(
            fenced.Error.IsFatal || fenced.Error.Code is ErrorCode.ProducerFenced or ErrorCode.Local_Fenced or ErrorCode.InvalidProducerEpoch,
            $"Expected a fencing error, got {fenced.Error.Code}: {fenced.Error.Reason}");

        await ProduceInTransaction(successor, topic, "from-successor", commit: true);
        Assert.Equal(["from-successor"], ReadValues(bootstrap, topic, IsolationLevel.ReadCommitted, until: "from-successor"));
    }

    private static async Task<string> CreateTopicAsync(string bootstrap, string prefix)
    {
        var topic = UniqueName(prefix);
        using var admin = new KafkaTopicAdmin(bootstrap);
        await admin.EnsureTopicsAsync([new TopicSpec(topic, 1, 1)], TestContext.Current.CancellationToken);
        return topic;
    }

    private static IProducer<string, string> TransactionalProducer(string bootstrap, string transactionalId) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            TransactionalId = transactionalId,
            EnableIdempotence = true,
            TransactionTimeoutMs = 30_000,
        }).Build();

    private static async Task ProduceInTransaction(IProducer<string, string> producer, string topic, string value, bool commit)
    {
        producer.BeginTransaction();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = value }, TestContext.Current.CancellationToken);
        if (commit)
        {
            producer.CommitTransaction(Deadline);
        }
        else
        {
            producer.AbortTransaction(Deadline);
        }
    }

    /// <summary>Reads the single-partition topic from the start until <paramref name="until"/> arrives (or the deadline passes).</summary>
    private static List<string> ReadValues(string bootstrap, string topic, IsolationLevel isolation, string until)
    {
        var config = ConsumerConfig(bootstrap, UniqueName("reader"));
        config.IsolationLevel = isolation;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var values = new List<string>();
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline && (values.Count == 0 || values[^1] != until))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null && !result.IsPartitionEOF)
            {
                values.Add(result.Message.Value);
            }
        }

        consumer.Close();
        return values;
    }
}
