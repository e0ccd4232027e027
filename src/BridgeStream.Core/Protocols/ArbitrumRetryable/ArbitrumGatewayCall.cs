using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// The token transfer an Arbitrum message carries when it is a token gateway's
/// <c>finalizeInboundTransfer(address _token, address _from, address _to, uint256 _amount, bytes _data)</c> call
/// (OffchainLabs token-bridge-contracts, ITokenGateway): the L1 gateway encodes it into a retryable's data for the L2
/// gateway (deposits), the L2 gateway into its L2ToL1Tx data for the L1 gateway (withdrawals). In both directions
/// <c>_token</c> is the L1 token, which is the source chain's token for a deposit but NOT for a withdrawal (the L2 token
/// does not appear in the message); a withdrawal's asset is therefore the L1 token it will release.
/// </summary>
public static class ArbitrumGatewayCall
{
    public const string FinalizeInboundTransferSignature = "finalizeInboundTransfer(address,address,address,uint256,bytes)";

    public static readonly uint FinalizeInboundTransferSelector = EventSignature.Selector(FinalizeInboundTransferSignature);

    /// <summary>The L1 token and amount of a finalizeInboundTransfer call; false for any other data (or a malformed call).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Address l1Token, out Hash32 amount)
    {
        l1Token = default;
        amount = default;
        if (data.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(data) != FinalizeInboundTransferSelector)
        {
            return false;
        }

        var arguments = new AbiReader(data[4..]);
        if (arguments.TryAddress(0, out var token) && arguments.TryAddress(1, out _) && arguments.TryAddress(2, out _)
            && arguments.TryWord(3, out var value) && arguments.TryBytes(4, out _, out _))
        {
            l1Token = token;
            amount = value;
            return true;
        }

        return false;
    }
}
