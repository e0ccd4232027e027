using System.Numerics;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Devnet;
using BridgeStream.Tests.Infrastructure;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Bad input goes to the dead-letter topic with its reason and lands in ClickHouse; nothing crashes and the messages
/// after it are still processed. Two kinds: a log on chain with a real SentMessage topic but broken data (ingest
/// stage), and a Kafka record that is not a BridgeEvent at all (process stage).
/// </summary>
public sealed class DeadLetterTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task Malformed_logs_and_records_are_dead_lettered_with_a_reason_and_the_pipeline_goes_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "deadletter", ct);
        var emitter = await DeployEmitterAsync(harness, ct);
        harness.Settings["Chains:0:Contracts:9:Kind"] = "L1CrossDomainMessenger";
        harness.Settings["Chains:0:Contracts:9:Address"] = emitter.Address;
        harness.Settings["Chains:0:Contracts:9:CounterpartyChainId"] = "901";
        await harness.StartIngestAsync(ct);
        var processor = harness.StartProcessor();

        // A SentMessage whose data is 7 bytes long: its topic says bridge event, its body cannot be one.
        var malformedTx = await emitter.EmitAsync([OpStackSignatures.SentMessage.ToArray(), new byte[32]], [1, 2, 3, 4, 5, 6, 7], ct);
        await ProduceGarbageAsync(harness, ct);
        var expected = await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 3, ct);

        await harness.WaitUntilAsync(
            async () => await harness.ScalarAsync("SELECT count() FROM dead_letters", ct) == 2
                && await harness.ScalarAsync("SELECT count() FROM messages FINAL WHERE protocol = 'OP_STACK_MESSENGER' AND status = 'DELIVERED'", ct) == expected.Count(e => e.Status == "DELIVERED"),
            TimeSpan.FromSeconds(60), "two dead letters and the later messages", ct);

        Assert.Equal(1, await harness.ScalarAsync(
            $"SELECT count() FROM dead_letters WHERE stage = 'ingest' AND tx_hash = '{malformedTx}' AND reason LIKE '%SentMessage data is 7 bytes%'", ct));
        Assert.Equal(1, await harness.ScalarAsync("SELECT count() FROM dead_letters WHERE stage = 'process' AND reason LIKE 'not a BridgeEventEnvelope%'", ct));
        Assert.False(processor.HasExited, processor.Output);
    }

    private static async Task ProduceGarbageAsync(PipelineHarness harness, CancellationToken ct)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = harness.Kafka.BootstrapServers }).Build();
        await producer.ProduceAsync(
            harness.Settings["Kafka:EventsTopic"], new Message<byte[], byte[]> { Key = new byte[32], Value = [0xff, 0xff, 0xff, 0x07, 0x01] }, ct);
    }

    private static async Task<RawLogEmitter> DeployEmitterAsync(PipelineHarness harness, CancellationToken ct)
    {
        var contracts = await DevnetContracts.LoadAsync(NullLogger.Instance, ct);
        var l1 = harness.Devnet.Deployment.Chain(harness.Devnet.Deployment.L1ChainId);
        var wallet = new DevnetWallet(l1, DevnetAccounts.Deployer, NullLogger.Instance);
        var receipt = await wallet.DeployAsync(contracts["RawLogEmitter"], 1_000_000, ct);
        return new RawLogEmitter(wallet, receipt.ContractAddress);
    }

    private sealed class RawLogEmitter(DevnetWallet wallet, string address)
    {
        public string Address { get; } = address;

        public async Task<string> EmitAsync(byte[][] topics, byte[] data, CancellationToken ct)
        {
            var receipt = await wallet.SendAsync(Address, new EmitLogFunction { Topics = [.. topics], Data = data }, 200_000, BigInteger.Zero, ct);
            return receipt.TransactionHash;
        }
    }

    [Function("emitLog")]
    private sealed class EmitLogFunction : FunctionMessage
    {
        [Parameter("bytes32[]", "topics", 1)]
        public List<byte[]> Topics { get; set; } = [];

        [Parameter("bytes", "data", 2)]
        public byte[] Data { get; set; } = [];
    }
}
