using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// Event signatures of Circle's MessageTransmitter (v1, circlefin/evm-cctp-contracts src/MessageTransmitter.sol and
/// interfaces) and MessageTransmitterV2 (src/v2/MessageTransmitterV2.sol, BaseMessageTransmitter.sol).
/// Both versions emit the same MessageSent(bytes); the message's version field tells them apart (0 = v1, 1 = v2).
/// </summary>
public static class CctpSignatures
{
    public const string MessageSentSignature = "MessageSent(bytes)";
    public const string MessageReceivedV1Signature = "MessageReceived(address,uint32,uint64,bytes32,bytes)";
    public const string MessageReceivedV2Signature = "MessageReceived(address,uint32,bytes32,bytes32,uint32,bytes)";

    public static readonly Hash32 MessageSent = EventSignature.Topic(MessageSentSignature);
    public static readonly Hash32 MessageReceivedV1 = EventSignature.Topic(MessageReceivedV1Signature);
    public static readonly Hash32 MessageReceivedV2 = EventSignature.Topic(MessageReceivedV2Signature);

    public static IReadOnlyList<Hash32> V1Topics { get; } = [MessageSent, MessageReceivedV1];

    public static IReadOnlyList<Hash32> V2Topics { get; } = [MessageSent, MessageReceivedV2];
}
