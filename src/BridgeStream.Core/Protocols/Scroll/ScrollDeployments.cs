using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Scroll;

/// <summary>Scroll mainnet messengers. Source: docs.scroll.io/en/developers/scroll-contracts ("Scroll Messenger").</summary>
public static class ScrollDeployments
{
    public const ulong EthereumChainId = 1;
    public const ulong ScrollChainId = 534352;

    public static Address L1ScrollMessenger { get; } = Address.Parse("0x6774Bcbd5ceCeF1336b5300fb5186a12DDD8b367");

    public static Address L2ScrollMessenger { get; } = Address.Parse("0x781e90f1c8Fc4611c9b7497C3B47F99Ef6969CbC");

    /// <summary>The chain on the other side of a known messenger; 0 when (chain, address) is not a Scroll messenger.</summary>
    public static ulong CounterpartyOf(ulong chainId, Address messenger) => (chainId, messenger) switch
    {
        (EthereumChainId, var a) when a == L1ScrollMessenger => ScrollChainId,
        (ScrollChainId, var a) when a == L2ScrollMessenger => EthereumChainId,
        _ => 0,
    };
}
