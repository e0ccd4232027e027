using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.LayerZeroV2;

/// <summary>
/// Event signatures of LayerZero EndpointV2 (LayerZero-v2 protocol/contracts/interfaces/ILayerZeroEndpointV2.sol;
/// Origin is the tuple (uint32 srcEid, bytes32 sender, uint64 nonce)) and of the OFT standard (oapp/contracts/oft/interfaces/IOFT.sol).
/// </summary>
public static class LayerZeroV2Signatures
{
    public const string PacketSentSignature = "PacketSent(bytes,bytes,address)";
    public const string PacketVerifiedSignature = "PacketVerified((uint32,bytes32,uint64),address,bytes32)";
    public const string PacketDeliveredSignature = "PacketDelivered((uint32,bytes32,uint64),address)";
    public const string LzReceiveAlertSignature = "LzReceiveAlert(address,address,(uint32,bytes32,uint64),bytes32,uint256,uint256,bytes,bytes,bytes)";

    /// <summary>OFTCore emits it in the same transaction as the endpoint's PacketSent; its indexed guid names the packet.</summary>
    public const string OftSentSignature = "OFTSent(bytes32,uint32,address,uint256,uint256)";

    public static readonly Hash32 PacketSent = EventSignature.Topic(PacketSentSignature);
    public static readonly Hash32 PacketVerified = EventSignature.Topic(PacketVerifiedSignature);
    public static readonly Hash32 PacketDelivered = EventSignature.Topic(PacketDeliveredSignature);
    public static readonly Hash32 LzReceiveAlert = EventSignature.Topic(LzReceiveAlertSignature);
    public static readonly Hash32 OftSent = EventSignature.Topic(OftSentSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [PacketSent, PacketVerified, PacketDelivered, LzReceiveAlert, OftSent];
}
