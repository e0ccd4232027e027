using System.Numerics;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.Zksync;
using BridgeStream.Tests.Infrastructure;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>
/// zkSync (ZK stack) decoding (Fixtures/zksync/README.md). REAL data: the fields of an Era MAINNET priority operation as
/// the mainnet RPC returned them (its NewPriorityRequest log is SYNTHETIC, encoded from them), and logs of the local ZK
/// stack deployment viem's tests use (not mainnet): a NewPriorityRequest, an ETH withdrawal's L2 logs, a failed
/// deposit's L2 status log. The other ends (status on L2, finalizations on L1) are SYNTHETIC (synthetic-*.json, encoded
/// by verify.mjs). verify.mjs recomputes every key independently.
/// </summary>
public sealed class ZksyncDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new ZksyncPriorityDecoder(), new ZksyncWithdrawalDecoder()]);

    /// <summary>The local deployment's chains: L1 9, L2 271 (placeholders, see the fixtures' notes), and its L1 contracts.</summary>
    private static readonly Address LocalDiamond = Address.Parse("0x14b947814912c71bdbc3275c143a065d2ecafaba");
    private static readonly Address LocalVault = Address.Parse("0x1000000000000000000000000000000000000001");
    private static readonly ContractDirectory Local = new(
    [
        new BridgeContract(9, LocalDiamond, ZksyncContracts.DiamondKind, Protocol.ZksyncPriorityRequest, 271),
        new BridgeContract(9, LocalVault, ZksyncContracts.L1NativeTokenVaultKind, Protocol.ZksyncWithdrawal, 0),
        new BridgeContract(271, ZksyncContracts.L1Messenger, ZksyncContracts.L1MessengerKind, Protocol.ZksyncWithdrawal, 9),
    ]);

    [Fact]
    public void Topics_selectors_and_the_eth_asset_id_are_the_published_ones()
    {
        Assert.Equal("0x4531cd5795773d7101c17bdeb9f5ab7f47d7056017506f937083be5d6e77a382", ZksyncSignatures.NewPriorityRequest.ToString());
        Assert.Equal("0x3a36e47291f4201faf137fab081d92295bce2d53be2c6ca68ba82c7faa9ce241", ZksyncSignatures.L1MessageSent.ToString());
        Assert.Equal("0x27fe8c0b49f49507b9d4fe5968c9f49edfe5c9df277d433a07a0717ede97638d", ZksyncSignatures.L2ToL1LogSent.ToString());
        Assert.Equal("0xbc0f4055a7869d8ecad34b33382a0bc181c5811565fec42f335505be5fd661d2", ZksyncSignatures.BridgeMint.ToString());
        Assert.Equal("0x05518b128f0a9b11ddddebd5211a7fc2f4a689dab3a3e258d93eb13049983c3e", ZksyncSignatures.WithdrawalFinalizedSharedBridge.ToString());
        Assert.Equal(0x6c0960f9u, ZksyncSignatures.FinalizeEthWithdrawalSelector);
        Assert.Equal(0xcfe7af7cu, ZksyncSignatures.LegacyFinalizeDepositSelector);
        Assert.Equal("0x05e1c3ae4b9732444ae25217ac7666e46fa365fee1768de00c9fcb65532b7609", ZksyncAssetId.Eth(1).ToString());
    }

    [Fact]
    public void Era_mainnet_priority_op_is_keyed_by_the_l2_transaction_hash_the_rpc_published()
    {
        // The log is SYNTHETIC around the real fields; its hash is the mainnet RPC's canonicalTxHash of serial id 67.
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("zksync", "era-mainnet-priority-op-67.json"));
        var sink = Decode(chainId, logs);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal((Protocol.ZksyncPriorityRequest, EventKind.MessageSent), (sent.Protocol, sent.Kind));
        Assert.Equal(expected.GetProperty("txHash").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(67UL, sent.MessageNonce.LowUInt64);
        Assert.Equal((1UL, 324UL), (sent.SourceChainId, sent.DestinationChainId));
        Assert.Equal(Address.Parse("0x87869cb87c4fa78ca278df358e890ff73b42a39e"), sent.Sender);
        Assert.Equal(10_000_000UL, sent.GasLimit);

        // Its arrival: the bootloader's status log in the L2 transaction of that hash (SYNTHETIC), success -> delivered.
        var (l2, statusLogs, status) = Fixtures.Load(Path.Combine("zksync", "synthetic-era-l2-deposit-status-success.json"));
        var arrived = Assert.Single(Decode(l2, statusLogs).Events);
        Assert.Equal((EventKind.MessageRelayed, sent.CorrelationKey), (arrived.Kind, arrived.CorrelationKey));
        Assert.Equal(status.GetProperty("key").GetString(), arrived.CorrelationKey.ToString());
        Assert.Equal((1UL, 324UL), (arrived.SourceChainId, arrived.DestinationChainId));
        var record = new MessageRecord(sent.CorrelationKey, Protocol.ZksyncPriorityRequest);
        record.Apply(sent, 0, 0);
        record.Apply(arrived, 0, 1);
        Assert.Equal(MessageStatus.Delivered, record.Status);
    }

    [Fact]
    public void Real_local_priority_request_decodes_with_its_transaction()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("zksync", "viem-local-l1-new-priority-request.json"));
        var sink = Decode(chainId, logs, Local);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events);
        Assert.Equal(expected.GetProperty("txHash").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(ulong.Parse(expected.GetProperty("txId").GetString()!), sent.MessageNonce.LowUInt64);
        Assert.Equal(expected.GetProperty("from").GetString(), sent.Sender.ToString());
        Assert.Equal(expected.GetProperty("to").GetString(), sent.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), sent.Value.ToBigInteger());
        Assert.Equal(ulong.Parse(expected.GetProperty("gasLimit").GetString()!), sent.GasLimit);
        Assert.Equal((Address.Zero, BigInteger.Parse(expected.GetProperty("amount").GetString()!)), (sent.Asset, sent.Amount.ToBigInteger()));
        Assert.Equal((9UL, 271UL), (sent.SourceChainId, sent.DestinationChainId));
    }

    [Fact]
    public void Real_failed_deposit_status_log_is_a_failed_relay_of_its_transaction()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("zksync", "viem-local-l2-failed-deposit-status.json"));
        var sink = Decode(chainId, logs, Local);

        Assert.Empty(sink.Rejected);
        var failed = Assert.Single(sink.Events); // the base token Mint to the bootloader is not a bridge event
        Assert.Equal((Protocol.ZksyncPriorityRequest, EventKind.MessageRelayFailed), (failed.Protocol, failed.Kind));
        Assert.Equal(expected.GetProperty("txHash").GetString(), failed.CorrelationKey.ToString());
        Assert.Equal(failed.Position.TransactionHash, failed.CorrelationKey);
        Assert.Equal((9UL, 271UL), (failed.SourceChainId, failed.DestinationChainId));
    }

    [Fact]
    public void Real_local_eth_withdrawal_pairs_with_its_l1_bridge_mint()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("zksync", "viem-local-l2-eth-withdrawal.json"));
        var sink = Decode(chainId, logs, Local);

        Assert.Empty(sink.Rejected);
        var sent = Assert.Single(sink.Events); // the message's own L2ToL1LogSent (sender 0x…8008) is not a status log
        Assert.Equal((Protocol.ZksyncWithdrawal, EventKind.MessageSent), (sent.Protocol, sent.Kind));
        Assert.Equal(expected.GetProperty("key").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal(expected.GetProperty("receiver").GetString(), sent.Target.ToString());
        Assert.Equal((Address.Zero, BigInteger.Parse(expected.GetProperty("amount").GetString()!)), (sent.Asset, sent.Amount.ToBigInteger()));
        Assert.Equal((271UL, 9UL), (sent.SourceChainId, sent.DestinationChainId));

        var (l1, mintLogs, mint) = Fixtures.Load(Path.Combine("zksync", "synthetic-l1-bridge-mint-local-eth-withdrawal.json"));
        var finalized = Assert.Single(Decode(l1, mintLogs, Local).Events);
        Assert.Equal((EventKind.MessageRelayed, sent.CorrelationKey), (finalized.Kind, finalized.CorrelationKey));
        Assert.Equal(mint.GetProperty("key").GetString(), finalized.CorrelationKey.ToString());
        Assert.Equal((271UL, 9UL), (finalized.SourceChainId, finalized.DestinationChainId));
    }

    [Fact]
    public void Era_eth_withdrawal_pairs_with_either_l1_finalization_shape_without_configuration()
    {
        var (l2, l2Logs, expected) = Fixtures.Load(Path.Combine("zksync", "synthetic-era-l2-eth-withdrawal.json"));
        var sent = Assert.Single(Decode(l2, l2Logs).Events);
        Assert.Equal(expected.GetProperty("key").GetString(), sent.CorrelationKey.ToString());
        Assert.Equal((324UL, 1UL), (sent.SourceChainId, sent.DestinationChainId));

        var (l1, l1Logs, _) = Fixtures.Load(Path.Combine("zksync", "synthetic-era-l1-eth-finalizations.json"));
        var finalizations = Decode(l1, l1Logs);
        Assert.Empty(finalizations.Rejected);
        Assert.Equal(2, finalizations.Events.Count);
        Assert.All(finalizations.Events, e => Assert.Equal((EventKind.MessageRelayed, sent.CorrelationKey, 324UL, 1UL), (e.Kind, e.CorrelationKey, e.SourceChainId, e.DestinationChainId)));
        Assert.All(finalizations.Events, e => Assert.Equal(sent.Amount, e.Amount));
    }

    [Fact]
    public void Token_withdrawals_in_both_formats_pair_with_their_finalizations()
    {
        var (l2, l2Logs, expected) = Fixtures.Load(Path.Combine("zksync", "synthetic-era-l2-token-withdrawals.json"));
        var sends = Decode(l2, l2Logs);
        Assert.Empty(sends.Rejected);
        var keys = expected.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Equal(keys, sends.Events.Select(e => e.CorrelationKey.ToString()));
        Assert.All(sends.Events, e => Assert.True(e.Amount.IsZero && e.Asset == Address.Zero, "a token's source-chain address is not in the message"));
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000cafe"), sends.Events[1].Sender); // the asset router format names the user

        var (l1, l1Logs, _) = Fixtures.Load(Path.Combine("zksync", "synthetic-era-l1-token-finalizations.json"));
        Assert.Equal(keys, Decode(l1, l1Logs).Events.Select(e => e.CorrelationKey.ToString()));
    }

    [Fact]
    public void Identical_withdrawals_share_a_key_and_merge_into_one_record()
    {
        // The documented limit of content pairing: two withdrawals of the same amount to the same receiver.
        var (l2, l2Logs, _) = Fixtures.Load(Path.Combine("zksync", "synthetic-era-l2-eth-withdrawal.json"));
        var first = Assert.Single(Decode(l2, l2Logs).Events);
        var second = Assert.Single(Decode(l2, [Reposition(l2Logs[0], 99)]).Events);
        Assert.Equal(first.CorrelationKey, second.CorrelationKey);
    }

    [Fact]
    public void Withdrawal_on_a_chain_whose_l1_is_unknown_is_rejected_with_the_reason()
    {
        var (_, l2Logs, _) = Fixtures.Load(Path.Combine("zksync", "viem-local-l2-eth-withdrawal.json"));
        var sink = Decode(271, l2Logs);
        Assert.Empty(sink.Events);
        Assert.Contains("its L1 is unknown", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexed_request_id_is_the_send_only_without_the_full_event()
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("zksync", "era-mainnet-priority-op-67.json"));
        var txHash = Hash32.Parse(expected.GetProperty("txHash").GetString()!);
        var id = Log(1, ZksyncContracts.EraDiamond, 1, [ZksyncSignatures.NewPriorityRequestId, Word(67), txHash], []);
        var full = new RawLog
        {
            ChainId = 1, BlockNumber = 1, BlockHash = Hash32.Zero, TransactionHash = SyntheticLogs.TransactionHash, LogIndex = 0,
            Address = ZksyncContracts.EraDiamond, Topics = logs[0].Topics, Data = logs[0].Data,
        };

        Assert.Equal(0u, Assert.Single(Decode(chainId, [full, id]).Events).Position.LogIndex);
        var alone = Assert.Single(Decode(chainId, [id]).Events);
        Assert.Equal((txHash, 67UL, 324UL), (alone.CorrelationKey, alone.MessageNonce.LowUInt64, alone.DestinationChainId));
        Assert.Empty(Decode(chainId, [With(id, address: AddressOf(0x42))]).Events);
    }

    [Fact]
    public void Messages_that_are_not_bridge_withdrawals_and_mints_on_l2_are_left_alone()
    {
        var appMessage = new byte[] { 1, 2, 3, 4, 5 };
        var app = Log(324, ZksyncContracts.L1Messenger, 0, [ZksyncSignatures.L1MessageSent, Word(AddressOf(0x42)), Keccak(appMessage)], Abi([null], appMessage));
        var forgedEth = EthMessage(AddressOf(0x77), 1000);
        var notFromBaseToken = Log(324, ZksyncContracts.L1Messenger, 1, [ZksyncSignatures.L1MessageSent, Word(AddressOf(0x42)), Keccak(forgedEth)], Abi([null], forgedEth));
        var l2Mint = Log(324, ZksyncContracts.L2NativeTokenVault, 2, [ZksyncSignatures.BridgeMint, Word(1), Word(5)], Abi([Word(AddressOf(0x77)), Word(1000)]));
        var sink = Decode(324, [app, notFromBaseToken, l2Mint]);
        Assert.Empty(sink.Events);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void Tampered_logs_are_rejected()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("zksync", "era-mainnet-priority-op-67.json"));
        var request = logs[0].Data.ToArray();
        request[32] ^= 1; // the txHash word
        var wrongHash = Decode(chainId, [With(logs[0], data: request)]);
        Assert.Contains("is not the hash of its transaction", Assert.Single(wrongHash.Rejected).Reason, StringComparison.Ordinal);

        var message = EthMessage(AddressOf(0x77), 1000);
        var badMessageHash = Log(324, ZksyncContracts.L1Messenger, 0, [ZksyncSignatures.L1MessageSent, Word(ZksyncContracts.L2BaseToken), Word(1)], Abi([null], message));
        Assert.Contains("keccak256(_message)", Assert.Single(Decode(324, [badMessageHash]).Rejected).Reason, StringComparison.Ordinal);

        var badStatus = Log(324, ZksyncContracts.L1Messenger, 0, [ZksyncSignatures.L2ToL1LogSent],
            Abi([Word(0), Word(1), Word(0), Word(ZksyncContracts.Bootloader), Word(5), Word(2)]));
        Assert.Single(Decode(324, [badStatus]).Rejected);
    }

    [Fact]
    public void Malformed_logs_are_rejected_not_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("zksync", "era-mainnet-priority-op-67.json"));
        var request = logs[0];
        var hugeOffset = request.Data.ToArray();
        hugeOffset.AsSpan(96, 32).Fill(0xff);
        var badDataLength = request.Data.ToArray();
        badDataLength.AsSpan(160 + (19 * 32), 32).Fill(0xff);
        var variants = new List<RawLog>
        {
            With(request, data: request.Data[..90]),
            With(request, data: hugeOffset),
            With(request, data: badDataLength),
            With(request, topics: [request.Topics[0], Word(1)]),
            Log(1, ZksyncContracts.EraDiamond, 1, [ZksyncSignatures.NewPriorityRequestId, Word(67)], []),
            Log(324, ZksyncContracts.L1Messenger, 2, [ZksyncSignatures.L2ToL1LogSent], new byte[100]),
            Log(324, ZksyncContracts.L1Messenger, 3, [ZksyncSignatures.L1MessageSent, Word(1)], Abi([null], [1, 2])),
            Log(1, ZksyncContracts.L1NativeTokenVault, 4, [ZksyncSignatures.BridgeMint, Word(324)], Abi([Word(AddressOf(0x77)), Word(1)])),
            Log(1, ZksyncContracts.L1NativeTokenVault, 5, [ZksyncSignatures.BridgeMint, Word(324), Word(5)], new byte[32]),
            Log(1, ZksyncContracts.L1SharedBridge, 6, [ZksyncSignatures.WithdrawalFinalizedSharedBridge, Word(324), Word(AddressOf(0x77))], new byte[32]),
        };
        foreach (var variant in variants)
        {
            var sink = Decode(variant.ChainId, [variant]);
            Assert.Empty(sink.Events);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason));
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(13);
        var topics0 = ZksyncSignatures.PriorityTopics.Concat(ZksyncSignatures.WithdrawalTopics).ToArray();
        var emitters = new[] { ZksyncContracts.EraDiamond, ZksyncContracts.L1Messenger, ZksyncContracts.L1NativeTokenVault, ZksyncContracts.L1SharedBridge };
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 900)];
            random.NextBytes(data);
            var topics = new Hash32[random.Next(1, 5)];
            topics[0] = topics0[random.Next(topics0.Length)];
            for (var t = 1; t < topics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                topics[t] = new Hash32(word);
            }

            var chain = random.Next(2) == 0 ? 1UL : 324UL;
            var sink = Decode(chain, [Log(chain, emitters[random.Next(emitters.Length)], (uint)i, topics, data)]);
            Assert.True(sink.Events.Count + sink.Rejected.Count <= 1);
        }
    }

    [Fact]
    public void Both_zksync_protocols_are_zk_and_have_no_deadlines()
    {
        foreach (var protocol in new[] { Protocol.ZksyncPriorityRequest, Protocol.ZksyncWithdrawal, Protocol.LineaMessageService })
        {
            var module = ProtocolCatalog.Module(protocol);
            Assert.Equal(ProofSystem.Zk, module.ProofSystem);
            Assert.Equal(MessageDeadlines.None, module.Deadlines(new MessageRecord(Word(1), protocol), TimingTable.Empty));
        }
    }

    private static byte[] EthMessage(Address receiver, ulong amount) =>
        Concat(UInt32(ZksyncSignatures.FinalizeEthWithdrawalSelector), receiver.ToArray(), Word(amount).ToArray());

    private static Hash32 Keccak(byte[] bytes) => BridgeStream.Core.Crypto.Keccak256.Hash(bytes);

    private static RawLog Reposition(RawLog log, uint logIndex) => new()
    {
        ChainId = log.ChainId, BlockNumber = log.BlockNumber + 1, BlockHash = log.BlockHash, TransactionHash = Word(logIndex), LogIndex = logIndex,
        Address = log.Address, Topics = log.Topics, Data = log.Data,
    };

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs, ContractDirectory? contracts = null)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, contracts ?? ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
