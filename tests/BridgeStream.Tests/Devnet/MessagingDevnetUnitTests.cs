using System.Buffers.Binary;
using System.Numerics;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Devnet;
using BridgeStream.Devnet.Bridges;
using BridgeStream.Devnet.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Signer;

namespace BridgeStream.Tests.Devnet;

/// <summary>The messaging devnet's pure parts: the CCTP v2 attester, the LayerZero options, the devnet domains and addresses.</summary>
public sealed class MessagingDevnetUnitTests
{
    private static readonly Hash32 SourceTx = Hash32.Parse("0x" + new string('a', 64));

    [Fact]
    public void The_v2_attester_fills_nonce_finality_fee_and_expiry_of_a_fast_burn_and_the_key_stays()
    {
        var sent = SentV2Burn(minFinality: 1000, maxFee: 1_000, amount: 5_000_000);
        var attested = CctpAttester.AttestV2(sent, SourceTx, sourceLogIndex: 3, destinationBlock: 100);

        Assert.True(CctpMessage.TryParseV2(sent, out var before, out _));
        Assert.True(CctpMessage.TryParseV2(attested, out var after, out _));
        Assert.True(before.Nonce.IsZero);
        Assert.Equal(CctpAttester.Nonce(before.SourceDomain, SourceTx, 3), after.Nonce);
        Assert.Equal((0u, 1000u), (before.FinalityThresholdExecuted, after.FinalityThresholdExecuted));
        var body = attested.AsSpan(CctpMessage.V2HeaderLength);
        Assert.Equal(new BigInteger(500), new BigInteger(body.Slice(164, 32), isUnsigned: true, isBigEndian: true));
        Assert.Equal(new BigInteger(100 + CctpAttester.ExpirationBlocks), new BigInteger(body.Slice(196, 32), isUnsigned: true, isBigEndian: true));
        Assert.False(sent.AsSpan().SequenceEqual(attested));

        // Everything else is the sender's, and so is the key both sides compute.
        Assert.Equal(sent[..12], attested[..12]);
        Assert.Equal(sent[44..144], attested[44..144]);
        Assert.Equal(sent.AsSpan(CctpMessage.V2HeaderLength, 164).ToArray(), body[..164].ToArray());
        Assert.Equal(
            CctpKeys.V2(before.SourceDomain, before.DestinationDomain, before.Sender, sent.AsSpan(CctpMessage.V2HeaderLength)),
            CctpKeys.V2(after.SourceDomain, after.DestinationDomain, after.Sender, body));
    }

