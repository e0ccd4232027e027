using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges;
using BridgeStream.Devnet.Settlement;
using BridgeStream.Hosting;
using BridgeStream.Ingest;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The settlement stand-ins on anvil, posted to by the devnet poster while the rollups make blocks: what the L1 logged,
/// read back with eth_getLogs, decodes with the real settlement decoders and, completed by the real resolver (eth_call on
/// games, the rollup's RPC for Arbitrum block hashes, Scroll commit calldata), names the rollups' real blocks: checked
/// against the rollups' own headers (output roots recomputed from the L2 state root and the message passer's storage root).
/// The chains mine a block a second, as `up` runs them.
/// </summary>
public sealed class SettlementDevnetTests : IAsyncLifetime
{
    private const long L1 = 900;
    private const long OutputOracleRollup = 901;
    private const long FaultProofRollup = 902;
    private const long ArbitrumRollup = 903;
    private const long ScrollRollup = 904;

    private readonly List<AnvilChain> _chains = [];
    private readonly HttpClient _http = new();
    private DevnetDeployment _deployment = null!;

    public async ValueTask InitializeAsync()
    {
        var l1 = await StartAsync("l1", L1, ChainRole.L1);
        var rollups = new[]
        {
            await StartAsync("op1", OutputOracleRollup, ChainRole.OpStack), await StartAsync("op2", FaultProofRollup, ChainRole.OpStack),
            await StartAsync("arb1", ArbitrumRollup, ChainRole.Arbitrum), await StartAsync("scroll1", ScrollRollup, ChainRole.Scroll),
        };
        var contracts = await DevnetContracts.LoadAsync(NullLogger.Instance);
        IDevnetBridge[] bridges = [new RollupSettlementBridge()];
        _deployment = await new DevnetDeployer(contracts, NullLogger.Instance, bridges).DeployAsync(l1.Describe(), [.. rollups.Select(r => r.Describe())]);
    }

    [Fact]
    public async Task Posted_settlement_decodes_and_resolves_to_the_rollups_real_blocks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var posting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var traffic = new RollupSettlementTraffic { Interval = TimeSpan.FromMilliseconds(500) }.RunAsync(_deployment, new SimulatorOptions(), NullLogger.Instance, posting.Token);

