using System.Text;

namespace BridgeStream.Embedded.Kafka;

/// <summary>Native plumbing for <see cref="MockKafkaCluster"/>: the owner handle and error translation.</summary>
internal static class MockClusterNative
{
    private const int ErrorBufferSize = 512;

    /// <summary>
    /// A bare producer handle that only hosts the mock cluster's thread; it never connects anywhere. Its log level is
    /// kept at warnings so the mock brokers don't flood stderr.
    /// </summary>
    public static unsafe IntPtr CreateOwnerHandle()
    {
        var conf = LibRdKafkaNative.rd_kafka_conf_new();
        if (conf == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_conf_new returned null.");
        }

        var error = stackalloc byte[ErrorBufferSize];
        foreach (var (name, value) in new[] { ("client.id", "bridgestream-mock-cluster"), ("log_level", "4") })
        {
            if (LibRdKafkaNative.rd_kafka_conf_set(conf, name, value, error, ErrorBufferSize) != LibRdKafkaNative.ConfOk)
            {
                LibRdKafkaNative.rd_kafka_conf_destroy(conf);
                throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(error)}");
            }
        }

        // rd_kafka_new takes ownership of conf only on success.
        var handle = LibRdKafkaNative.rd_kafka_new(LibRdKafkaNative.ProducerType, conf, error, ErrorBufferSize);
        if (handle == IntPtr.Zero)
        {
            LibRdKafkaNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {Text(error)}");
        }

        return handle;
    }

    public static void ThrowOnError(int err, string action)
    {
        if (err != LibRdKafkaNative.NoError)
        {
            throw new InvalidOperationException($"Mock Kafka cluster could not {action}: {LibRdKafkaNative.ErrorText(err)} (code {err}).");
        }
    }

    private static unsafe string Text(byte* buffer) =>
        Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buffer, ErrorBufferSize)).Split('\0', 2)[0];
}
