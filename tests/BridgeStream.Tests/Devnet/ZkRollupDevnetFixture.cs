using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Linea;
using BridgeStream.Devnet.Bridges.Zksync;
using BridgeStream.Hosting;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// An L1 (900), a Linea stand-in (905) and a zkSync stand-in (906) on anvil (automine) with only the Linea and zkSync
/// devnet bridges deployed, shared by the tests of a class; it decodes what the chains logged with the real decoders and
/// the contract directory the ingestors would be configured with.
/// </summary>
public sealed class ZkRollupDevnetFixture : IAsyncLifetime
{
    public const long L1ChainId = 900;
    public const long LineaChainId = 905;
    public const long ZksyncChainId = 906;

    private readonly List<AnvilChain> _chains = [];
    private readonly HttpClient _http = new();

    public DevnetDeployment Deployment { get; private set; } = null!;

    public ContractDirectory Directory { get; private set; } = null!;

    internal LineaSimulator Linea { get; private set; } = null!;

    internal ZksyncSimulator Zksync { get; private set; } = null!;

    internal string Operator => DevnetAccounts.AddressOf(DevnetAccounts.ZkRollups);

    public async ValueTask InitializeAsync()
    {
        var l1 = await StartAsync("l1", L1ChainId, ChainRole.L1);
        var linea = await StartAsync("linea1", LineaChainId, ChainRole.Linea);
        var zksync = await StartAsync("zksync1", ZksyncChainId, ChainRole.Zksync);
        var contracts = await DevnetContracts.LoadAsync(NullLogger.Instance);
        IDevnetBridge[] bridges = [new LineaMessageServiceBridge(), new ZksyncEraBridge()];
        Deployment = await new DevnetDeployer(contracts, NullLogger.Instance, bridges).DeployAsync(l1.Describe(), [linea.Describe(), zksync.Describe()]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDevnet.ChainConfiguration(Deployment)).Build();
        Directory = ChainsConfiguration.Directory(ChainsConfiguration.Read(configuration));
        var wallets = new AccountWallets(Deployment, DevnetAccounts.ZkRollups, NullLogger.Instance);
        Linea = new LineaSimulator(wallets);
        Zksync = new ZksyncSimulator(wallets);
    }

    public JsonRpcClient Rpc(long chainId) => new(_http, [Deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);

    /// <summary>Decodes one transaction's bridge logs (eth_getLogs on the configured contracts, as the ingestor reads them)
    /// with every protocol's decoder, routed by the devnet's directory.</summary>
    public async Task<CollectingSink> DecodeAsync(long chainId, string txHash, long blockNumber)
    {
        var addresses = Deployment.Contracts.Where(c => c.ChainId == chainId).Select(c => Address.Parse(c.Address)).Distinct().ToList();
        var decoder = ProtocolCatalog.CreateDecoder();
        var logs = await Rpc(chainId).GetLogsAsync((ulong)blockNumber, (ulong)blockNumber, addresses, decoder.Topics, TestContext.Current.CancellationToken);
        var sink = new CollectingSink();
        decoder.Decode([.. logs.Where(l => l.TransactionHash == Hash32.Parse(txHash))], new DecodeContext((ulong)chainId, Directory, 1), sink);
        return sink;
    }

    /// <summary>Moves a chain's clock forward (anvil keeps the offset for later blocks) and mines a block.</summary>
    public async Task WarpAsync(long chainId, long seconds)
    {
        var ct = TestContext.Current.CancellationToken;
        await Rpc(chainId).CallAsync("evm_increaseTime", $"[{seconds}]", ct);
        await Rpc(chainId).CallAsync("evm_mine", "[]", ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chain in _chains)
        {
            await chain.DisposeAsync();
        }

        _http.Dispose();
    }

    private async Task<AnvilChain> StartAsync(string name, long chainId, ChainRole role)
    {
        var chain = await AnvilChain.StartAsync(new AnvilOptions { Name = name, ChainId = chainId, Role = role }, NullLogger.Instance);
        _chains.Add(chain);
        return chain;
    }
}
