using BridgeStream.Kafka;

namespace BridgeStream.Tests.Kafka;

public sealed class KafkaClientConfigTests
{
    private static KafkaOptions Options(Dictionary<string, string> client) => new() { BootstrapServers = "broker:9092", Client = client };

    [Fact]
    public void Memory_bounds_are_the_defaults_and_client_settings_override_them()
    {
        var defaults = Options([]);
        Assert.Equal(32 * 1024, KafkaClientConfig.Producer(defaults, "p").QueueBufferingMaxKbytes);
        Assert.Equal(16 * 1024, KafkaClientConfig.Consumer(defaults, "c").QueuedMaxMessagesKbytes);

        var tuned = Options(new() { ["queue.buffering.max.kbytes"] = "4096", ["queued.max.messages.kbytes"] = "2048", ["linger.ms"] = "50", ["security.protocol"] = "sasl_ssl" });
        var producer = KafkaClientConfig.Producer(tuned, "p");
        var consumer = KafkaClientConfig.Consumer(tuned, "c");
        Assert.Equal((4096, 50.0), (producer.QueueBufferingMaxKbytes, producer.LingerMs));
        Assert.Equal(2048, consumer.QueuedMaxMessagesKbytes);
        Assert.Equal("sasl_ssl", consumer.Get("security.protocol"));
        Assert.Equal("broker:9092", consumer.BootstrapServers);
    }
}
