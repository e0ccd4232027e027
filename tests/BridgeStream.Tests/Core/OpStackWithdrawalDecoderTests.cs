using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using BridgeStream.Tests.Infrastructure;

namespace BridgeStream.Tests.Core;

/// <summary>
/// OP Stack withdrawals on real logs (Fixtures/opstack-withdrawal/README.md). No real WithdrawalProven or
/// WithdrawalProvenExtension1 log was found in a public source: the proof logs built here are synthetic and say so.
/// </summary>
public sealed class OpStackWithdrawalDecoderTests
{
    private static readonly BridgeLogDecoder Decoder = new([new OpStackWithdrawalDecoder()]);
    private static readonly Address Portal = OpStackWithdrawalContracts.OpMainnetPortal;

    public static TheoryData<string> SendFixtures => [.. Fixtures.Files("opstack-withdrawal", "-send-")];

    public static TheoryData<string> FinalizedFixtures => [.. Fixtures.Files("opstack-withdrawal", "-finalized-")];

    [Fact]
    public void Topics_are_the_real_contract_topics()
    {
        Assert.Equal("0x02a52367d10742d8032712c1bb8e0144ff1ec5ffda1ed7d70bb05a2744955054", OpStackWithdrawalSignatures.MessagePassed.ToString());
        Assert.Equal("0x67a6208cfcc0801d50f6cbe764733f4fddf66ac0b04442061a8a8c0cb6b63f62", OpStackWithdrawalSignatures.WithdrawalProven.ToString());
        Assert.Equal("0x798f9f13695f8f045aa5f80ed8efebb695f3c7fe65da381969f2f28bf3c60b97", OpStackWithdrawalSignatures.WithdrawalProvenExtension1.ToString());
        Assert.Equal("0xdb5c7652857aa163daadd670e116628fb42e869d8ac4251ef8971d9e5727df1b", OpStackWithdrawalSignatures.WithdrawalFinalized.ToString());
    }

