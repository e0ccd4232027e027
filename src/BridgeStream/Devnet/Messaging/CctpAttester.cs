using System.Buffers.Binary;
using System.Numerics;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Cctp;
using Nethereum.Signer;

namespace BridgeStream.Devnet.Messaging;

/// <summary>
/// The devnet's stand-in for Circle's attestation service (Iris). It signs messages as the MessageTransmitters' one
/// attester (keccak256(message), 65-byte ECDSA, as Attestable verifies) and, for CCTP v2, first fills in what the
/// attester fills in on mainnet, in the message it signs:
/// <list type="bullet">
/// <item>nonce (header bytes 12..44, empty in MessageSent): keccak256(abi.encodePacked(uint32 sourceDomain, bytes32 sourceTxHash,
/// uint32 logIndex)): unique per sent message and the same on every attempt (Circle's nonces are opaque unique bytes32).</item>
/// <item>finalityThresholdExecuted (header 144..148): 1000 (confirmed, a fast transfer) when the sender asked for at most
/// 1000, else 2000 (finalized).</item>
/// <item>in a BurnMessageV2 of TokenMessengerV2, for a fast transfer only: feeExecuted = maxFee / 2 and expirationBlock =
/// the destination's block + <see cref="ExpirationBlocks"/> (re-signing later gives a later expiry, as Circle re-signs
/// expired messages); a finalized transfer keeps both zero.</item>
/// </list>
/// The sent and the received message therefore differ, and the key (<see cref="CctpKeys.V2"/>) is built from what both
/// share: domains, sender and the body with feeExecuted and expirationBlock zeroed.
/// </summary>
public static class CctpAttester
{
    public const uint FinalityConfirmed = 1000;
    public const uint FinalityFinalized = 2000;

    /// <summary>How long a fast-transfer attestation stays valid, in destination blocks.</summary>
    public const ulong ExpirationBlocks = 7200;

    private const int NonceOffset = 12;
    private const int MinFinalityOffset = 140;
    private const int FinalityExecutedOffset = 144;
    private const int MaxFeeOffset = 132;
    private const int FeeExecutedOffset = 164;
    private const int ExpirationOffset = 196;

    /// <summary>The v2 message the attester signs for a sent one.</summary>
    public static byte[] AttestV2(ReadOnlySpan<byte> sent, Hash32 sourceTxHash, int sourceLogIndex, ulong destinationBlock)
    {
        if (!CctpMessage.TryParseV2(sent, out var header, out var error))
        {
            throw new ArgumentException($"Not a CCTP v2 message: {error}", nameof(sent));
        }

        var message = sent.ToArray();
        Nonce(header.SourceDomain, sourceTxHash, sourceLogIndex).CopyTo(message.AsSpan(NonceOffset));
        var minFinality = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(MinFinalityOffset));
        var executed = minFinality <= FinalityConfirmed ? FinalityConfirmed : FinalityFinalized;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(FinalityExecutedOffset), executed);

        var body = message.AsSpan(header.BodyOffset);
        if (CctpDeployments.IsV2TokenMessenger(header.Sender) && body.Length >= CctpBurnMessage.V2MinimumLength && executed < FinalityFinalized)
        {
            var maxFee = new BigInteger(body.Slice(MaxFeeOffset, 32), isUnsigned: true, isBigEndian: true);
            Hash32.FromBigInteger(maxFee / 2).CopyTo(body.Slice(FeeExecutedOffset, 32));
            Hash32.FromUInt64(destinationBlock + ExpirationBlocks).CopyTo(body.Slice(ExpirationOffset, 32));
        }

        return message;
    }

    /// <summary>The nonce the devnet attester assigns to a v2 message.</summary>
    public static Hash32 Nonce(uint sourceDomain, Hash32 sourceTxHash, int sourceLogIndex)
    {
        Span<byte> packed = stackalloc byte[40];
        BinaryPrimitives.WriteUInt32BigEndian(packed, sourceDomain);
        sourceTxHash.CopyTo(packed[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(packed[36..], checked((uint)sourceLogIndex));
        return Keccak256.Hash(packed);
    }

    /// <summary>The attestation: r ++ s ++ v over keccak256(message), by the devnet attester (the messaging account).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> message)
    {
        var key = new EthECKey(DevnetAccounts.Get(DevnetAccounts.Messaging, 1).PrivateKey);
        var signature = key.SignAndCalculateV(Keccak256.Hash(message).ToArray());
        var attestation = new byte[65];
        signature.R.CopyTo(attestation.AsSpan(32 - signature.R.Length));
        signature.S.CopyTo(attestation.AsSpan(64 - signature.S.Length));
        attestation[64] = signature.V[0];
        return attestation;
    }
}
