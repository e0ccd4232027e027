using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// Mainnet OptimismPortal proxies on Ethereum (chain 1), from ethereum-optimism/superchain-registry
/// @0ed9bb35c5f6265cee21431803cf1c3b0347c03b superchain/configs/mainnet/{op,base}.toml (OptimismPortalProxy); both
/// addresses also emit the real TransactionDeposited logs in Fixtures/opstack and Fixtures/opstack-portal.
/// The same proxies emit the withdrawal events (see OpStackWithdrawalContracts), with the same counterparty.
/// </summary>
public static class OpStackPortalContracts
{
    public const string PortalKind = "OptimismPortal";
    public const ulong EthereumChainId = 1;
    public const ulong OpMainnetChainId = 10;
    public const ulong BaseChainId = 8453;

    public static readonly Address OpMainnetPortal = Address.Parse("0xbEb5Fc579115071764c7423A4f12eDde41f106Ed");
    public static readonly Address BasePortal = Address.Parse("0x49048044D57e1C92A77f79988d21Fa8fAF74E97e");

    public static IReadOnlyList<BridgeContract> Mainnet { get; } =
    [
        new(EthereumChainId, OpMainnetPortal, PortalKind, Protocol.OpStackPortal, OpMainnetChainId),
        new(EthereumChainId, BasePortal, PortalKind, Protocol.OpStackPortal, BaseChainId),
    ];
}
