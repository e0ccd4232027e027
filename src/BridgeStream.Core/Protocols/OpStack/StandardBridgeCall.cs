using System.Buffers.Binary;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStack;

/// <summary>
/// The token transfer a CrossDomainMessenger message carries when it is a StandardBridge finalize call
/// (contracts-bedrock src/universal/StandardBridge.sol), which the sending bridge encodes for the other side:
/// <list type="bullet">
/// <item><c>finalizeBridgeETH(address _from, address _to, uint256 _amount, bytes _extraData)</c>: the native asset (zero address).</item>
/// <item><c>finalizeBridgeERC20(address _localToken, address _remoteToken, address _from, address _to, uint256 _amount, bytes _extraData)</c>:
/// the arguments are as the DESTINATION bridge sees them (the sending bridge swaps its local and remote token when it
/// encodes the call), so the token on the source chain is <c>_remoteToken</c>, the second argument.</item>
/// </list>
/// The sending side is either bridge (L1StandardBridge deposits, L2StandardBridge withdrawals); both encode these two calls.
/// </summary>
public static class StandardBridgeCall
{
    public const string FinalizeBridgeEthSignature = "finalizeBridgeETH(address,address,uint256,bytes)";
    public const string FinalizeBridgeErc20Signature = "finalizeBridgeERC20(address,address,address,address,uint256,bytes)";

    public static readonly uint FinalizeBridgeEthSelector = EventSignature.Selector(FinalizeBridgeEthSignature);
    public static readonly uint FinalizeBridgeErc20Selector = EventSignature.Selector(FinalizeBridgeErc20Signature);

    /// <summary>The source-chain asset and amount of a finalize call; false for any other message (or a malformed one).</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out Address asset, out Hash32 amount)
    {
        asset = default;
        amount = default;
        if (message.Length < 4)
        {
            return false;
        }

        var selector = BinaryPrimitives.ReadUInt32BigEndian(message);
        var arguments = new AbiReader(message[4..]);
        Address token = default;
        Hash32 value = default;
        var read = selector == FinalizeBridgeEthSelector
            // (from, to, amount, extraData): a well-formed call has its bytes argument too.
            ? arguments.TryAddress(0, out _) && arguments.TryAddress(1, out _) && arguments.TryWord(2, out value) && arguments.TryBytes(3, out _, out _)
            : selector == FinalizeBridgeErc20Selector
              && arguments.TryAddress(0, out _) && arguments.TryAddress(1, out token) && arguments.TryAddress(2, out _)
              && arguments.TryAddress(3, out _) && arguments.TryWord(4, out value) && arguments.TryBytes(5, out _, out _);
        if (read)
        {
            asset = token;
            amount = value;
        }

        return read;
    }
}
