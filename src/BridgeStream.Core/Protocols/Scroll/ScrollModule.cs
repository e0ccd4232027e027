using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.Scroll;

/// <summary>Scroll's L1/L2ScrollMessenger, both directions (<see cref="ScrollMessengerDecoder"/>).</summary>
public sealed class ScrollModule : IProtocolModule
{
    public const string L1Kind = "L1ScrollMessenger";
    public const string L2Kind = "L2ScrollMessenger";

    public Protocol Protocol => Protocol.ScrollMessenger;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } = [L1Kind, L2Kind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } =
    [
        new(ScrollDeployments.EthereumChainId, ScrollDeployments.L1ScrollMessenger, L1Kind, Protocol.ScrollMessenger, ScrollDeployments.ScrollChainId),
        new(ScrollDeployments.ScrollChainId, ScrollDeployments.L2ScrollMessenger, L2Kind, Protocol.ScrollMessenger, ScrollDeployments.EthereumChainId),
    ];

    public IProtocolDecoder CreateDecoder() => new ScrollMessengerDecoder();
}
