namespace BridgeStream.Devnet;

/// <summary>What a devnet chain stands in for: the L1, or a rollup of one stack (which decides its bridge contracts).</summary>
public enum ChainRole
{
    L1 = 0,
    OpStack = 1,
    Arbitrum = 2,
    Scroll = 3,

    /// <summary>A stand-in for a Linea chain: plain anvil with Linea's L2MessageService stand-in (Devnet/Bridges/Linea).</summary>
    Linea = 4,

    /// <summary>A stand-in for zkSync Era: plain anvil (an EVM, not the zkEVM) with the bootloader, L1Messenger and
    /// L2BaseToken stand-ins at their system addresses (Devnet/Bridges/Zksync).</summary>
    Zksync = 5,
}

/// <summary>One rollup of the devnet: its port (0 = any free one), chain id and stack.</summary>
public sealed record DevnetRollup(int Port, long ChainId, ChainRole Role = ChainRole.OpStack)
{
    /// <summary>(port, chain id) is an OP Stack rollup, as the devnet had before it grew other stacks.</summary>
    public static implicit operator DevnetRollup((int Port, long ChainId) rollup) => new(rollup.Port, rollup.ChainId);
}
