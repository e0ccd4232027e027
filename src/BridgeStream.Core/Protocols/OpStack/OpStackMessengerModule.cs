using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStack;

/// <summary>
/// OP Stack CrossDomainMessenger, both directions. Mainnet: the L1CrossDomainMessenger proxies of OP Mainnet and Base
/// (ethereum-optimism/superchain-registry superchain/configs/mainnet/{op,base}.toml, L1CrossDomainMessengerProxy) and the
/// L2CrossDomainMessenger predeploy (contracts-bedrock src/libraries/Predeploys.sol L2_CROSS_DOMAIN_MESSENGER).
/// </summary>
public sealed class OpStackMessengerModule : IProtocolModule
{
    public const string L1Kind = "L1CrossDomainMessenger";
    public const string L2Kind = "L2CrossDomainMessenger";

    public static readonly Address L2Messenger = Address.Parse("0x4200000000000000000000000000000000000007");

    public Protocol Protocol => Protocol.OpStackMessenger;

    public ProofSystem ProofSystem => ProofSystem.Optimistic;

    public IReadOnlyList<string> ContractKinds { get; } = [L1Kind, L2Kind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } =
    [
        new(1, Address.Parse("0x25ace71c97B33Cc4729CF772ae268934F7ab5fA1"), L1Kind, Protocol.OpStackMessenger, 10),
        new(1, Address.Parse("0x866E82a600A1414e583f7F13623F1aC5d58b0Afa"), L1Kind, Protocol.OpStackMessenger, 8453),
        new(10, L2Messenger, L2Kind, Protocol.OpStackMessenger, 1),
        new(8453, L2Messenger, L2Kind, Protocol.OpStackMessenger, 1),
    ];

    public IProtocolDecoder CreateDecoder() => new OpStackMessengerDecoder();
}
