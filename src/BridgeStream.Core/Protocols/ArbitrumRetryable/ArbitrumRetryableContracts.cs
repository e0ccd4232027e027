using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// Mainnet deployments of the L1->L2 path. Source: OffchainLabs/arbitrum-sdk src/lib/dataEntities/networks.ts
/// (commit 45e63a81fbb145ebcc17d85cbe67bdbaa62a4e30), ethBridge.bridge / ethBridge.inbox for chains 42161 and 42170.
/// ArbRetryableTx is a precompile at the same address on every Arbitrum chain (ARB_RETRYABLE_TX_ADDRESS in
/// arbitrum-sdk src/lib/dataEntities/constants.ts; nitro-contracts src/precompiles/ArbRetryableTx.sol).
/// </summary>
public static class ArbitrumRetryableContracts
{
    public const ulong EthereumChainId = 1;
    public const ulong ArbitrumOneChainId = 42161;
    public const ulong ArbitrumNovaChainId = 42170;

    public const string BridgeKind = "ArbitrumBridge";
    public const string InboxKind = "ArbitrumInbox";
    public const string ArbRetryableTxKind = "ArbRetryableTx";

    public static readonly Address ArbRetryableTx = Address.Parse("0x000000000000000000000000000000000000006E");

    public static readonly Address ArbitrumOneBridge = Address.Parse("0x8315177aB297bA92A06054cE80a67Ed4DBd7ed3a");
    public static readonly Address ArbitrumOneInbox = Address.Parse("0x4Dbd4fc535Ac27206064B68FfCf827b0A60BAB3f");
    public static readonly Address ArbitrumNovaBridge = Address.Parse("0xC1Ebd02f738644983b6C4B2d440b8e77DdE276Bd");
    public static readonly Address ArbitrumNovaInbox = Address.Parse("0xc4448b71118c9071Bcb9734A0EAc55D18A153949");

    /// <summary>Ticket lifetime: RetryableLifetimeSeconds = 7 * 24 * 60 * 60 (OffchainLabs/nitro arbos/retryables/retryable.go).
    /// A ticket not redeemed within it (and not kept alive with keepalive) is deleted; a redeem after that fails.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(7 * 24 * 60 * 60);

    /// <summary>The mainnet deployments as directory entries (L1 contracts point at their L2, the precompile at L1).</summary>
    public static IReadOnlyList<BridgeContract> Mainnet { get; } =
    [
        new(EthereumChainId, ArbitrumOneBridge, BridgeKind, Protocol.ArbitrumRetryable, ArbitrumOneChainId),
        new(EthereumChainId, ArbitrumOneInbox, InboxKind, Protocol.ArbitrumRetryable, ArbitrumOneChainId),
        new(EthereumChainId, ArbitrumNovaBridge, BridgeKind, Protocol.ArbitrumRetryable, ArbitrumNovaChainId),
        new(EthereumChainId, ArbitrumNovaInbox, InboxKind, Protocol.ArbitrumRetryable, ArbitrumNovaChainId),
        new(ArbitrumOneChainId, ArbRetryableTx, ArbRetryableTxKind, Protocol.ArbitrumRetryable, EthereumChainId),
        new(ArbitrumNovaChainId, ArbRetryableTx, ArbRetryableTxKind, Protocol.ArbitrumRetryable, EthereumChainId),
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
