using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Scroll;

/// <summary>
/// Event signatures of the Scroll messengers (scroll-tech/scroll contracts/src/libraries/IScrollMessenger.sol,
/// ScrollMessengerBase.sol; emitted by L1ScrollMessenger and L2ScrollMessenger alike).
/// RelayedMessage/FailedRelayedMessage share their topic0 with the OP Stack messengers; the emitter tells them apart.
/// </summary>
public static class ScrollSignatures
{
    public const string SentMessageSignature = "SentMessage(address,address,uint256,uint256,uint256,bytes)";
    public const string RelayedMessageSignature = "RelayedMessage(bytes32)";
    public const string FailedRelayedMessageSignature = "FailedRelayedMessage(bytes32)";

    /// <summary>The call whose ABI encoding is hashed into the message hash (ScrollMessengerBase._encodeXDomainCalldata).</summary>
    public const string RelayMessageSignature = "relayMessage(address,address,uint256,uint256,bytes)";

    /// <summary>Gateway calls a message may carry (L2/L1 ERC20 gateways): finalizeX(l1Token, l2Token, from, to, amount, data).</summary>
    public const string FinalizeDepositErc20Signature = "finalizeDepositERC20(address,address,address,address,uint256,bytes)";
    public const string FinalizeWithdrawErc20Signature = "finalizeWithdrawERC20(address,address,address,address,uint256,bytes)";

    public static readonly Hash32 SentMessage = EventSignature.Topic(SentMessageSignature);
    public static readonly Hash32 RelayedMessage = EventSignature.Topic(RelayedMessageSignature);
    public static readonly Hash32 FailedRelayedMessage = EventSignature.Topic(FailedRelayedMessageSignature);

    public static readonly uint RelayMessageSelector = EventSignature.Selector(RelayMessageSignature);
    public static readonly uint FinalizeDepositErc20Selector = EventSignature.Selector(FinalizeDepositErc20Signature);
    public static readonly uint FinalizeWithdrawErc20Selector = EventSignature.Selector(FinalizeWithdrawErc20Signature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [SentMessage, RelayedMessage, FailedRelayedMessage];
}
