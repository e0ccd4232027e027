using System.Numerics;
using System.Text.Json;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Tests.Infrastructure;

namespace BridgeStream.Tests.Core;

/// <summary>
/// OptimismPortal deposits: real mainnet TransactionDeposited logs (Fixtures/opstack-portal/README.md) and the L2
/// deposit transaction hashes other projects publish. Logs built in this file are synthetic and say so.
/// </summary>
public sealed class OpStackPortalDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new OpStackPortalDecoder()]);

    public static TheoryData<string> DepositFixtures => [.. Fixtures.Files("opstack-portal", "-deposit-")];

    public static TheoryData<int> PublishedVectors => [0, 1, 2];

    [Fact]
    public void Topic_is_the_real_contract_topic()
    {
        Assert.Equal("0xb3813568d9991fc951961fcb4c784893574240a28925604d09fc577c55bb7c32", OpStackPortalSignatures.TransactionDeposited.ToString());
    }

    [Fact]
    public void Source_hash_matches_the_published_vector()
    {
        var vector = Published().GetProperty("sourceHashVectors")[0];
        var sourceHash = DepositSource.UserDeposit(Hash32.Parse(vector.GetProperty("l1BlockHash").GetString()!), vector.GetProperty("logIndex").GetUInt64());
        Assert.Equal(vector.GetProperty("sourceHash").GetString(), sourceHash.ToString());
    }

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void Published_deposit_arguments_decode_to_the_published_L2_hash(int index)
    {
        var vector = Published().GetProperty("l2HashVectors")[index];
        // Synthetic log: the source publishes decoded arguments only, so they are ABI-encoded back into a log here.
        var log = DepositLog(
            Address.Parse(vector.GetProperty("from").GetString()!), Address.Parse(vector.GetProperty("to").GetString()!),
            Hex.Decode(vector.GetProperty("opaqueData").GetString()!),
            Hash32.Parse(vector.GetProperty("l1BlockHash").GetString()!), vector.GetProperty("logIndex").GetUInt32());

        var sink = Decode([log]);

        Assert.Empty(sink.Rejected);
        Assert.Equal(vector.GetProperty("l2TxHash").GetString(), Assert.Single(sink.Events).CorrelationKey.ToString());
    }

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void The_encoded_deposit_transaction_hashes_to_the_published_L2_hash(int index)
    {
        var vector = Published().GetProperty("l2HashVectors")[index];
        var log = DepositLog(
            Address.Parse(vector.GetProperty("from").GetString()!), Address.Parse(vector.GetProperty("to").GetString()!),
            Hex.Decode(vector.GetProperty("opaqueData").GetString()!),
            Hash32.Parse(vector.GetProperty("l1BlockHash").GetString()!), vector.GetProperty("logIndex").GetUInt32());
        Assert.Null(TransactionDepositedLog.TryDecode(log, out var deposit));

        // What the devnet op-node hands to eth_sendRawTransaction: 0x7E ++ rlp(...), whose keccak is the L2 hash.
        var encoded = deposit.Encode();
        Assert.Equal(DepositTransaction.TransactionType, encoded[0]);
        Assert.Equal(vector.GetProperty("l2TxHash").GetString(), BridgeStream.Core.Crypto.Keccak256.Hash(encoded).ToString());
    }

    [Fact]
    public void A_deposit_transaction_on_L2_is_the_portal_deposit_s_delivery_or_failure_at_transaction_level()
    {
        var tx = Hash32.Parse("0x58421561795cd546b945886b9d239d54294354defb063ec616dd70d589233166");
        var block = Hash32.Parse("0x830a90c23b64df2153ca83c5cd0db4b3f6659afce0384c0df98037b08d8ed752");
        var target = Address.Parse("0x4200000000000000000000000000000000000007");
        var delivered = DepositArrival.Event(10, 1, 7, block, 1_700_000_000, tx, target, succeeded: true, 5);
        var failed = DepositArrival.Event(10, 1, 7, block, 1_700_000_000, tx, target, succeeded: false, 5);

        Assert.Equal((Protocol.OpStackPortal, EventKind.MessageRelayed, tx, 1UL, 10UL), (delivered.Protocol, delivered.Kind, delivered.CorrelationKey, delivered.SourceChainId, delivered.DestinationChainId));
        Assert.Equal(EventKind.MessageRelayFailed, failed.Kind);
        Assert.Equal(new LogPosition(10, 7, block, tx, LogPosition.TransactionLevel, 1_700_000_000, target), delivered.Position);
        Assert.False(DepositArrival.IsUserDeposit(0x7E, DepositArrival.L1AttributesDepositor));
        Assert.False(DepositArrival.IsUserDeposit(0x02, target));
        Assert.True(DepositArrival.IsUserDeposit(0x7E, target));
    }

    [Theory]
    [MemberData(nameof(DepositFixtures))]
    public void Real_deposit_decodes_to_its_L2_deposit_transaction(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("opstack-portal", fixture));
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, new ContractDirectory(OpStackPortalContracts.Mainnet), 0), sink);

        Assert.Empty(sink.Rejected);
        var deposit = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, deposit.Kind);
        Assert.Equal(Protocol.OpStackPortal, deposit.Protocol);
        Assert.Equal(expected.GetProperty("l2TxHash").GetString(), deposit.CorrelationKey.ToString());
        Assert.Equal(expected.GetProperty("from").GetString(), deposit.Sender.ToString());
        Assert.Equal(expected.GetProperty("to").GetString(), deposit.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("mint").GetString()!), deposit.Amount.ToBigInteger());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), deposit.Value.ToBigInteger());
        Assert.Equal(ulong.Parse(expected.GetProperty("gas").GetString()!), deposit.GasLimit);
        Assert.Equal(expected.GetProperty("data").GetString(), Hex.Encode(deposit.Payload.Span));
        Assert.Equal(Address.Zero, deposit.Asset);
        Assert.Equal(1UL, deposit.SourceChainId);
        Assert.Equal(fixture.StartsWith("base", StringComparison.Ordinal) ? 8453UL : 10UL, deposit.DestinationChainId);
    }

    [Theory]
    [MemberData(nameof(DepositFixtures))]
    public void Source_hash_is_derived_from_block_hash_and_log_index(string fixture)
    {
        var (_, logs, expected) = Fixtures.Load(Path.Combine("opstack-portal", fixture));
        Assert.Null(TransactionDepositedLog.TryDecode(logs[0], out var deposit));
        Assert.Equal(expected.GetProperty("sourceHash").GetString(), deposit.SourceHash.ToString());
    }

    [Theory]
    [MemberData(nameof(DepositFixtures))]
    public void A_contract_deposit_arrives_from_the_portal_aliased_address(string fixture)
    {
        var (_, logs, expected) = Fixtures.Load(Path.Combine("opstack-portal", fixture));
        var l1Sender = Address.Parse(expected.GetProperty("aliasOf").GetString()!);
        Assert.Null(TransactionDepositedLog.TryDecode(logs[0], out var deposit));

        // The event's `from` is already aliased by the portal; the decoder must not alias it again.
        Assert.Equal(AddressAlias.ApplyL1ToL2(l1Sender), deposit.From);
        Assert.Equal(l1Sender, AddressAlias.UndoL1ToL2(deposit.From));
    }

    [Fact]
    public void Aliasing_wraps_around_2_to_the_160()
    {
        var top = Address.Parse("0xffffffffffffffffffffffffffffffffffffffff"); // 2^160 - 1: adding the offset wraps to offset - 1
        Assert.Equal("0x1111000000000000000000000000000000001110", AddressAlias.ApplyL1ToL2(top).ToString());
        Assert.Equal(top, AddressAlias.UndoL1ToL2(AddressAlias.ApplyL1ToL2(top)));
    }

    [Fact]
    public void A_contract_creation_has_no_target_and_its_own_hash()
    {
        var (_, logs, _) = Fixtures.Load(Path.Combine("opstack-portal", "op-l1-deposit-eth.json"));
        var real = logs[0];
        var creationData = real.Data.ToArray();
        creationData[64 + 72] = 1; // synthetic: the isCreation byte of the real log flipped

        Assert.Null(TransactionDepositedLog.TryDecode(With(real, data: creationData), out var creation));
        Assert.Null(TransactionDepositedLog.TryDecode(real, out var call));
        Assert.Null(creation.To);
        Assert.NotNull(call.To);
        Assert.NotEqual(call.Hash(), creation.Hash());
        Assert.Equal(Address.Zero, Assert.Single(Decode([With(real, data: creationData)]).Events).Target);
    }

    [Fact]
    public void Malformed_logs_are_rejected_with_a_reason_never_thrown()
    {
        var (_, logs, _) = Fixtures.Load(Path.Combine("opstack-portal", "op-l1-deposit-eth.json"));
        var real = logs[0];
        var variants = new Dictionary<string, RawLog>
        {
            ["topics"] = With(real, topics: real.Topics[..3]),
            ["version"] = With(real, topics: [real.Topics[0], real.Topics[1], real.Topics[2], Hash32.FromUInt64(1)]),
            ["block hash"] = With(real, blockHash: Hash32.Zero),
            ["whole words"] = With(real, data: real.Data[..^1]),
            ["offset"] = With(real, data: Patch(real.Data, 31, 0x40)),
            ["length"] = With(real, data: Patch(real.Data, 32, 0xff)),
            ["padding"] = With(real, data: real.Data.ToArray().Concat(new byte[32]).ToArray()),
            ["short opaque"] = DepositLog(Address.Zero, Address.Zero, new byte[72], Hash32.FromUInt64(1), 0),
            ["empty"] = With(real, data: Array.Empty<byte>()),
        };
        foreach (var (name, log) in variants)
        {
            var sink = Decode([log]);
            Assert.True(sink.Events.Count == 0, name);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason), name);
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(11);
        for (var i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            if (data.Length >= 64 && random.Next(2) == 0)
            {
                Array.Clear(data, 0, 62); // often a plausible bytes header, so the deeper checks run too
                data[63] = (byte)random.Next(256);
                data[31] = 32;
            }

            var topics = new Hash32[random.Next(1, 5)];
            topics[0] = OpStackPortalSignatures.TransactionDeposited;
            var log = new RawLog
            {
                ChainId = 1, BlockNumber = 1, BlockHash = Hash32.FromUInt64((ulong)i + 1), TransactionHash = default,
                LogIndex = (uint)i, Address = default, Topics = topics, Data = data,
            };
            var sink = Decode([log]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    private static JsonElement Published()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf(Path.Combine("opstack-portal", "published-l2-hash-vectors.json"))));
        return document.RootElement.Clone();
    }

    private static CollectingSink Decode(List<RawLog> logs)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(1, ContractDirectory.Empty, 0), sink);
        return sink;
    }

    /// <summary>Synthetic: a TransactionDeposited log as the portal would emit it, data = abi.encode(bytes opaqueData).</summary>
    private static RawLog DepositLog(Address from, Address to, byte[] opaqueData, Hash32 blockHash, uint logIndex)
    {
        var data = new byte[64 + ((opaqueData.Length + 31) / 32 * 32)];
        data[31] = 32;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(56), (ulong)opaqueData.Length);
        opaqueData.CopyTo(data, 64);
        return new RawLog
        {
            ChainId = 1, BlockNumber = 1, BlockHash = blockHash, TransactionHash = Hash32.FromUInt64(1), LogIndex = logIndex,
            Address = OpStackPortalContracts.OpMainnetPortal,
            Topics = [OpStackPortalSignatures.TransactionDeposited, Word(from), Word(to), Hash32.Zero],
            Data = data,
        };
    }

    private static Hash32 Word(Address address)
    {
        var bytes = new byte[32];
        address.CopyTo(bytes.AsSpan(12));
        return new Hash32(bytes);
    }

    private static byte[] Patch(ReadOnlyMemory<byte> data, int index, byte value)
    {
        var copy = data.ToArray();
        copy[index] = value;
        return copy;
    }

    private static RawLog With(RawLog log, ReadOnlyMemory<byte>? data = null, Hash32[]? topics = null, Hash32? blockHash = null) => new()
    {
        ChainId = log.ChainId,
        BlockNumber = log.BlockNumber,
        BlockHash = blockHash ?? log.BlockHash,
        TransactionHash = log.TransactionHash,
        LogIndex = log.LogIndex,
        Address = log.Address,
        Topics = topics ?? log.Topics,
        Data = data ?? log.Data,
    };
}
