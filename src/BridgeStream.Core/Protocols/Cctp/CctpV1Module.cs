using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>Circle CCTP v1: MessageTransmitter MessageSent -> MessageReceived by (source domain, nonce).</summary>
public sealed class CctpV1Module : IProtocolModule
{
    public const string TokenMessengerKind = "CctpTokenMessenger";

    public Protocol Protocol => Protocol.CctpV1;

    public ProofSystem ProofSystem => ProofSystem.ThirdParty;

    public IReadOnlyList<string> ContractKinds { get; } = [CctpDeployments.MessageTransmitterKind, TokenMessengerKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } =
    [
        .. CctpDeployments.V1.SelectMany(chain => new[]
        {
            new BridgeContract(chain.Key, chain.Value.MessageTransmitter, CctpDeployments.MessageTransmitterKind, Protocol.CctpV1, 0),
            new BridgeContract(chain.Key, chain.Value.TokenMessenger, TokenMessengerKind, Protocol.CctpV1, 0),
        }),
    ];

    public IReadOnlyList<DomainEntry> MainnetDomains => CctpDomains.Mainnet;

    public IProtocolDecoder CreateDecoder() => new CctpV1Decoder();
}