    [Theory]
    [MemberData(nameof(SendFixtures))]
    public void Real_MessagePassed_is_sent_under_its_verified_withdrawal_hash(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("opstack-withdrawal", fixture));
        var sink = Decode(chainId, logs, new ContractDirectory(OpStackWithdrawalContracts.Mainnet));

        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageSent, send.Kind);
        Assert.Equal(expected.GetProperty("withdrawalHash").GetString(), send.CorrelationKey.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("nonce").GetString()!), send.MessageNonce.ToBigInteger());
        Assert.Equal(expected.GetProperty("sender").GetString(), send.Sender.ToString());
        Assert.Equal(expected.GetProperty("target").GetString(), send.Target.ToString());
        Assert.Equal(BigInteger.Parse(expected.GetProperty("value").GetString()!), send.Amount.ToBigInteger());
        Assert.Equal(ulong.Parse(expected.GetProperty("gasLimit").GetString()!), send.GasLimit);
        Assert.Equal(expected.GetProperty("data").GetString(), Hex.Encode(send.Payload.Span));
        Assert.Equal((10UL, 1UL), (send.SourceChainId, send.DestinationChainId));
    }

    [Fact]
    public void MessagePassed_whose_hash_does_not_match_its_fields_is_rejected()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("opstack-withdrawal", "op-l2-withdrawal-send-eth.json"));
        var tampered = logs[0].Data.ToArray();
        tampered[31] ^= 1; // the value word

        var sink = Decode(chainId, [With(logs[0], data: tampered)]);

        Assert.Empty(sink.Events);
        Assert.Contains("differs from hashWithdrawal", Assert.Single(sink.Rejected).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FinalizedFixtures))]
    public void Real_successful_finalization_is_relayed(string fixture)
    {
        var (chainId, logs, expected) = Fixtures.Load(Path.Combine("opstack-withdrawal", fixture));
        var sink = Decode(chainId, logs, new ContractDirectory(OpStackWithdrawalContracts.Mainnet));

        var relay = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageRelayed, relay.Kind);
        Assert.Equal(expected.GetProperty("withdrawalHash").GetString(), relay.CorrelationKey.ToString());
        Assert.Equal((10UL, 1UL), (relay.SourceChainId, relay.DestinationChainId));
    }

    [Fact]
    public void Failed_finalization_is_a_relay_failure_and_a_non_bool_is_rejected()
    {
        var (_, logs, _) = Fixtures.Load(Path.Combine("opstack-withdrawal", "op-l1-withdrawal-finalized-eth.json"));
        var failed = With(logs[0], data: new byte[32]); // synthetic: the real log with success = false
        var notBool = With(logs[0], data: Hash32.FromUInt64(2).ToArray());

        Assert.Equal(EventKind.MessageRelayFailed, Assert.Single(Decode(1, [failed]).Events).Kind);
        Assert.Contains("bool", Assert.Single(Decode(1, [notBool]).Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_with_its_extension_is_one_proven_step_of_the_same_withdrawal()
    {
        var (hash, sender, target) = RealWithdrawal();
        var submitter = Address.Parse("0x00000000000000000000000000000000000000aa");
        // Synthetic: the two logs OptimismPortal2.proveWithdrawalTransaction emits, for a real withdrawal.
        var logs = new List<RawLog> { Proven(hash, sender, target, 5), Extension(hash, submitter, 6) };

        var sink = Decode(1, logs, new ContractDirectory(OpStackWithdrawalContracts.Mainnet));

        Assert.Empty(sink.Rejected);
        var proven = Assert.Single(sink.Events);
        Assert.Equal(EventKind.MessageProven, proven.Kind);
        Assert.Equal(hash, proven.CorrelationKey);
        Assert.Equal((sender, target), (proven.Sender, proven.Target));
        Assert.Equal((10UL, 1UL), (proven.SourceChainId, proven.DestinationChainId));
    }

    [Fact]
    public void Send_proof_and_finalization_share_one_key()
    {
        var (chainId, sendLogs, _) = Fixtures.Load(Path.Combine("opstack-withdrawal", "op-l2-withdrawal-send-eth.json"));
        var (hash, sender, target) = RealWithdrawal();
        var send = Assert.Single(Decode(chainId, sendLogs).Events);
        // Synthetic L1 logs for the real withdrawal above (no real proof/finalization of it is public).
        var proven = Assert.Single(Decode(1, [Proven(hash, sender, target, 1)]).Events);
        var finalized = Assert.Single(Decode(1, [Finalized(hash, success: true, 9)]).Events);

        Assert.Equal([EventKind.MessageSent, EventKind.MessageProven, EventKind.MessageRelayed], new[] { send.Kind, proven.Kind, finalized.Kind });
        Assert.All(new[] { proven, finalized }, e => Assert.Equal(send.CorrelationKey, e.CorrelationKey));
    }

    [Fact]
    public void Extension_without_its_proof_is_rejected()
    {
        var (hash, sender, target) = RealWithdrawal();
        var lone = Extension(hash, Address.Zero, 1);
        var otherHash = Extension(Hash32.FromUInt64(7), Address.Zero, 2);

        Assert.Contains("without a WithdrawalProven", Assert.Single(Decode(1, [lone]).Rejected).Reason, StringComparison.Ordinal);
        var mismatched = Decode(1, [Proven(hash, sender, target, 1), otherHash]);
        Assert.Single(mismatched.Events);
        Assert.Contains("same withdrawal", Assert.Single(mismatched.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_logs_are_rejected_with_a_reason_never_thrown()
    {
        var (chainId, logs, _) = Fixtures.Load(Path.Combine("opstack-withdrawal", "op-l2-withdrawal-send-eth.json"));
        var passed = logs[0];
        var hugeLength = passed.Data.ToArray();
        hugeLength.AsSpan(128, 32).Fill(0xff);
        var badOffset = passed.Data.ToArray();
        badOffset[95] = 0xff;
        var (hash, sender, _) = RealWithdrawal();
        var variants = new Dictionary<string, RawLog>
        {
            ["passed topics"] = With(passed, topics: passed.Topics[..3]),
            ["passed short"] = With(passed, data: passed.Data[..100]),
            ["passed length"] = With(passed, data: hugeLength),
            ["passed offset"] = With(passed, data: badOffset),
            ["passed address"] = With(passed, topics: [passed.Topics[0], passed.Topics[1], Hash32.Parse("0x" + new string('f', 64)), passed.Topics[3]]),
            ["proven topics"] = With(Proven(hash, sender, sender, 1), topics: [OpStackWithdrawalSignatures.WithdrawalProven, hash]),
            ["extension topics"] = With(Extension(hash, sender, 1), topics: [OpStackWithdrawalSignatures.WithdrawalProvenExtension1]),
            ["finalized empty"] = With(Finalized(hash, true, 1), data: Array.Empty<byte>()),
        };
        foreach (var (name, log) in variants)
        {
            var sink = Decode(chainId, [log]);
            Assert.True(sink.Events.Count == 0, name);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(sink.Rejected).Reason), name);
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(13);
        var topics = OpStackWithdrawalSignatures.AllTopics;
        for (var i = 0; i < 4000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var logTopics = new Hash32[random.Next(1, 5)];
            logTopics[0] = topics[random.Next(topics.Count)];
            for (var t = 1; t < logTopics.Length; t++)
            {
                var word = new byte[32];
                random.NextBytes(word);
                word.AsSpan(0, random.Next(2) == 0 ? 12 : 0).Clear(); // often address-shaped
                logTopics[t] = new Hash32(word);
            }

            var log = new RawLog
            {
                ChainId = 1, BlockNumber = 1, BlockHash = default, TransactionHash = default, LogIndex = (uint)i,
                Address = default, Topics = logTopics, Data = data,
            };
            var sink = Decode(1, [log]);
            Assert.Equal(1, sink.Events.Count + sink.Rejected.Count);
        }
    }

    [Fact]
    public void Challenge_window_constants_are_the_cited_mainnet_values()
    {
        foreach (var l2 in new ulong[] { 10, 8453 })
        {
            var delays = OpStackWithdrawalTiming.ForL2Chain(l2)!;
            Assert.Equal(604_800, delays.ProofMaturityDelaySeconds);
            Assert.Equal(302_400, delays.DisputeGameFinalityDelaySeconds);
            Assert.Equal(TimeSpan.FromDays(7), delays.MinimumProofToFinalize);
        }

        Assert.Null(OpStackWithdrawalTiming.ForL2Chain(1));
    }

    private static (Hash32 Hash, Address Sender, Address Target) RealWithdrawal()
    {
        var (_, logs, expected) = Fixtures.Load(Path.Combine("opstack-withdrawal", "op-l2-withdrawal-send-eth.json"));
        _ = logs;
        return (Hash32.Parse(expected.GetProperty("withdrawalHash").GetString()!),
            Address.Parse(expected.GetProperty("sender").GetString()!), Address.Parse(expected.GetProperty("target").GetString()!));
    }

    private static RawLog Proven(Hash32 hash, Address from, Address to, uint logIndex) =>
        PortalLog([OpStackWithdrawalSignatures.WithdrawalProven, hash, Word(from), Word(to)], [], logIndex);

    private static RawLog Extension(Hash32 hash, Address submitter, uint logIndex) =>
        PortalLog([OpStackWithdrawalSignatures.WithdrawalProvenExtension1, hash, Word(submitter)], [], logIndex);

    private static RawLog Finalized(Hash32 hash, bool success, uint logIndex) =>
        PortalLog([OpStackWithdrawalSignatures.WithdrawalFinalized, hash], Hash32.FromUInt64(success ? 1UL : 0UL).ToArray(), logIndex);

    private static RawLog PortalLog(Hash32[] topics, byte[] data, uint logIndex) => new()
    {
        ChainId = 1, BlockNumber = 1, BlockHash = Hash32.FromUInt64(1), TransactionHash = Hash32.FromUInt64(2),
        LogIndex = logIndex, Address = Portal, Topics = topics, Data = data,
    };

    private static Hash32 Word(Address address)
    {
        var bytes = new byte[32];
        address.CopyTo(bytes.AsSpan(12));
        return new Hash32(bytes);
    }

    private static CollectingSink Decode(ulong chainId, List<RawLog> logs, ContractDirectory? contracts = null)
    {
        var sink = new CollectingSink();
        Decoder.Decode(logs, new DecodeContext(chainId, contracts ?? ContractDirectory.Empty, 0), sink);
        return sink;
    }

    private static RawLog With(RawLog log, ReadOnlyMemory<byte>? data = null, Hash32[]? topics = null) => new()
    {
        ChainId = log.ChainId,
        BlockNumber = log.BlockNumber,
        BlockHash = log.BlockHash,
        TransactionHash = log.TransactionHash,
        LogIndex = log.LogIndex,
        Address = log.Address,
        Topics = topics ?? log.Topics,
        Data = data ?? log.Data,
    };
}
