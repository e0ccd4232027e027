using System.Buffers.Binary;
using System.Numerics;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Devnet.Bridges;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace BridgeStream.Devnet.Settlement;

/// <summary>
/// The devnet's proposers, validators and provers (<see cref="RollupSettlementBridge.Proposer"/>, impersonated on the L1):
/// every <see cref="Interval"/> each rollup's newest block is posted to its settlement contracts, and earlier posts move on
/// once their COMPRESSED periods (<see cref="SettlementTimings"/>) have passed:
/// <list type="bullet">
/// <item>L2OutputOracle: the block's output root (version 0: keccak256 of version, state root, the L2ToL1MessagePasser's
/// storage root from eth_getProof, block hash) is proposed; the finalization period confirms it with no further event.</item>
/// <item>Fault proofs: a dispute game per block (extraData = its number), resolved once its clock ran out (no challenger
/// exists), then made the anchor once the airgap passed (AnchorUpdated).</item>
/// <item>Arbitrum: an assertion naming the block hash; confirmed, in order, after the confirm period in L1 blocks.</item>
/// <item>Scroll: a batch of the blocks since the last one (codec v0 chunks of their real block contexts; transactions left
/// out), finalized with the last block's state root after a stand-in proof time. Nothing is proven anywhere.</item>
/// </list>
/// Run next to the other traffic in `up` (<see cref="DevnetBridges.Traffic"/>) and by the settlement tests.
/// </summary>
public sealed class RollupSettlementTraffic : IDevnetTraffic
{
    private const int MaxConsecutiveErrors = 10;
    private static readonly BigInteger ProposerBalance = BigInteger.Pow(10, 24);

    public string Name => "Rollup settlement";

    /// <summary>How often every rollup is posted (and pending posts moved on).</summary>
    public TimeSpan Interval { get; init; } = SettlementTimings.ProposalInterval;

    public async Task RunAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        var l1 = deployment.Chain(deployment.L1ChainId);
        var sender = await ImpersonatedSender.StartAsync(l1, RollupSettlementBridge.Proposer, ProposerBalance);
        var l1Web3 = new Web3(l1.RpcUrl);
        var posters = new List<SettlementPoster>();
        foreach (var rollup in deployment.Contracts.Where(c => c.ChainId == deployment.L1ChainId && SettlementCatalog.IsSettlementKind(c.Kind)).GroupBy(c => c.CounterpartyChainId))
        {
            var l2 = new Web3(deployment.Chain(rollup.Key).RpcUrl);
            var byKind = rollup.ToDictionary(c => c.Kind, c => c.Address);
            if (byKind.TryGetValue(OpStackOutputOracleDecoder.Kind, out var oracle))
            {
                posters.Add(new OutputOraclePoster(sender, l2, oracle));
            }
            else if (byKind.TryGetValue(OpStackFaultProofDecoder.FactoryKind, out var factory) && byKind.TryGetValue(OpStackFaultProofDecoder.AnchorRegistryKind, out var registry))
            {
                posters.Add(new FaultProofPoster(sender, l2, factory, registry));
            }
            else if (byKind.TryGetValue(ArbitrumRollupDecoder.Kind, out var core))
            {
                posters.Add(new AssertionPoster(sender, l1Web3, l2, core));
            }
            else if (byKind.TryGetValue(ScrollChainDecoder.Kind, out var chain))
            {
                posters.Add(new BatchPoster(sender, l1Web3, l2, chain));
            }
        }