    [Fact]
    public void A_finalized_v2_burn_gets_threshold_2000_and_no_fee_or_expiry_and_the_nonce_is_stable()
    {
        var sent = SentV2Burn(minFinality: 2000, maxFee: 0, amount: 9_000_000);
        var attested = CctpAttester.AttestV2(sent, SourceTx, 0, 100);
        var again = CctpAttester.AttestV2(sent, SourceTx, 0, 5_000);

        Assert.True(CctpMessage.TryParseV2(attested, out var header, out _));
        Assert.Equal(2000u, header.FinalityThresholdExecuted);
        Assert.True(attested.AsSpan(CctpMessage.V2HeaderLength + 164, 64).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(attested, again);
        Assert.NotEqual(CctpAttester.Nonce(header.SourceDomain, SourceTx, 0), CctpAttester.Nonce(header.SourceDomain, SourceTx, 1));
    }

    [Fact]
    public void Attestations_are_low_s_signatures_of_the_messaging_account_over_keccak_of_the_message()
    {
        for (var i = 0; i < 4; i++)
        {
            var message = SentV2Burn(1000, i, 1_000_000 + i);
            var attestation = CctpAttester.Sign(message);

            Assert.Equal(65, attestation.Length);
            Assert.True(attestation[64] is 27 or 28);
            var s = new BigInteger(attestation.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
            Assert.True(s <= BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber));
            var signature = EthECDSASignatureFactory.FromComponents(attestation[..32], attestation[32..64], attestation[64]);
            var signer = EthECKey.RecoverFromSignature(signature, Keccak256.Hash(message).ToArray()).GetPublicAddress();
            Assert.Equal(DevnetAccounts.AddressOf(DevnetAccounts.Messaging), signer, ignoreCase: true);
        }
    }

    [Fact]
    public void The_executor_option_is_OptionsBuilder_addExecutorLzReceiveOption()
    {
        // 0x0003 (type 3) | 01 (executor) | 0011 (17 bytes) | 01 (lzReceive) | uint128 gas
        Assert.Equal("0x00030100110100000000000000000000000000030d40", Hex.Encode(MessagingDevnet.ExecutorLzReceiveOption(200_000)));
    }

    [Fact]
    public void Devnet_domains_are_declared_per_chain_and_collide_with_no_mainnet_id()
    {
        var build = Build(ChainRole.OpStack, ChainRole.OpStack, ChainRole.Arbitrum, ChainRole.Scroll);
        var hyperlane = MessagingDomains.Declare(build, HyperlaneDomains.Space);
        var cctp = MessagingDomains.Declare(build, CctpDomains.Space);
        var layerZero = MessagingDomains.Declare(build, LayerZeroEids.Space);

        Assert.Equal([900u, 901, 902, 903, 904], hyperlane.Select(d => d.Domain));
        Assert.Equal([100u, 101, 102, 103, 104], cctp.Select(d => d.Domain));
        Assert.Equal([50900u, 50901, 50902, 50903, 50904], layerZero.Select(d => d.Domain));
        Assert.Equal([900L, 901, 902, 903, 904], cctp.Select(d => d.ChainId));
        var mainnet = ProtocolCatalog.MainnetDomains.All.Select(d => (d.Space, d.Domain)).ToHashSet();
        Assert.DoesNotContain(hyperlane.Concat(cctp).Concat(layerZero), d => mainnet.Contains((d.Space, d.Domain)));
    }

    [Fact]
    public void Devnet_chains_borrow_the_v1_addresses_of_mainnet_chains_of_their_kind_each_once()
    {
        var build = Build(ChainRole.OpStack, ChainRole.OpStack, ChainRole.Arbitrum, ChainRole.Scroll, ChainRole.Scroll, ChainRole.OpStack);
        var assigned = CctpBridge.AssignV1(build.AllChains);

        Assert.Equal(CctpDeployments.V1[1], assigned[900]);
        Assert.Equal(CctpDeployments.V1[10], assigned[901]);
        Assert.Equal(CctpDeployments.V1[8453], assigned[902]);
        Assert.Equal(CctpDeployments.V1[42161], assigned[903]);
        Assert.Equal(CctpDeployments.V1[137], assigned[904]);
        Assert.Equal(CctpDeployments.V1[43114], assigned[905]);
        Assert.Equal(CctpDeployments.V1[10], assigned[906]); // every mainnet pair taken: its kind's first again (the chains differ anyway)
        Assert.All(assigned.Values, pair => Assert.True(CctpDeployments.IsV1TokenMessenger(TopicWords.FromAddress(pair.TokenMessenger))));
    }

    // A sent v2 message from TokenMessengerV2 (MessageV2._formatMessageForRelay of a BurnMessageV2._formatMessageForRelay body).
    private static byte[] SentV2Burn(uint minFinality, BigInteger maxFee, BigInteger amount)
    {
        var body = MessagingDevnetTests.BurnMessageV2("0x00000000000000000000000000000000000000c1", "0x00000000000000000000000000000000000000c2", amount,
            "0x00000000000000000000000000000000000000c3", maxFee);
        var message = new byte[CctpMessage.V2HeaderLength + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, CctpMessage.V2Version);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), 101);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), 102);
        TopicWords.FromAddress(CctpDeployments.TokenMessengerV2).CopyTo(message.AsSpan(44));
        TopicWords.FromAddress(CctpDeployments.TokenMessengerV2).CopyTo(message.AsSpan(76));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(140), minFinality);
        body.CopyTo(message.AsSpan(CctpMessage.V2HeaderLength));
        return message;
    }

    private static DevnetBuild Build(params ChainRole[] rollups) =>
        new(new DevnetChain("l1", 900, "http://127.0.0.1:1"),
            [.. rollups.Select((role, i) => new DevnetChain($"r{i}", 901 + i, "http://127.0.0.1:1", role))],
            null!, NullLogger.Instance);
}
