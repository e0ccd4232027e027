using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Arbitrum;
using BridgeStream.Devnet.Bridges.Scroll;
using BridgeStream.Hosting;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// An L1 (900), an Arbitrum rollup (903) and a Scroll rollup (904) on anvil (automine) with only the Arbitrum and Scroll
/// devnet bridges deployed, shared by the tests of a class; it decodes what the chains logged with the real decoders and
/// the contract directory the ingestors would be configured with.
/// </summary>
public sealed class ArbitrumScrollDevnetFixture : IAsyncLifetime
{
    public const long L1ChainId = 900;
    public const long ArbitrumChainId = 903;
    public const long ScrollChainId = 904;

    private readonly List<AnvilChain> _chains = [];
    private readonly HttpClient _http = new();

    public DevnetDeployment Deployment { get; private set; } = null!;

    public ContractDirectory Directory { get; private set; } = null!;

    internal AccountWallets Wallets { get; private set; } = null!;

    internal ArbitrumSimulator Arbitrum { get; private set; } = null!;

    internal ScrollSimulator Scroll { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var l1 = await StartAsync("l1", L1ChainId, ChainRole.L1);
        var arb = await StartAsync("arb1", ArbitrumChainId, ChainRole.Arbitrum);
        var scroll = await StartAsync("scroll1", ScrollChainId, ChainRole.Scroll);
        var contracts = await DevnetContracts.LoadAsync(NullLogger.Instance);
        IDevnetBridge[] bridges = [new ArbitrumRollupBridge(), new ScrollMessengerBridge()];
        Deployment = await new DevnetDeployer(contracts, NullLogger.Instance, bridges).DeployAsync(l1.Describe(), [arb.Describe(), scroll.Describe()]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDevnet.ChainConfiguration(Deployment)).Build();
        Directory = ChainsConfiguration.Directory(ChainsConfiguration.Read(configuration));
        Wallets = new AccountWallets(Deployment, DevnetAccounts.ArbitrumAndScroll, NullLogger.Instance);
        Arbitrum = new ArbitrumSimulator(Wallets, NullLogger.Instance);
        Scroll = new ScrollSimulator(Wallets);
    }

    public JsonRpcClient Rpc(long chainId) => new(_http, [Deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);

    /// <summary>Every bridge log of one transaction, as the ingestor reads them (eth_getLogs on the configured contracts).</summary>
    public async Task<List<RawLog>> LogsOfAsync(long chainId, string txHash, long blockNumber)
    {
        var addresses = Deployment.Contracts.Where(c => c.ChainId == chainId).Select(c => Address.Parse(c.Address)).Distinct().ToList();
        var decoder = ProtocolCatalog.CreateDecoder();
        var logs = await Rpc(chainId).GetLogsAsync((ulong)blockNumber, (ulong)blockNumber, addresses, decoder.Topics, TestContext.Current.CancellationToken);
        return [.. logs.Where(l => l.TransactionHash == Hash32.Parse(txHash))];
    }

    /// <summary>Decodes one transaction's bridge logs with every protocol's decoder, routed by the devnet's directory.</summary>
    public async Task<CollectingSink> DecodeAsync(long chainId, string txHash, long blockNumber)
    {
        var sink = new CollectingSink();
        ProtocolCatalog.CreateDecoder().Decode(await LogsOfAsync(chainId, txHash, blockNumber), new DecodeContext((ulong)chainId, Directory, 1), sink);
        return sink;
    }

    /// <summary>Moves a chain's clock forward (anvil keeps the offset for later blocks) and mines a block.</summary>
    public async Task WarpAsync(long chainId, long seconds)
    {
        var ct = TestContext.Current.CancellationToken;
        await Rpc(chainId).CallAsync("evm_increaseTime", $"[{seconds}]", ct);
        await Rpc(chainId).CallAsync("evm_mine", "[]", ct);
    }

    public async Task<long> LatestTimestampAsync(long chainId) =>
        (await Rpc(chainId).GetHeaderAsync("latest", TestContext.Current.CancellationToken))!.Timestamp;

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
