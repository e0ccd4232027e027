using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStack;

/// <summary>
/// Event signatures of the OP Stack CrossDomainMessenger (contracts-bedrock src/universal/CrossDomainMessenger.sol).
/// The same events are emitted by L1CrossDomainMessenger and L2CrossDomainMessenger.
/// </summary>
public static class OpStackSignatures
{
    public const string SentMessageSignature = "SentMessage(address,address,bytes,uint256,uint256)";
    public const string SentMessageExtension1Signature = "SentMessageExtension1(address,uint256)";
    public const string RelayedMessageSignature = "RelayedMessage(bytes32)";
    public const string FailedRelayedMessageSignature = "FailedRelayedMessage(bytes32)";

    public static readonly Hash32 SentMessage = EventSignature.Topic(SentMessageSignature);
    public static readonly Hash32 SentMessageExtension1 = EventSignature.Topic(SentMessageExtension1Signature);
    public static readonly Hash32 RelayedMessage = EventSignature.Topic(RelayedMessageSignature);
    public static readonly Hash32 FailedRelayedMessage = EventSignature.Topic(FailedRelayedMessageSignature);

    /// <summary>Hashing.hashCrossDomainMessageV1 hashes this call's data.</summary>
    public const string RelayMessageV1Signature = "relayMessage(uint256,address,address,uint256,uint256,bytes)";

    /// <summary>Hashing.hashCrossDomainMessageV0 (legacy, pre-Bedrock messages) hashes this call's data.</summary>
    public const string RelayMessageV0Signature = "relayMessage(address,address,bytes,uint256)";

    public static readonly uint RelayMessageV1Selector = EventSignature.Selector(RelayMessageV1Signature);
    public static readonly uint RelayMessageV0Selector = EventSignature.Selector(RelayMessageV0Signature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [SentMessage, SentMessageExtension1, RelayedMessage, FailedRelayedMessage];
}