        // The rollups make blocks while the poster posts; the run lasts past a dispute game's clock and airgap.
        // On a loaded machine the poster falls behind: past that time, it goes on (30 s at most) until a game became the
        // anchor, so the assertions below see every kind of step.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(SettlementTimings.GameClockSeconds + SettlementTimings.GameFinalityDelaySeconds + 10);
        var deadline = until + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < until || (DateTime.UtcNow < deadline && !await AnyAnchorAsync(ct)))
        {
            foreach (var rollup in new[] { OutputOracleRollup, FaultProofRollup, ArbitrumRollup, ScrollRollup })
            {
                await Rpc(rollup).CallAsync("evm_mine", "[]", ct);
            }

            await Task.Delay(700, ct);
        }

        await posting.CancelAsync();
        await traffic;

        var steps = await DecodeAsync(ct);
        var byRollup = steps.ToLookup(s => s.RollupChainId);

        // OP L2OutputOracle: proposals of increasing blocks, each root the block's output root; challenge windows compressed.
        var proposals = byRollup[(ulong)OutputOracleRollup].ToList();
        Assert.True(proposals.Count >= 3, $"{proposals.Count} output proposals");
        Assert.All(proposals, p => Assert.Equal((SettlementFamily.OpStackOutputOracle, SettlementStage.Proposed), (p.Family, p.Stage)));
        Assert.True(proposals.Zip(proposals.Skip(1)).All(pair => pair.Second.L2ToBlock > pair.First.L2ToBlock));
        Assert.Equal(Enumerable.Range(0, proposals.Count).Select(i => (ulong?)(ulong)i), proposals.Select(p => p.BatchTo));
        foreach (var p in proposals)
        {
            Assert.Equal(await OutputRootAsync(OutputOracleRollup, p.L2ToBlock!.Value), p.Commitment);
            Assert.Equal(p.Position.BlockTimestamp + SettlementTimings.OutputFinalizationSeconds, p.ChallengeEndsAt);
            Assert.Equal((await HeaderAsync(OutputOracleRollup, p.L2ToBlock.Value)).Timestamp, p.L2BlockTime);
        }

        // Fault proofs: every game's l2BlockNumber() (by eth_call) is the block whose hash the poster claimed; anchors settle.
        var games = byRollup[(ulong)FaultProofRollup].Where(s => s.Stage == SettlementStage.Proposed).ToList();
        var anchors = byRollup[(ulong)FaultProofRollup].Where(s => s.Stage == SettlementStage.Confirmed).ToList();
        Assert.True(games.Count >= 3, $"{games.Count} games");
        foreach (var game in games)
        {
            Assert.Equal((await HeaderAsync(FaultProofRollup, game.L2ToBlock!.Value)).Hash, game.Commitment);
        }

        Assert.NotEmpty(anchors);
        Assert.All(anchors, a => Assert.True(a.Settles));
        Assert.All(anchors, a => Assert.Contains(games, g => g.DisputeGame == a.DisputeGame && g.L2ToBlock == a.L2ToBlock));

        // Arbitrum: assertions name block hashes the rollup RPC turns into numbers and times; confirmations follow in order.
        var assertions = byRollup[(ulong)ArbitrumRollup].Where(s => s.Stage == SettlementStage.Proposed).ToList();
        var confirmations = byRollup[(ulong)ArbitrumRollup].Where(s => s.Stage == SettlementStage.Confirmed).ToList();
        Assert.True(assertions.Count >= 3, $"{assertions.Count} assertions");
        foreach (var a in assertions)
        {
            var header = await HeaderAsync(ArbitrumRollup, a.L2ToBlock!.Value);
            Assert.Equal((header.Hash, header.Timestamp), (a.L2BlockHash, a.L2BlockTime!.Value));
        }

        Assert.NotEmpty(confirmations);
        Assert.Equal(assertions.Take(confirmations.Count).Select(a => a.Commitment), confirmations.Select(c => c.Commitment));
        Assert.Equal(assertions.Take(confirmations.Count).Select(a => a.L2ToBlock), confirmations.Select(c => c.L2ToBlock));

        // Scroll: commits cover consecutive block ranges from block 1 (read from their calldata), finalizations settle.
        var commits = byRollup[(ulong)ScrollRollup].Where(s => s.Stage == SettlementStage.Committed).ToList();
        var finalized = byRollup[(ulong)ScrollRollup].Where(s => s.Stage == SettlementStage.Proven).ToList();
        Assert.True(commits.Count >= 3, $"{commits.Count} commits");
        Assert.Equal(1UL, commits[0].L2FromBlock);
        Assert.True(commits.Zip(commits.Skip(1)).All(pair => pair.Second.L2FromBlock == pair.First.L2ToBlock + 1));
        Assert.Equal(Enumerable.Range(1, commits.Count).Select(i => (ulong?)(ulong)i), commits.Select(c => c.BatchTo));
        foreach (var c in commits)
        {
            Assert.Equal((await HeaderAsync(ScrollRollup, c.L2ToBlock!.Value)).Timestamp, c.L2BlockTime);
        }

        Assert.NotEmpty(finalized);
        Assert.All(finalized, f => Assert.True(f.Settles && f.BatchTo <= commits[^1].BatchTo));
    }

    private async Task<bool> AnyAnchorAsync(CancellationToken ct) =>
        (await DecodeAsync(ct)).Any(s => s.RollupChainId == FaultProofRollup && s.Stage == SettlementStage.Confirmed);

    private async Task<List<SettlementEvent>> DecodeAsync(CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDevnet.ChainConfiguration(_deployment)).Build();
        var chains = ChainsConfiguration.Read(configuration);
        var directory = ChainsConfiguration.Directory(chains);
        var l1 = Rpc(L1);
        var addresses = _deployment.Contracts.Where(c => c.ChainId == L1).Select(c => Address.Parse(c.Address)).ToList();
        var head = await l1.BlockNumberAsync(ct);
        var logs = await l1.GetLogsAsync(0, head, addresses, SettlementCatalog.CreateDecoder().Topics, ct);
        var times = (await l1.GetHeadersAsync([.. logs.Select(l => l.BlockNumber).Distinct()], ct)).ToDictionary(h => h.Number, h => h.Timestamp);
        foreach (var log in logs)
        {
            log.BlockTimestamp = times[log.BlockNumber];
        }

        var sink = new Sink();
        ChainsConfiguration.Decoder().Decode(logs, new DecodeContext(L1, directory, 0), sink);
        Assert.Empty(sink.Rejected);
        Assert.Empty(sink.Events);
        var resolver = new SettlementResolver(l1, chains.Where(c => c.ChainId != L1).ToDictionary(c => c.ChainId, c => Rpc((long)c.ChainId)), NullLogger.Instance);
        return await resolver.ResolveAsync(sink.Settlements, ct);
    }

    // Output root version 0, computed here from the rollup's header and eth_getProof (not from what the poster sent).
    private async Task<Hash32> OutputRootAsync(long rollup, ulong block)
    {
        var web3 = new Web3(_deployment.Chain(rollup).RpcUrl);
        var header = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(block));
        var proof = await web3.Eth.GetProof.SendRequestAsync("0x4200000000000000000000000000000000000016", [], new BlockParameter(block));
        var packed = new byte[128];
        Hash32.Parse(header.StateRoot).CopyTo(packed.AsSpan(32));
        Hash32.Parse(proof.StorageHash).CopyTo(packed.AsSpan(64));
        Hash32.Parse(header.BlockHash).CopyTo(packed.AsSpan(96));
        return new Hash32(new Nethereum.Util.Sha3Keccack().CalculateHash(packed));
    }

    private async Task<BlockHeader> HeaderAsync(long chainId, ulong number) => (await Rpc(chainId).GetHeadersAsync([number], CancellationToken.None)).Single();

    private JsonRpcClient Rpc(long chainId) => new(_http, [_deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);

    private async Task<AnvilChain> StartAsync(string name, long chainId, ChainRole role)
    {
        // One-second blocks, as `up` runs them: the poster waits for its receipts like it does there.
        var chain = await AnvilChain.StartAsync(
            new AnvilOptions { Name = name, ChainId = chainId, Port = 0, Role = role, BlockTimeSeconds = 1 }, NullLogger.Instance, CancellationToken.None);
        _chains.Add(chain);
        return chain;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chain in _chains)
        {
            await chain.DisposeAsync();
        }

        _http.Dispose();
    }

    private sealed class Sink : IDecodeSink, ISettlementSink
    {
        public List<BridgeEvent> Events { get; } = [];

        public List<RejectedLog> Rejected { get; } = [];

        public List<SettlementEvent> Settlements { get; } = [];

        public void OnEvent(BridgeEvent bridgeEvent) => Events.Add(bridgeEvent);

        public void OnRejected(RejectedLog rejected) => Rejected.Add(rejected);

        public void OnSettlement(SettlementEvent settlement) => Settlements.Add(settlement);
    }
}
