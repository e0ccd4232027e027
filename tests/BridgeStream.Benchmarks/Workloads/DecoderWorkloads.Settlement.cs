using BridgeStream.Benchmarks.Support;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Settlement;
using static BridgeStream.Benchmarks.Support.Abi;

namespace BridgeStream.Benchmarks.Workloads;

/// <summary>
/// The rollup settlement decoder (SettlementCatalog.CreateDecoder: every family behind one IProtocolDecoder, routing by
/// the emitter's mainnet deployment) over a mix of families, one transaction each in turn. A settlement event has no
/// correlation key; <see cref="Workload.Verify"/> counts its identity (family, stage, batch, commitment) instead.
/// </summary>
public static partial class DecoderWorkloads
{
    private const int SettlementRounds = 333;

    /// <summary>333 × (OP OutputProposed; Arbitrum NodeConfirmed; zkSync BlockExecution + BlockCommit).</summary>
    public const int SettlementLogs = 4 * SettlementRounds;

    public static Workload Settlement()
    {
        var decoder = SettlementCatalog.CreateDecoder();
        var proposal = FixtureFiles.Load("settlement/op-mainnet-output-proposed-4529.json").Logs.Single();
        var confirmed = FixtureFiles.Load("settlement/arb1-node-confirmed-15253.json").Logs.Single();
        var zksync = FixtureFiles.Load("settlement/zksync-goerli-execute-and-commit.json").Logs;
        var eraDiamond = SettlementCatalog.All.OfType<ZkSyncEraDecoder>().Single().MainnetDeployments.Single().Address;
        var batch = new BatchBuilder();
        for (var i = 0; i < SettlementRounds; i++)
        {
            // OutputProposed(outputRoot, l2OutputIndex, l2BlockNumber, l1Timestamp): each round the next output, 1,800 L2 blocks on.
            batch.Add(With(proposal, topics: [proposal.Topics[0], Raised(proposal.Topics[1], i), Raised(proposal.Topics[2], i),
                WithLow64(proposal.Topics[3], proposal.Topics[3].LowUInt64 + (1_800 * ((ulong)i + 1)))]));

            // NodeConfirmed(nodeNum, blockHash, sendRoot): the next node, its own block hash.
            var data = confirmed.Data.ToArray();
            Raised(new Hash32(data.AsSpan(0, 32)), i).CopyTo(data.AsSpan(0, 32));
            batch.Add(With(confirmed, topics: [confirmed.Topics[0], Raised(confirmed.Topics[1], i)], data: data));

            // BlockExecution + BlockCommit(batchNumber, batchHash, commitment), moved from the Goerli diamond to Era mainnet's.
            batch.Add([.. zksync.Select(log => new RawLog
            {
                ChainId = 1,
                BlockNumber = log.BlockNumber,
                BlockHash = log.BlockHash,
                TransactionHash = log.TransactionHash,
                LogIndex = log.LogIndex,
                Address = eraDiamond,
                Topics = [log.Topics[0], Raised(log.Topics[1], i), Raised(log.Topics[2], i), Raised(log.Topics[3], i)],
                Data = log.Data,
            })]);
        }

        return new Workload("Settlement", decoder, batch.Build(), SettlementLogs, SettlementLogs,
            "OP Mainnet OutputProposed and Arbitrum One NodeConfirmed rebuilt from real values (Fixtures/settlement), numbers and roots varied; real raw zkSync Goerli BlockExecution + BlockCommit, varied and moved to the Era mainnet diamond");
    }

    private static Hash32 Raised(Hash32 word, int i) => WithLow64(word, word.LowUInt64 + (ulong)i + 1);

}
