using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumOutbox;

/// <summary>
/// Mainnet deployments of the L2->L1 path. Outboxes: OffchainLabs/arbitrum-sdk src/lib/dataEntities/networks.ts
/// (commit 45e63a81fbb145ebcc17d85cbe67bdbaa62a4e30), ethBridge.outbox of chains 42161 and 42170 (the Nitro outboxes; the
/// classic ones listed there as classicOutboxes only serve pre-Nitro withdrawals). ArbSys is the precompile at 0x64 on
/// every Arbitrum chain.
/// </summary>
public static class ArbitrumOutboxContracts
{
    public const ulong EthereumChainId = 1;
    public const ulong ArbitrumOneChainId = 42161;
    public const ulong ArbitrumNovaChainId = 42170;

    public const string OutboxKind = "ArbitrumOutbox";
    public const string ArbSysKind = "ArbSys";

    public static readonly Address ArbSys = Address.Parse("0x0000000000000000000000000000000000000064");
    public static readonly Address ArbitrumOneOutbox = Address.Parse("0x0B9857ae2D4A3DBe74ffE1d7DF045bb7F96E4840");
    public static readonly Address ArbitrumNovaOutbox = Address.Parse("0xD4B80C3D7240325D18E645B49e6535A3Bf95cc58");

    /// <summary>
    /// The rollup's confirmPeriodBlocks: L1 blocks between an assertion and its confirmation, after which the Outbox can
    /// execute the messages it commits to. 45818 for Arbitrum One and Nova (arbitrum-sdk networks.ts, both chains; the
    /// BoLD upgrade config nitro-contracts scripts/files/configs/arb1.ts: "confirmPeriodBlocks: 45818, // same as old
    /// rollup, ~6.4 days").
    /// </summary>
    public const ulong ConfirmPeriodBlocks = 45818;

    /// <summary>Post-merge L1 slot time: the block count above is measured in these.</summary>
    public static readonly TimeSpan L1BlockTime = TimeSpan.FromSeconds(12);

    /// <summary>The nominal challenge window: 45818 x 12 s = 549,816 s, about 6.36 days (longer when L1 slots are missed).</summary>
    public static TimeSpan ChallengeWindow => L1BlockTime * ConfirmPeriodBlocks;

    public static IReadOnlyList<BridgeContract> Mainnet { get; } =
    [
        new(EthereumChainId, ArbitrumOneOutbox, OutboxKind, Protocol.ArbitrumOutbox, ArbitrumOneChainId),
        new(EthereumChainId, ArbitrumNovaOutbox, OutboxKind, Protocol.ArbitrumOutbox, ArbitrumNovaChainId),
        new(ArbitrumOneChainId, ArbSys, ArbSysKind, Protocol.ArbitrumOutbox, EthereumChainId),
        new(ArbitrumNovaChainId, ArbSys, ArbSysKind, Protocol.ArbitrumOutbox, EthereumChainId),
    ];

    // Built on first use, not in the type initializer: ContractDirectory consults the ProtocolCatalog, whose modules read Mainnet.
    private static ContractDirectory? _mainnetDirectory;

    private static ContractDirectory MainnetDirectory => _mainnetDirectory ??= new(Mainnet);

    /// <summary>The chain a deployment talks to: the configured directory first, then the mainnet table; 0 when unknown.</summary>
    public static ulong CounterpartyOf(ContractDirectory configured, ulong chainId, Address address) =>
        configured.Find(chainId, address)?.CounterpartyChainId
        ?? MainnetDirectory.Find(chainId, address)?.CounterpartyChainId
        ?? 0;
}
