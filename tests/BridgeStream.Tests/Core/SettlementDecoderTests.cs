using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Settlement;
using BridgeStream.Hosting;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// The settlement decoders on real chain logs (Fixtures/settlement, each file citing its source; verify.mjs re-checks
/// them independently) and on SYNTHETIC logs encoded here from the contracts' event ABIs for the families no public raw
/// log was found for, plus malformed logs and routing next to the bridge decoders.
/// </summary>
public sealed class SettlementDecoderTests
{
    private const string Folder = "settlement";
    private const ulong L1 = 1;
    private static readonly Address Contract = AddressOf(0x5e);

    [Fact]
    public void Real_op_mainnet_output_proposal_decodes_to_its_l2_block_and_root()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine(Folder, "op-mainnet-output-proposed-4529.json"));
        var (events, rejected) = Decode(logs, ContractDirectory.Empty, chainId); // a known mainnet oracle: no configuration needed

        Assert.Empty(rejected);
        var e = Assert.Single(events);
        Assert.Equal((SettlementFamily.OpStackOutputOracle, SettlementStage.Proposed, 10UL, false), (e.Family, e.Stage, e.RollupChainId, e.Settles));
        Assert.Equal(ulong.Parse(expected.GetProperty("l2BlockNumber").GetString()!), e.L2ToBlock);
        Assert.Equal(ulong.Parse(expected.GetProperty("l2OutputIndex").GetString()!), e.BatchTo);
        Assert.Equal(expected.GetProperty("outputRoot").GetString(), e.Commitment.ToString());
        Assert.Equal(SettlementLookup.FinalizationPeriod, e.Lookup);
        Assert.Equal(ProofSystem.Optimistic, e.ProofSystem);
    }

    [Fact]
    public void The_output_root_of_the_real_proof_is_the_real_root()
    {
        var root = OpStackOutputRoot.Compute(
            default,
            Hash32.Parse("0x92822c772346d9c8ad1c28885a736de9189a4523e0c79639831a4eed651d837f"),
            Hash32.Parse("0x04091eb8ad4eb056aff2749c1d17b1ed1a0cdcd44f9d7a539ffd56e4b2b4e1f8"),
            Hash32.Parse("0x67319b70138527b1087a535099cf8a4db4692ca7cee16b7a3ebd950408ed610a"));

        Assert.Equal("0xdc3b54fd33b5d8a60f275ca83c74b625e3942be5b70b2f7f0b9cadd869eb7b1a", root.ToString());
    }

    [Fact]
    public void Real_arbitrum_node_confirmation_names_its_l2_block_hash()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine(Folder, "arb1-node-confirmed-15253.json"));
        var (events, rejected) = Decode(logs, ContractDirectory.Empty, chainId);

        Assert.Empty(rejected);
        var e = Assert.Single(events);
        Assert.Equal((SettlementFamily.ArbitrumRollup, SettlementStage.Confirmed, 42161UL, true), (e.Family, e.Stage, e.RollupChainId, e.Settles));
        Assert.Equal(expected.GetProperty("blockHash").GetString(), e.L2BlockHash.ToString());
        Assert.Equal(15253UL, e.BatchTo);
        Assert.Equal(SettlementLookup.L2BlockByHash, e.Lookup);
        Assert.Null(e.L2ToBlock); // the rollup's own RPC names the number
    }

    [Fact]
    public void Real_zksync_executor_logs_decode_to_executed_and_committed_batches()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine(Folder, "zksync-goerli-execute-and-commit.json"));
        var directory = Directory(chainId, logs[0].Address, ZkSyncEraDecoder.Kind, 280);
        var (events, rejected) = Decode(logs, directory, chainId);

        Assert.Empty(rejected);
        Assert.Equal(2, events.Count);
        Assert.Equal((SettlementStage.Executed, true, 421395UL, 280UL), (events[0].Stage, events[0].Settles, events[0].BatchTo!.Value, events[0].RollupChainId));
        Assert.Equal("0xf322a7ba96e651ba96512a80902065bda93b6ba876b52ba1abdafbf2bf11daa5", events[0].Commitment.ToString());
        Assert.Equal((SettlementStage.Committed, false, 421408UL), (events[1].Stage, events[1].Settles, events[1].BatchTo!.Value));
        Assert.All(events, e => Assert.Equal(ProofSystem.Zk, e.ProofSystem));
    }

    [Fact]
    public void Signatures_are_the_real_ones()
    {
        Assert.Equal("0xa7aaf2512769da4e444e3de247be2564225c2e7a8f74cfe528e46e17d24868e2", OpStackOutputOracleDecoder.OutputProposed.ToString());
        Assert.Equal("0x5b565efe82411da98814f356d0e7bcb8f0219b8d970307c5afb4a6903a8b2e35", OpStackFaultProofDecoder.DisputeGameCreated.ToString());
        Assert.Equal("0x8f2916b2f2d78cc5890ead36c06c0f6d5d112c7e103589947e8e2f0d6eddb763", ZkSyncEraDecoder.BlockCommit.ToString());
        Assert.Equal("0x22c9005dd88c18b552a1cd7e8b3b937fcde9ca69213c1f658f54d572e4877a81", ZkSyncEraDecoder.BlocksVerification.ToString());
        Assert.Equal("0x2402307311a4d6604e4e7b4c8a15a7e1213edb39c16a31efa70afb06030d3165", ZkSyncEraDecoder.BlockExecution.ToString());
        Assert.Equal("0x2c32d4ae151744d0bf0b9464a3e897a1d17ed2f1af71f7c9a75f12ce0d28238f", ScrollChainDecoder.CommitBatch.ToString());
        Assert.Equal("0x26ba82f907317eedc97d0cbef23de76a43dd6edb563bdb6e9407645b950a7a2d", ScrollChainDecoder.FinalizeBatch.ToString());
        Assert.Equal("0x55f4c645c36aa5cd3f443d6be44d7a7a5df9d2100d7139dfc69d4289ee072319", LineaRollupDecoder.DataSubmittedV3.ToString());
        Assert.Equal("0xa0262dc79e4ccb71ceac8574ae906311ae338aa4a2044fd4ec4b99fad5ab60cb", LineaRollupDecoder.DataFinalizedV3.ToString());
        Assert.Equal(0x8b85902bu, EventSignature.Selector("l2BlockNumber()"));
        Assert.Equal(0xce5db8d6u, EventSignature.Selector("finalizationPeriodSeconds()"));
    }

    [Fact]
    public void Dispute_games_and_anchor_updates_name_their_game_for_the_l2_block_look_up()
    {
        var game = AddressOf(0x9a);
        var root = Hash32.Parse("0x1111111111111111111111111111111111111111111111111111111111111111");
        var directory = Directory(L1, Contract, OpStackFaultProofDecoder.FactoryKind, 10);
        var (events, rejected) = Decode(
            [
                Log(L1, Contract, 0, [OpStackFaultProofDecoder.DisputeGameCreated, Word(game), Word(1), root], []),
                Log(L1, Contract, 1, [OpStackFaultProofDecoder.AnchorUpdated, Word(game)], []),
            ],
            directory);

        Assert.Empty(rejected);
        Assert.Equal((SettlementStage.Proposed, false, game, root), (events[0].Stage, events[0].Settles, events[0].DisputeGame, events[0].Commitment));
        Assert.Equal((SettlementStage.Confirmed, true, game), (events[1].Stage, events[1].Settles, events[1].DisputeGame));
        Assert.All(events, e => Assert.Equal(SettlementLookup.GameL2Block, e.Lookup));
    }

    [Fact]
    public void A_bold_assertion_decodes_when_its_hash_is_the_rollups_and_is_rejected_otherwise()
    {
        var blockHash = Hash32.Parse("0x2222222222222222222222222222222222222222222222222222222222222222");
        var parent = Hash32.Parse("0x3333333333333333333333333333333333333333333333333333333333333333");
        var inboxAcc = Hash32.Parse("0x4444444444444444444444444444444444444444444444444444444444444444");
        var (data, afterState) = AssertionCreatedData(blockHash, inboxPosition: 42, inboxAcc);
        var hash = Keccak256.Hash(Concat(parent.ToArray(), Keccak256.Hash(afterState).ToArray(), inboxAcc.ToArray()));
        var directory = Directory(L1, Contract, ArbitrumRollupDecoder.Kind, 42161);

        var (events, rejected) = Decode([Log(L1, Contract, 0, [ArbitrumRollupDecoder.AssertionCreated, hash, parent], data)], directory);
        Assert.Empty(rejected);
        var e = Assert.Single(events);
        Assert.Equal((SettlementStage.Proposed, blockHash, 42UL, hash, SettlementLookup.L2BlockByHash), (e.Stage, e.L2BlockHash, e.BatchTo!.Value, e.Commitment, e.Lookup));

        (events, rejected) = Decode([Log(L1, Contract, 0, [ArbitrumRollupDecoder.AssertionCreated, parent, parent], data)], directory);
        Assert.Empty(events);
        Assert.Contains("assertionHash does not match", Assert.Single(rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_rollups_decode_commits_proofs_executions_and_reverts()
    {
        var hash = Hash32.Parse("0x5555555555555555555555555555555555555555555555555555555555555555");
        var zk = Decode(
            [
                Log(L1, Contract, 0, [ZkSyncEraDecoder.BlockCommit, Word(7), hash, hash], []),
                Log(L1, Contract, 1, [ZkSyncEraDecoder.BlocksVerification, Word(4), Word(7)], []),
                Log(L1, Contract, 2, [ZkSyncEraDecoder.BlockExecution, Word(7), hash, hash], []),
                Log(L1, Contract, 3, [ZkSyncEraDecoder.BlocksRevert], Concat(Word(9).ToArray(), Word(7).ToArray(), Word(7).ToArray())),
            ],
            Directory(L1, Contract, ZkSyncEraDecoder.Kind, 324));
        Assert.Empty(zk.Rejected);
        Assert.Equal(
            [(SettlementStage.Committed, 7UL, 7UL), (SettlementStage.Proven, 5UL, 7UL), (SettlementStage.Executed, 7UL, 7UL)],
            zk.Events.Take(3).Select(e => (e.Stage, e.BatchFrom!.Value, e.BatchTo!.Value)));
        Assert.Equal((SettlementStage.Reverted, 10UL), (zk.Events[3].Stage, zk.Events[3].BatchFrom!.Value));

        var scroll = Decode(
            [
                Log(L1, Contract, 0, [ScrollChainDecoder.CommitBatch, Word(12), hash], []),
                Log(L1, Contract, 1, [ScrollChainDecoder.FinalizeBatch, Word(12), hash], Concat(hash.ToArray(), hash.ToArray())),
                Log(L1, Contract, 2, [ScrollChainDecoder.RevertBatch, Word(13), hash], []),
                Log(L1, Contract, 3, [ScrollChainDecoder.RevertBatchRange, Word(14), Word(16)], []),
            ],
            Directory(L1, Contract, ScrollChainDecoder.Kind, 534352));
        Assert.Empty(scroll.Rejected);
        Assert.Equal((SettlementStage.Committed, SettlementLookup.CommitCalldata, 12UL), (scroll.Events[0].Stage, scroll.Events[0].Lookup, scroll.Events[0].BatchTo!.Value));
        Assert.Equal((SettlementStage.Proven, true, 12UL), (scroll.Events[1].Stage, scroll.Events[1].Settles, scroll.Events[1].BatchTo!.Value));
        Assert.Equal((13UL, 13UL), (scroll.Events[2].BatchFrom!.Value, scroll.Events[2].BatchTo!.Value));
        Assert.Equal((14UL, 16UL), (scroll.Events[3].BatchFrom!.Value, scroll.Events[3].BatchTo!.Value));

        var linea = Decode(
            [
                Log(L1, Contract, 0, [LineaRollupDecoder.DataSubmittedV3, hash], Concat(hash.ToArray(), hash.ToArray())),
                Log(L1, Contract, 1, [LineaRollupDecoder.DataFinalizedV3, Word(100), Word(250), hash], Concat(hash.ToArray(), hash.ToArray())),
            ],
            Directory(L1, Contract, LineaRollupDecoder.Kind, 59144));
        Assert.Empty(linea.Rejected);
        Assert.Equal((SettlementStage.DataPosted, hash), (linea.Events[0].Stage, linea.Events[0].Commitment));
        Assert.Equal((SettlementStage.Proven, true, 100UL, 250UL), (linea.Events[1].Stage, linea.Events[1].Settles, linea.Events[1].L2FromBlock!.Value, linea.Events[1].L2ToBlock!.Value));
    }

    [Fact]
    public void Output_deletions_revert_the_deleted_indexes()
    {
        var (events, rejected) = Decode(
            [Log(L1, Contract, 0, [OpStackOutputOracleDecoder.OutputsDeleted, Word(10), Word(7)], [])], Directory(L1, Contract, OpStackOutputOracleDecoder.Kind, 10));

        Assert.Empty(rejected);
        Assert.Equal((SettlementStage.Reverted, 7UL, 9UL), (events[0].Stage, events[0].BatchFrom!.Value, events[0].BatchTo!.Value));
    }

    [Fact]
    public void Malformed_settlement_logs_are_rejected_with_a_reason_and_never_throw()
    {
        var hash = Hash32.Parse("0x5555555555555555555555555555555555555555555555555555555555555555");
        var huge = Hash32.Parse("0x0000000000000000000000000000000100000000000000000000000000000000");
        var logs = new List<RawLog>
        {
            Log(L1, Contract, 0, [ScrollChainDecoder.CommitBatch, Word(1)], []),                               // a topic missing
            Log(L1, Contract, 1, [ScrollChainDecoder.CommitBatch, huge, hash], []),                            // batch beyond 64 bits
            Log(L1, Contract, 2, [ScrollChainDecoder.FinalizeBatch, Word(1), hash], hash.ToArray()),          // data too short
            Log(L1, Contract, 3, [ScrollChainDecoder.RevertBatch, Word(1), hash], [1]),                        // data where none belongs
        };
        var (events, rejected) = Decode(logs, Directory(L1, Contract, ScrollChainDecoder.Kind, 534352));

        Assert.Empty(events);
        Assert.Equal(4, rejected.Count);
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));

        var random = new Random(8);
        foreach (var decoder in SettlementCatalog.All)
        {
            foreach (var topic in decoder.Topics)
            {
                for (var i = 0; i < 50; i++)
                {
                    var topics = new Hash32[random.Next(0, 5)];
                    for (var t = 0; t < topics.Length; t++)
                    {
                        topics[t] = t == 0 ? topic : RandomWord(random);
                    }

                    var data = new byte[random.Next(0, 4) * 32 + random.Next(0, 2)];
                    random.NextBytes(data);
                    var log = Log(L1, Contract, 0, topics.Length == 0 ? [topic] : topics, data);
                    decoder.Decode(log, 1, 0, out _); // must not throw
                }
            }
        }
    }

    [Fact]
    public void Settlement_logs_reach_only_the_settlement_decoder_and_unknown_emitters_none()
    {
        var hash = Hash32.Parse("0x5555555555555555555555555555555555555555555555555555555555555555");
        var unknown = AddressOf(0x77);
        var directory = Directory(L1, Contract, ScrollChainDecoder.Kind, 534352);
        var decoder = ChainsConfiguration.Decoder();
        Assert.Contains(ScrollChainDecoder.CommitBatch, decoder.Topics); // the ingestor asks for the settlement topics too
        var sink = new Sink();

        decoder.Decode(
            [Log(L1, Contract, 0, [ScrollChainDecoder.CommitBatch, Word(3), hash], []), Log(L1, unknown, 1, [ScrollChainDecoder.CommitBatch, Word(4), hash], [])],
            new DecodeContext(L1, directory, 0),
            sink);

        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);
        var e = Assert.Single(sink.Settlements);
        Assert.Equal((Contract, 3UL), (e.Position.Emitter, e.BatchTo!.Value));
    }

    [Fact]
    public void A_settlement_contract_without_a_rollup_is_rejected()
    {
        var (events, rejected) = Decode(
            [Log(L1, Contract, 0, [ScrollChainDecoder.CommitBatch, Word(3), Word(3)], [])], Directory(L1, Contract, ScrollChainDecoder.Kind, 0));

        Assert.Empty(events);
        Assert.Contains("CounterpartyChainId", Assert.Single(rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_family_has_its_contract_kinds_and_a_proof_system()
    {
        Assert.Equal(6, SettlementCatalog.All.Count);
        Assert.Equal(
            ["ArbitrumRollup", "LineaRollup", "OpStackAnchorStateRegistry", "OpStackDisputeGameFactory", "OpStackL2OutputOracle", "ScrollChain", "ZkSyncDiamond"],
            SettlementCatalog.ContractKinds.Order(StringComparer.Ordinal));
        Assert.All(SettlementCatalog.All, d => Assert.NotEqual(ProofSystem.Unspecified, d.ProofSystem));
        // Kinds of their own, but one: Linea's L1 message service is the LineaRollup contract itself (MessageSent and
        // MessageClaimed next to DataSubmittedV3 and DataFinalizedV3), so one configured contract feeds both decoders
        // (ContractDirectory ORs the masks of both catalogs).
        Assert.Equal(["LineaRollup"], SettlementCatalog.ContractKinds.Intersect(ProtocolCatalog.ContractKinds));
    }

    // AssertionInputs (19 words) + afterInboxBatchAcc, inboxMaxCount, wasmModuleRoot, requiredStake, challengeManager,
    // confirmPeriodBlocks; the after state (6 words) is returned for the hash.
    private static (byte[] Data, byte[] AfterState) AssertionCreatedData(Hash32 blockHash, ulong inboxPosition, Hash32 inboxAcc)
    {
        var afterState = Concat(blockHash.ToArray(), new byte[32], Word(inboxPosition).ToArray(), new byte[32], Word(1).ToArray(), new byte[32]);
        var data = Concat(new byte[7 * 32], new byte[6 * 32], afterState, inboxAcc.ToArray(), Word(inboxPosition).ToArray(), new byte[32], new byte[32], new byte[32], Word(4).ToArray());
        return (data, afterState);
    }

    private static Hash32 RandomWord(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new Hash32(bytes);
    }

    private static ContractDirectory Directory(ulong chainId, Address address, string kind, ulong rollup) =>
        new([SettlementCatalog.DirectoryEntry(chainId, address, kind, rollup)]);

    private static (List<SettlementEvent> Events, List<RejectedLog> Rejected) Decode(IReadOnlyList<RawLog> logs, ContractDirectory directory, ulong chainId = L1)
    {
        var sink = new Sink();
        new BridgeLogDecoder([SettlementCatalog.CreateDecoder()]).Decode(logs, new DecodeContext(chainId, directory, 0), sink);
        Assert.Empty(sink.Events);
        return (sink.Settlements, sink.Rejected);
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
