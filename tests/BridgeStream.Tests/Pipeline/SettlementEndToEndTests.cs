using System.Globalization;
using System.Numerics;
using System.Text.Json;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Arbitrum;
using BridgeStream.Devnet.Bridges.Scroll;
using BridgeStream.Devnet.Messaging;
using BridgeStream.Devnet.Settlement;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Rollup settlement end to end: the devnet poster posts every rollup's blocks to its L1 settlement stand-ins (output
/// oracle on 901, fault proofs on 902, BoLD assertions on 903, Scroll batches on 904) while messages leave those rollups;
/// the L1 ingestor decodes and completes the steps, the processor writes them, and GraphQL's Message.sourceSettlement shows
/// when each message's source block settled. The expected settlement time is computed here from the L1's logs and the
/// rollups' nodes (Nethereum, not BridgeStream's decoders): the first settling step covering the block.
/// </summary>
public sealed class SettlementEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const long L1 = 900;
    private const long OutputOracleRollup = 901;
    private const long FaultProofRollup = 902;
    private const long ArbitrumRollup = 903;
    private const long ScrollRollup = 904;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Messages_source_blocks_become_settled_and_graphql_shows_when()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "settlement", ct, rollups:
        [
            new DevnetRollup(0, OutputOracleRollup, ChainRole.OpStack), new DevnetRollup(0, FaultProofRollup, ChainRole.OpStack),
            new DevnetRollup(0, ArbitrumRollup, ChainRole.Arbitrum), new DevnetRollup(0, ScrollRollup, ChainRole.Scroll),
        ]);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        var deployment = harness.Devnet.Deployment;
        using var posting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poster = new RollupSettlementTraffic { Interval = TimeSpan.FromSeconds(1) }.RunAsync(deployment, new SimulatorOptions(), NullLogger.Instance, posting.Token);

        // Messages leaving each rollup: Hyperlane between the OP rollups, an Arbitrum withdrawal, a Scroll withdrawal.
        var messaging = await MessagingDevnet.PrepareAsync(deployment, NullLogger.Instance, ct);
        var wallets = new AccountWallets(deployment, DevnetAccounts.ArbitrumAndScroll, NullLogger.Instance);
        var fromOracle = await messaging.SendHyperlaneAsync(OutputOracleRollup, FaultProofRollup, MessagingDevnet.AppBody(81, [8, 1]), ct);
        var fromGames = await messaging.SendHyperlaneAsync(FaultProofRollup, OutputOracleRollup, MessagingDevnet.AppBody(82, [8, 2]), ct);
        var withdrawal = await new ArbitrumSimulator(wallets, NullLogger.Instance).WithdrawAsync(ArbitrumRollup, wallets.Address, 1_000, [], ct);
        var scrollWithdrawal = await new ScrollSimulator(wallets).SendWithdrawalAsync(ScrollRollup, wallets.Address, 2_000, [], 0, ct);
        var sent = new List<(string Id, long Rollup, long Block, string ProofSystem, string Family)>
        {
            (fromOracle.Key.ToString(), OutputOracleRollup, fromOracle.Send.BlockNumber, "OPTIMISTIC", "OP_STACK_OUTPUT_ORACLE"),
            (fromGames.Key.ToString(), FaultProofRollup, fromGames.Send.BlockNumber, "OPTIMISTIC", "OP_STACK_FAULT_PROOFS"),
            (withdrawal.Key.ToString(), ArbitrumRollup, withdrawal.L2BlockNumber, "OPTIMISTIC", "ARBITRUM_ROLLUP"),
            (scrollWithdrawal.Hash.ToString(), ScrollRollup, scrollWithdrawal.BlockNumber, "ZK", "SCROLL_CHAIN"),
        };

        // Each message's source settlement appears in GraphQL once its block is settled on L1.
        var settlements = new Dictionary<string, JsonElement>();
        foreach (var (id, _, _, _, _) in sent)
        {
            await harness.WaitUntilAsync(
                async () =>
                {
                    var m = (await harness.GraphQLAsync(
                        $$"""{ message(id: "{{id}}") { sentAt sourceSettlement { rollupChainId family proofSystem proposedAt settledAt settledFinalAt lagSeconds } } }""", ct))
                        .GetProperty("message");
                    if (m.ValueKind != JsonValueKind.Object || m.GetProperty("sourceSettlement") is not { ValueKind: JsonValueKind.Object } s
                        || s.GetProperty("settledAt").ValueKind == JsonValueKind.Null)
                    {
                        return false;
                    }

                    settlements[id] = m.Clone();
                    return true;
                },
                SettleTimeout, $"message {id}'s source block to be settled", ct);
        }

        await posting.CancelAsync();
        await poster;

        // Against the chains: the first settling step on L1 that covers the message's block.
        var truth = new SettlementTruth(deployment);
        foreach (var (id, rollup, block, proofSystem, family) in sent)
        {
            var m = settlements[id];
            var s = m.GetProperty("sourceSettlement");
            var sentAt = Time(m, "sentAt");
            var expected = await truth.SettledAtAsync(rollup, (ulong)block, ct);
            Assert.Equal((rollup, family, proofSystem), (s.GetProperty("rollupChainId").GetInt64(), s.GetProperty("family").GetString(), s.GetProperty("proofSystem").GetString()));
            Assert.Equal(expected, Time(s, "settledAt"));
            Assert.Equal((expected - sentAt).TotalSeconds, s.GetProperty("lagSeconds").GetDouble());
            Assert.True(Time(s, "proposedAt") <= expected && Time(s, "proposedAt") >= sentAt);
            if (s.GetProperty("settledFinalAt").ValueKind != JsonValueKind.Null)
            {
                Assert.True(Time(s, "settledFinalAt") >= expected);
            }
        }

        // Per rollup: status and lag over time, and the messages by proof system.
        var data = await harness.GraphQLAsync("""
            { status: rollupSettlementStatus { rollupChainId family proofSystem settledL2Block secondsSinceLastStep settlementAgeSeconds }
              series: settlementLagSeries(chainId: 903, bucketSeconds: 60) { steps l2Block maxLagSeconds }
              byProof: settlementByProofSystem { proofSystem messages settled } }
            """, ct);
        var status = data.GetProperty("status").EnumerateArray().ToDictionary(r => r.GetProperty("rollupChainId").GetInt64());
        Assert.Equal([OutputOracleRollup, FaultProofRollup, ArbitrumRollup, ScrollRollup], status.Keys.Order());
        foreach (var (_, rollup, block, proofSystem, family) in sent)
        {
            Assert.Equal((family, proofSystem), (status[rollup].GetProperty("family").GetString(), status[rollup].GetProperty("proofSystem").GetString()));
            Assert.True(status[rollup].GetProperty("settledL2Block").GetInt64() >= block);
        }

        var points = data.GetProperty("series").EnumerateArray().ToList();
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.True(p.GetProperty("maxLagSeconds").GetDouble() >= 0));
        var byProof = data.GetProperty("byProof").EnumerateArray().ToDictionary(p => p.GetProperty("proofSystem").GetString()!);
        Assert.Equal(2, byProof["THIRD_PARTY"].GetProperty("settled").GetInt64()); // Hyperlane's sends on the OP rollups
        Assert.Equal(1, byProof["OPTIMISTIC"].GetProperty("settled").GetInt64());  // the Arbitrum withdrawal
        Assert.Equal(1, byProof["ZK"].GetProperty("settled").GetInt64());          // the Scroll withdrawal

        Assert.Equal(0, await harness.ScalarAsync("SELECT count() FROM dead_letters", ct));
        Assert.True(await harness.ScalarAsync("SELECT count() FROM rollup_settlement FINAL", ct) > 10);
    }

    private static DateTime Time(JsonElement element, string field) =>
        DateTime.Parse(element.GetProperty(field).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>When a rollup block settled, read from the chains with Nethereum (logs, eth_call, calldata decoding).</summary>
    private sealed class SettlementTruth(DevnetDeployment deployment)
    {
        private readonly Web3 _l1 = new(deployment.Chain(L1).RpcUrl);

        public async Task<DateTime> SettledAtAsync(long rollup, ulong block, CancellationToken ct)
        {
            var contracts = deployment.Contracts.Where(c => c.ChainId == L1 && c.CounterpartyChainId == rollup).ToDictionary(c => c.Kind, c => c.Address);
            var l2 = new Web3(deployment.Chain(rollup).RpcUrl);
            var settling = new List<(ulong L2Block, long At)>();
            if (contracts.TryGetValue(OpStackOutputOracleDecoder.Kind, out var oracle))
            {
                foreach (var log in await LogsAsync(oracle, OpStackOutputOracleDecoder.OutputProposed))
                {
                    // l1Timestamp (the data word) + the oracle's finalization period: no event marks the end.
                    settling.Add(((ulong)Word(log.Topics[3]), (long)Word(log.Data[2..]) + SettlementTimings.OutputFinalizationSeconds));
                }
            }
            else if (contracts.TryGetValue(OpStackFaultProofDecoder.AnchorRegistryKind, out var registry))
            {
                foreach (var log in await LogsAsync(registry, OpStackFaultProofDecoder.AnchorUpdated))
                {
                    var game = "0x" + log.Topics[1].ToString()![26..];
                    var number = await _l1.Eth.GetContractQueryHandler<L2BlockNumberFunction>().QueryAsync<BigInteger>(game, new L2BlockNumberFunction());
                    settling.Add(((ulong)number, await TimeAsync(log)));
                }
            }
            else if (contracts.TryGetValue(ArbitrumRollupDecoder.Kind, out var core))
            {
                foreach (var log in await LogsAsync(core, ArbitrumRollupDecoder.AssertionConfirmed))
                {
                    var header = await l2.Eth.Blocks.GetBlockWithTransactionsHashesByHash.SendRequestAsync(log.Data[2..66].Insert(0, "0x"));
                    settling.Add(((ulong)header.Number.Value, await TimeAsync(log)));
                }
            }
            else
            {
                var chain = contracts[ScrollChainDecoder.Kind];
                var lastBlocks = new Dictionary<BigInteger, ulong>();
                foreach (var log in await LogsAsync(chain, ScrollChainDecoder.CommitBatch))
                {
                    var tx = await _l1.Eth.Transactions.GetTransactionByHash.SendRequestAsync(log.TransactionHash);
                    var chunks = new CommitBatchFunction().DecodeInput(tx.Input).Chunks;
                    var last = chunks[^1];
                    lastBlocks[Word(log.Topics[1])] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(last.AsSpan(1 + ((last[0] - 1) * 60)));
                }

                foreach (var log in await LogsAsync(chain, ScrollChainDecoder.FinalizeBatch))
                {
                    settling.Add((lastBlocks[Word(log.Topics[1])], await TimeAsync(log)));
                }
            }

            var first = settling.Where(s => s.L2Block >= block).Min(s => s.At);
            return DateTimeOffset.FromUnixTimeSeconds(first).UtcDateTime;
        }

        private async Task<FilterLog[]> LogsAsync(string address, Hash32 topic) =>
            await _l1.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
            {
                Address = [address],
                Topics = [topic.ToString()],
                FromBlock = BlockParameter.CreateEarliest(),
                ToBlock = BlockParameter.CreateLatest(),
            });

        private async Task<long> TimeAsync(FilterLog log) =>
            (long)(await _l1.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(log.BlockNumber))).Timestamp.Value;

        private static BigInteger Word(object topicOrHex) =>
            BigInteger.Parse("0" + topicOrHex.ToString()!.Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    [Nethereum.ABI.FunctionEncoding.Attributes.Function("l2BlockNumber", "uint256")]
    internal sealed class L2BlockNumberFunction : FunctionMessage
    {
    }
}
