using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// zkSync Era mainnet contracts and the system addresses every ZK stack chain shares.
/// L1: the Era diamond proxy (zks_getMainContract on mainnet; matter-labs/zksync-web-era-docs docs/api/api.md), the
/// L1NativeTokenVault (v26 asset router) and the pre-v26 L1SharedBridge (today's L1Nullifier), as l2beat lists them
/// (l2beat/l2beat packages/backend/src/modules/interop/plugins/zkstack/zkstack.networks.ts at
/// 60af73e86287ceb957e383e94b6039e94838dd99; the shared bridge as zks_getBridgeContracts' l1SharedDefaultBridge).
/// L2 system contracts (era-contracts common/L2ContractAddresses.sol): bootloader 0x…8001, L1Messenger 0x…8008,
/// L2BaseToken 0x…800A, L2AssetRouter 0x…10003, L2NativeTokenVault 0x…10004; Era's legacy L2 ERC20 bridge 0x11f9…E102
/// (zks_getBridgeContracts l2Erc20DefaultBridge).
/// </summary>
public static class ZksyncContracts
{
    public const ulong EthereumChainId = 1;
    public const ulong EraChainId = 324;

    public const string DiamondKind = "ZksyncDiamond";
    public const string L1MessengerKind = "ZksyncL1Messenger";
    public const string L1NativeTokenVaultKind = "ZksyncL1NativeTokenVault";
    public const string L1SharedBridgeKind = "ZksyncL1SharedBridge";

    /// <summary>A configured L2 contract that sends legacy-format ERC20 withdrawal messages (a chain's legacy L2 bridge).</summary>
    public const string L2LegacyBridgeKind = "ZksyncL2LegacyBridge";

    public static readonly Address EraDiamond = Address.Parse("0x32400084C286CF3E17e7B677ea9583e60a000324");
    public static readonly Address L1NativeTokenVault = Address.Parse("0xbeD1EB542f9a5aA6419Ff3deb921A372681111f6");
    public static readonly Address L1SharedBridge = Address.Parse("0xD7f9f54194C633F36CCD5F3da84ad4a1c38cB2cB");

    public static readonly Address Bootloader = Address.Parse("0x0000000000000000000000000000000000008001");
    public static readonly Address L1Messenger = Address.Parse("0x0000000000000000000000000000000000008008");
    public static readonly Address L2BaseToken = Address.Parse("0x000000000000000000000000000000000000800A");
    public static readonly Address L2AssetRouter = Address.Parse("0x0000000000000000000000000000000000010003");
    public static readonly Address L2NativeTokenVault = Address.Parse("0x0000000000000000000000000000000000010004");
    public static readonly Address EraLegacyL2Bridge = Address.Parse("0x11f943b2c77b743AB90f4A0Ae7d5A4e7FCA3E102");

    /// <summary>ETH's L1 address in the ZK stack bridges (era-contracts common/Config.sol ETH_TOKEN_ADDRESS).</summary>
    public static readonly Address EthTokenAddress = Address.Parse("0x0000000000000000000000000000000000000001");

    public static IReadOnlyList<BridgeContract> PriorityMainnet { get; } =
    [
        new(EthereumChainId, EraDiamond, DiamondKind, Protocol.ZksyncPriorityRequest, EraChainId),
        new(EraChainId, L1Messenger, L1MessengerKind, Protocol.ZksyncPriorityRequest, EthereumChainId),
    ];

    /// <summary>The L1 vault and shared bridge serve every ZK chain: their counterparty is the event's chainId, not fixed.</summary>
    public static IReadOnlyList<BridgeContract> WithdrawalMainnet { get; } =
    [
        new(EthereumChainId, L1NativeTokenVault, L1NativeTokenVaultKind, Protocol.ZksyncWithdrawal, 0),
        new(EthereumChainId, L1SharedBridge, L1SharedBridgeKind, Protocol.ZksyncWithdrawal, 0),
        new(EraChainId, L1Messenger, L1MessengerKind, Protocol.ZksyncWithdrawal, EthereumChainId),
    ];

    public static bool IsL1Messenger(RawLog log, DecodeContext context) =>
        log.Address == L1Messenger || context.Contracts.Find(log.ChainId, log.Address) is { Kind: L1MessengerKind };

    public static bool IsKind(RawLog log, DecodeContext context, string kind, Address mainnet) =>
        (log.ChainId == EthereumChainId && log.Address == mainnet) || context.Contracts.Find(log.ChainId, log.Address)?.Kind == kind;

    /// <summary>The chain a deployment talks to: configuration first, then the mainnet tables; 0 when unknown.</summary>
    public static ulong CounterpartyOf(RawLog log, DecodeContext context)
    {
        if (context.Contracts.Find(log.ChainId, log.Address)?.CounterpartyChainId is { } configured and not 0)
        {
            return configured;
        }

        return (log.ChainId, log.Address) switch
        {
            (EthereumChainId, var a) when a == EraDiamond => EraChainId,
            (EraChainId, var a) when a == L1Messenger => EthereumChainId,
            _ => 0,
        };
    }
}
