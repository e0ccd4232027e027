using System.Buffers;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Serialization;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// Hashes of the L2 transactions Nitro derives from delayed-inbox messages: keccak256(type || rlp(fields)), the EIP-2718
/// hash of OffchainLabs/go-ethereum core/types/arb_types.go ArbitrumSubmitRetryableTx (0x69) and ArbitrumDepositTx (0x64).
/// The submit-retryable hash is the retryable ticket id (arbitrum-sdk ParentToChildMessage.calculateSubmitRetryableId);
/// the deposit hash is the L2 ETH-deposit tx (arbitrum-sdk EthDepositMessage.calculateDepositTxId).
/// </summary>
public static class ArbitrumL2TxHash
{
    public const byte DepositTxType = 0x64;
    public const byte SubmitRetryableTxType = 0x69;

    /// <summary>
    /// Fields in struct order: chainId, requestId (bytes32 of the message index), from (the aliased sender), l1BaseFee,
    /// deposit, gasFeeCap, gas, retryTo (empty when zero: Nitro's nil), retryValue, beneficiary (callValueRefundAddress),
    /// maxSubmissionFee, feeRefundAddr (excessFeeRefundAddress), retryData.
    /// </summary>
    public static Hash32 SubmitRetryable(ulong l2ChainId, Hash32 requestId, Address aliasedSender, Hash32 l1BaseFee, in SubmitRetryableMessage message)
    {
        var data = message.Data.Span;
        var hasTo = message.To != Address.Zero;
        var payload = Rlp.UIntLength(l2ChainId) + 33 + 21 + Rlp.UIntLength(l1BaseFee)
            + Rlp.UIntLength(message.Deposit) + Rlp.UIntLength(message.MaxFeePerGas) + Rlp.UIntLength(message.GasLimit)
            + (hasTo ? 21 : 1) + Rlp.UIntLength(message.L2CallValue) + 21
            + Rlp.UIntLength(message.MaxSubmissionCost) + 21 + Rlp.StringLength(data);
        var length = 1 + RlpWriter.HeaderLength(payload) + payload;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var writer = new RlpWriter(rented.AsSpan(0, length));
            writer.WriteByte(SubmitRetryableTxType);
            writer.WriteListHeader(payload);
            writer.WriteUInt(l2ChainId);
            WriteWord(ref writer, requestId);
            writer.WriteAddress(aliasedSender);
            writer.WriteUInt(l1BaseFee);
            writer.WriteUInt(message.Deposit);
            writer.WriteUInt(message.MaxFeePerGas);
            writer.WriteUInt(message.GasLimit);
            if (hasTo)
            {
                writer.WriteAddress(message.To);
            }
            else
            {
                writer.WriteString([]);
            }

            writer.WriteUInt(message.L2CallValue);
            writer.WriteAddress(message.CallValueRefundAddress);
            writer.WriteUInt(message.MaxSubmissionCost);
            writer.WriteAddress(message.ExcessFeeRefundAddress);
            writer.WriteString(data);
            return Keccak256.Hash(rented.AsSpan(0, writer.Position));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Fields: chainId, l1RequestId (bytes32 of the message index), from (the aliased sender), to, value.</summary>
    public static Hash32 EthDeposit(ulong l2ChainId, Hash32 requestId, Address aliasedSender, in EthDepositMessage message)
    {
        var payload = Rlp.UIntLength(l2ChainId) + 33 + 21 + 21 + Rlp.UIntLength(message.Value);
        Span<byte> buffer = stackalloc byte[1 + RlpWriter.HeaderLength(payload) + payload];
        var writer = new RlpWriter(buffer);
        writer.WriteByte(DepositTxType);
        writer.WriteListHeader(payload);
        writer.WriteUInt(l2ChainId);
        WriteWord(ref writer, requestId);
        writer.WriteAddress(aliasedSender);
        writer.WriteAddress(message.To);
        writer.WriteUInt(message.Value);
        return Keccak256.Hash(buffer[..writer.Position]);
    }

    // The request id is a fixed 32-byte string, not an integer: leading zeros stay (arbitrum-sdk zeroPads it to 32).
    private static void WriteWord(ref RlpWriter writer, Hash32 word)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.CopyTo(bytes);
        writer.WriteString(bytes);
    }
}
