using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// Circle CCTP v2: MessageTransmitterV2 MessageSent -> MessageReceived, paired as <see cref="CctpV2Decoder"/> explains.
/// The v2 contracts share one CREATE2 address; listed on the chains of <see cref="CctpDomains"/>.
/// </summary>
public sealed class CctpV2Module : IProtocolModule
{
    public const string MessageTransmitterKind = "CctpMessageTransmitterV2";
    public const string TokenMessengerKind = "CctpTokenMessengerV2";

    public Protocol Protocol => Protocol.CctpV2;

    public ProofSystem ProofSystem => ProofSystem.ThirdParty;

    public IReadOnlyList<string> ContractKinds { get; } = [MessageTransmitterKind, TokenMessengerKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } =
    [
        .. CctpDomains.Mainnet.SelectMany(d => new[]
        {
            new BridgeContract(d.ChainId, CctpDeployments.MessageTransmitterV2, MessageTransmitterKind, Protocol.CctpV2, 0),
            new BridgeContract(d.ChainId, CctpDeployments.TokenMessengerV2, TokenMessengerKind, Protocol.CctpV2, 0),
        }),
    ];

    public IReadOnlyList<DomainEntry> MainnetDomains => CctpDomains.Mainnet;

    public IProtocolDecoder CreateDecoder() => new CctpV2Decoder();
}
