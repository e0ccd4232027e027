using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Linea;

/// <summary>
/// Events of Linea's message service, the same on L1 (LineaRollup) and L2 (L2MessageService): Consensys/linea-monorepo
/// contracts/src/messaging/interfaces/IMessageService.sol (commit 1f3a6f0907d47733c748b13d922a1002b4d8ebfa). Both the
/// pre-Merkle-proof claim (claimMessage) and claimMessageWithProof emit the same MessageClaimed.
/// </summary>
public static class LineaSignatures
{
    public const string MessageSentSignature = "MessageSent(address,address,uint256,uint256,uint256,bytes,bytes32)";
    public const string MessageClaimedSignature = "MessageClaimed(bytes32)";

    /// <summary>TokenBridge completeBridging(address _nativeToken, uint256 _amount, address _recipient, uint256 _chainId,
    /// bytes _tokenMetadata): the call a token bridging message carries to the other side's TokenBridge.</summary>
    public const string CompleteBridgingSignature = "completeBridging(address,uint256,address,uint256,bytes)";

    public static readonly Hash32 MessageSent = EventSignature.Topic(MessageSentSignature);
    public static readonly Hash32 MessageClaimed = EventSignature.Topic(MessageClaimedSignature);

    public static readonly uint CompleteBridgingSelector = EventSignature.Selector(CompleteBridgingSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [MessageSent, MessageClaimed];
}
