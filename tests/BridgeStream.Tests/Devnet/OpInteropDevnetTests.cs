using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.OpInterop;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges.Interop;
using BridgeStream.Hosting;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>Two OP Stack anvil chains (901, 902) and an L1, with only the OP interop stand-ins deployed.</summary>
public sealed class OpInteropDevnetFixture : IAsyncLifetime
{
    private readonly List<AnvilChain> _chains = [];

    public DevnetDeployment Deployment { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var l1 = await StartAsync("l1", 900, ChainRole.L1);
        var a = await StartAsync("op-a", 901, ChainRole.OpStack);
        var b = await StartAsync("op-b", 902, ChainRole.OpStack);
        var contracts = await DevnetContracts.LoadAsync(NullLogger.Instance);
        Deployment = await new DevnetDeployer(contracts, NullLogger.Instance, [new OpInteropBridge()]).DeployAsync(l1.Describe(), [a.Describe(), b.Describe()]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chain in _chains)
        {
            await chain.DisposeAsync();
        }
    }

    private async Task<AnvilChain> StartAsync(string name, long chainId, ChainRole role)
    {
        var chain = await AnvilChain.StartAsync(
            new AnvilOptions { Name = name, ChainId = chainId, Role = role, Network = role == ChainRole.OpStack ? "optimism" : null }, NullLogger.Instance);
        _chains.Add(chain);
        return chain;
    }
}

/// <summary>
/// The OP interop stand-ins (OpInterop.sol) on anvil, read back with eth_getLogs from the configured contracts as the
/// ingestor asks and decoded by the core's OpInteropDecoder: the key the decoder computes from a SentMessage log
/// (L2ToL2MessageHash) is the hash the contract itself recorded (sentMessages on the source, successfulMessages on the
/// destination, the RelayedMessage messageHash topic), and the relay transaction decodes to ARRIVED (ExecutingMessage)
/// and RELAYED with that key, the route both ways.
/// </summary>
public sealed class OpInteropDevnetTests(OpInteropDevnetFixture devnet) : IClassFixture<OpInteropDevnetFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_decoders_message_hash_is_the_hash_the_messenger_records_on_both_chains()
    {
        var interop = OpInteropDevnet.TryPrepare(devnet.Deployment, NullLogger.Instance)!;
        Assert.NotNull(interop);
        Assert.Single(interop.Chains.Select(c => c.Messenger.ToLowerInvariant()).Distinct()); // one address, as a predeploy
        var first = await interop.SendAsync(901, 902, OpInteropDevnet.TargetCall(1, [1, 2, 3]), Ct);
        var second = await interop.SendAsync(902, 901, OpInteropDevnet.TargetCall(2, new byte[70]), Ct);

        var (events, rejected) = await DecodeAsync(devnet.Deployment, Ct);
        Assert.Empty(rejected);
        foreach (var message in new[] { first, second })
        {
            var send = Assert.Single(events, e => e.Kind == EventKind.MessageSent && e.Position.TransactionHash == Hash32.Parse(message.Send.TxHash));
            Assert.Equal(message.Hash, send.CorrelationKey);
            Assert.Equal((ulong)message.SourceChainId, send.SourceChainId);
            Assert.Equal((ulong)message.DestinationChainId, send.DestinationChainId);
            Assert.Equal(Address.Parse(interop.Chain(message.SourceChainId).Wallet.Address), send.Sender);
            Assert.Equal(Address.Parse(interop.Chain(message.DestinationChainId).Target), send.Target);
            Assert.Equal((true, false), await interop.RecordedAsync(message.SourceChainId, send.CorrelationKey));
            Assert.Equal((false, false), await interop.RecordedAsync(message.DestinationChainId, send.CorrelationKey));
        }

        // The hash is not the same for the other direction / another nonce: the check above can fail.
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal((false, false), await interop.RecordedAsync(901, second.Hash));

        var relays = new[] { await interop.RelayAsync(first, Ct), await interop.RelayAsync(second, Ct) };
        (events, rejected) = await DecodeAsync(devnet.Deployment, Ct);
        Assert.Empty(rejected);
        foreach (var (message, relay) in new[] { first, second }.Zip(relays))
        {
            var relayed = Assert.Single(relay.Logs, l => l.Topic0 == OpInteropSignatures.RelayedMessageWithReturnData);
            Assert.Equal(message.Hash, relayed.Topics[3]); // the contract's own hash, from its event
            Assert.Equal((false, true), await interop.RecordedAsync(message.DestinationChainId, message.Hash));
            var steps = events.Where(e => e.Position.TransactionHash == Hash32.Parse(relay.Tx.TxHash)).ToList();
            var arrived = Assert.Single(steps, e => e.Kind == EventKind.MessageArrived);
            var delivered = Assert.Single(steps, e => e.Kind == EventKind.MessageRelayed);
            Assert.All([arrived, delivered], e =>
            {
                Assert.Equal(message.Hash, e.CorrelationKey);
                Assert.Equal((ulong)message.SourceChainId, e.SourceChainId);
                Assert.Equal((ulong)message.DestinationChainId, e.DestinationChainId);
            });
        }

        // A second relay of the same message is refused by the messenger (replay protection), as on mainnet.
        await Assert.ThrowsAsync<InvalidOperationException>(() => interop.RelayAsync(first, Ct));
    }

    /// <summary>eth_getLogs of the configured contracts on every chain, decoded as the ingestor does; the interop events.</summary>
    private static async Task<(List<BridgeEvent> Events, List<RejectedLog> Rejected)> DecodeAsync(DevnetDeployment deployment, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDevnet.ChainConfiguration(deployment)).Build();
        var chains = ChainsConfiguration.Read(configuration);
        var directory = ChainsConfiguration.Directory(chains);
        var decoder = ProtocolCatalog.CreateDecoder();
        var sink = new CollectingSink();
        using var http = new HttpClient();
        foreach (var chain in chains.Where(c => c.Contracts.Count > 0))
        {
            var rpc = new JsonRpcClient(http, chain.RpcUrls, chain.ChainId, NullLogger.Instance);
            var head = await rpc.BlockNumberAsync(ct);
            var addresses = chain.Contracts.Select(c => Address.Parse(c.Address)).Distinct().ToList();
            var logs = await rpc.GetLogsAsync(0, head, addresses, decoder.Topics, ct);
            decoder.Decode(logs, new DecodeContext(chain.ChainId, directory, 0), sink);
        }

        return ([.. sink.Events.Where(e => e.Protocol == Protocol.OpSuperchainInterop)], [.. sink.Rejected]);
    }
}
