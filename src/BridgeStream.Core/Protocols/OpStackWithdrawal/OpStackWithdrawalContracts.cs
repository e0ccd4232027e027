using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// Mainnet withdrawal contracts. L2ToL1MessagePasser is the predeploy 0x4200000000000000000000000000000000000016 on every
/// OP Stack chain (contracts-bedrock src/libraries/Predeploys.sol L2_TO_L1_MESSAGE_PASSER); the OptimismPortal proxies on
/// Ethereum are from ethereum-optimism/superchain-registry@0ed9bb35c5f6265cee21431803cf1c3b0347c03b
/// superchain/configs/mainnet/{op,base}.toml. The real MessagePassed and WithdrawalFinalized fixtures come from these addresses.
/// A ContractDirectory holds one entry per (chain, address): the portals carry the same counterparty in
/// OpStackPortalContracts, so registering either list gives this decoder the same route.
/// </summary>
public static class OpStackWithdrawalContracts
{
    public const string MessagePasserKind = "L2ToL1MessagePasser";
    public const string PortalKind = "OptimismPortal";

    public static readonly Address L2ToL1MessagePasser = Address.Parse("0x4200000000000000000000000000000000000016");
    public static readonly Address OpMainnetPortal = Address.Parse("0xbEb5Fc579115071764c7423A4f12eDde41f106Ed");
    public static readonly Address BasePortal = Address.Parse("0x49048044D57e1C92A77f79988d21Fa8fAF74E97e");

    public static IReadOnlyList<BridgeContract> Mainnet { get; } =
    [
        new(10, L2ToL1MessagePasser, MessagePasserKind, Protocol.OpStackWithdrawal, 1),
        new(8453, L2ToL1MessagePasser, MessagePasserKind, Protocol.OpStackWithdrawal, 1),
        new(1, OpMainnetPortal, PortalKind, Protocol.OpStackWithdrawal, 10),
        new(1, BasePortal, PortalKind, Protocol.OpStackWithdrawal, 8453),
    ];
}