        logger.LogInformation(
            "Rollup settlement: posting {Count} rollups every {Interval} s (compressed: output finalization {Output} s, game clock {Clock} s + airgap {Airgap} s, " +
            "Arbitrum confirm period {Blocks} L1 blocks, Scroll proof {Proof} s; nothing is proven)",
            posters.Count, Interval.TotalSeconds, SettlementTimings.OutputFinalizationSeconds, SettlementTimings.GameClockSeconds,
            SettlementTimings.GameFinalityDelaySeconds, SettlementTimings.ConfirmPeriodBlocks, SettlementTimings.ScrollProofSeconds);
        await Task.WhenAll(posters.Select(p => RunPosterAsync(p, logger, ct)));
    }

    private async Task RunPosterAsync(SettlementPoster poster, ILogger logger, CancellationToken ct)
    {
        var errors = 0;
        using var timer = new PeriodicTimer(Interval);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await poster.StepAsync(ct);
                errors = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (++errors < MaxConsecutiveErrors)
            {
                logger.LogWarning(ex, "Settlement posting for {Poster} failed ({Errors} in a row); trying again", poster, errors);
            }

            try
            {
                await timer.WaitForNextTickAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private abstract class SettlementPoster(ImpersonatedSender sender, Web3 l2)
    {
        protected ImpersonatedSender Sender => sender;

        protected Web3 L2 => l2;

        protected static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        public abstract Task StepAsync(CancellationToken ct);

        protected async Task<ulong> L2HeadAsync() => (ulong)(await l2.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        protected Task<BlockWithTransactionHashes> L2BlockAsync(ulong number) =>
            l2.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(number));

        protected static Hash32 Topic(TransactionReceipt receipt, Hash32 topic0, int index)
        {
            foreach (var log in receipt.Logs ?? [])
            {
                var topics = log.Topics;
                if (topics is not null && topics.Length > index && Hash32.Parse(topics[0].ToString()!) == topic0)
                {
                    return Hash32.Parse(topics[index].ToString()!);
                }
            }

            throw new InvalidOperationException($"Transaction {receipt.TransactionHash} emitted no {topic0}.");
        }

        protected static TransactionReceipt Succeeded(TransactionReceipt receipt, string what) =>
            receipt.Status?.Value == BigInteger.One ? receipt : throw new InvalidOperationException($"{what} reverted (tx {receipt.TransactionHash}).");
    }

    private sealed class OutputOraclePoster(ImpersonatedSender sender, Web3 l2, string oracle) : SettlementPoster(sender, l2)
    {
        private const string MessagePasser = "0x4200000000000000000000000000000000000016";
        private ulong _proposed;

        public override async Task StepAsync(CancellationToken ct)
        {
            var head = await L2HeadAsync();
            if (head <= _proposed)
            {
                return;
            }

            var block = await L2BlockAsync(head);
            var proof = await L2.Eth.GetProof.SendRequestAsync(MessagePasser, [], new BlockParameter(head));
            var root = OpStackOutputRoot.Compute(default, Hash32.Parse(block.StateRoot), Hash32.Parse(proof.StorageHash), Hash32.Parse(block.BlockHash));
            Succeeded(await Sender.SendAsync(oracle, new ProposeL2OutputFunction { OutputRoot = root.ToArray(), L2BlockNumber = head }, 300_000, ct), "proposeL2Output");
            _proposed = head;
        }

        public override string ToString() => $"L2OutputOracle {oracle}";
    }

    private sealed class FaultProofPoster(ImpersonatedSender sender, Web3 l2, string factory, string registry) : SettlementPoster(sender, l2)
    {
        private readonly List<(string Game, long CreatedAt)> _open = [];
        private readonly List<(string Game, long ResolvedAt)> _resolved = [];
        private ulong _proposed;

        public override async Task StepAsync(CancellationToken ct)
        {
            while (_resolved.Count > 0 && Now > _resolved[0].ResolvedAt + SettlementTimings.GameFinalityDelaySeconds)
            {
                // A game older than the anchor cannot become it (the registry refuses): only the newest ready one matters.
                var ready = _resolved.FindLastIndex(g => Now > g.ResolvedAt + SettlementTimings.GameFinalityDelaySeconds);
                var receipt = await Sender.SendAsync(registry, new SetAnchorStateFunction { Game = _resolved[ready].Game }, 200_000, ct);
                if (receipt.Status?.Value != BigInteger.One && ready == 0)
                {
                    break; // the airgap is judged by L1 block time: try again next round
                }

                _resolved.RemoveRange(0, ready + 1);
            }

            while (_open.Count > 0 && Now > _open[0].CreatedAt + SettlementTimings.GameClockSeconds)
            {
                Succeeded(await Sender.SendAsync(_open[0].Game, new ResolveGameFunction(), 200_000, ct), "resolve");
                _resolved.Add((_open[0].Game, Now));
                _open.RemoveAt(0);
            }

            var head = await L2HeadAsync();
            if (head <= _proposed)
            {
                return;
            }

            var block = await L2BlockAsync(head);
            var extraData = Hash32.FromUInt64(head).ToArray();
            var created = Succeeded(
                await Sender.SendAsync(factory, new CreateGameFunction { GameType = 0, RootClaim = Hash32.Parse(block.BlockHash).ToArray(), ExtraData = extraData }, 1_500_000, ct),
                "create");
            if (!Core.Decoding.TopicWords.TryAddress(Topic(created, OpStackFaultProofDecoder.DisputeGameCreated, 1), out var game))
            {
                throw new InvalidOperationException("DisputeGameCreated named no game address.");
            }

            _open.Add((game.ToString(), Now));
            _proposed = head;
        }

        public override string ToString() => $"DisputeGameFactory {factory}";
    }

    private sealed class AssertionPoster(ImpersonatedSender sender, Web3 l1, Web3 l2, string rollup) : SettlementPoster(sender, l2)
    {
        private readonly List<(Hash32 Assertion, ulong CreatedAtBlock)> _pending = [];
        private ulong _asserted;

        public override async Task StepAsync(CancellationToken ct)
        {
            var l1Head = (ulong)(await l1.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
            while (_pending.Count > 0 && l1Head >= _pending[0].CreatedAtBlock + (ulong)SettlementTimings.ConfirmPeriodBlocks)
            {
                Succeeded(await Sender.SendAsync(rollup, new ConfirmAssertionFunction { AssertionHash = _pending[0].Assertion.ToArray() }, 200_000, ct), "confirmAssertion");
                _pending.RemoveAt(0);
            }

            var head = await L2HeadAsync();
            if (head <= _asserted)
            {
                return;
            }

            var block = await L2BlockAsync(head);
            var receipt = Succeeded(
                await Sender.SendAsync(rollup, new StakeOnNewAssertionFunction { L2BlockHash = Hash32.Parse(block.BlockHash).ToArray(), SendRoot = new byte[32] }, 800_000, ct),
                "stakeOnNewAssertion");
            _pending.Add((Topic(receipt, ArbitrumRollupDecoder.AssertionCreated, 1), (ulong)receipt.BlockNumber.Value));
            _asserted = head;
        }

        public override string ToString() => $"Arbitrum rollup {rollup}";
    }

    private sealed class BatchPoster(ImpersonatedSender sender, Web3 l1, Web3 l2, string chain) : SettlementPoster(sender, l2)
    {
        private const int BlocksPerChunk = 50;
        private const int ChunksPerBatch = 4;
        private const int BlockContextLength = 60;

        private readonly List<(ulong Batch, long CommittedAt, Hash32 StateRoot)> _pending = [];
        private ulong _batch;
        private ulong _committed;

        public override async Task StepAsync(CancellationToken ct)
        {
            var ready = _pending.FindLastIndex(b => Now >= b.CommittedAt + SettlementTimings.ScrollProofSeconds);
            if (ready >= 0)
            {
                var (batch, _, stateRoot) = _pending[ready];
                Succeeded(await Sender.SendAsync(chain, new FinalizeBundleFunction { BatchIndex = batch, PostStateRoot = stateRoot.ToArray(), WithdrawRoot = new byte[32] }, 300_000, ct), "finalizeBundle");
                _pending.RemoveRange(0, ready + 1);
            }

            var head = await L2HeadAsync();
            if (head <= _committed)
            {
                return;
            }

            var last = Math.Min(head, _committed + (BlocksPerChunk * ChunksPerBatch));
            var chunks = new List<byte[]>();
            Hash32 lastStateRoot = default;
            for (var first = _committed + 1; first <= last; first += BlocksPerChunk)
            {
                var count = (int)Math.Min(BlocksPerChunk, last - first + 1);
                var chunk = new byte[1 + (count * BlockContextLength)];
                chunk[0] = (byte)count;
                for (var i = 0; i < count; i++)
                {
                    var block = await L2BlockAsync(first + (ulong)i);
                    WriteContext(chunk.AsSpan(1 + (i * BlockContextLength), BlockContextLength), block);
                    lastStateRoot = Hash32.Parse(block.StateRoot);
                }

                chunks.Add(chunk);
            }

            var parent = await l1.Eth.GetContractQueryHandler<BatchHeadersFunction>().QueryAsync<byte[]>(chain, new BatchHeadersFunction { BatchIndex = _batch });
            var receipt = Succeeded(await Sender.SendAsync(chain, new CommitBatchFunction { Version = 0, ParentBatchHeader = parent, Chunks = chunks }, 3_000_000, ct), "commitBatch");
            _batch = Topic(receipt, ScrollChainDecoder.CommitBatch, 1).LowUInt64;
            _pending.Add((_batch, Now, lastStateRoot));
            _committed = last;
        }

        // ChunkCodecV0 block context: blockNumber, timestamp, baseFee, gasLimit, numTransactions (0: the devnet leaves the
        // transactions out), numL1Messages.
        private static void WriteContext(Span<byte> context, BlockWithTransactionHashes block)
        {
            context.Clear();
            BinaryPrimitives.WriteUInt64BigEndian(context, (ulong)block.Number.Value);
            BinaryPrimitives.WriteUInt64BigEndian(context[8..], (ulong)block.Timestamp.Value);
            Hash32.FromBigInteger(block.BaseFeePerGas?.Value ?? BigInteger.Zero).CopyTo(context[16..]);
            BinaryPrimitives.WriteUInt64BigEndian(context[48..], (ulong)block.GasLimit.Value);
        }

        public override string ToString() => $"ScrollChain {chain}";
    }
}
