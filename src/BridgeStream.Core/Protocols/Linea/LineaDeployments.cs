using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Linea;

/// <summary>
/// Linea mainnet message services: Consensys/linea-monorepo sdk/src/core/constants/networks.ts (commit
/// 87957dff5aadbe7fe4234e26669aa541905aa9f2), "linea-mainnet": l1ContractAddress (LineaRollup, which is also the L1
/// message service) and l2ContractAddress (L2MessageService).
/// </summary>
public static class LineaDeployments
{
    public const ulong EthereumChainId = 1;
    public const ulong LineaChainId = 59144;

    public const string L1Kind = "LineaRollup";
    public const string L2Kind = "L2MessageService";

    public static Address LineaRollup { get; } = Address.Parse("0xd19d4B5d358258f05D7B411E21A1460D11B0876F");

    public static Address L2MessageService { get; } = Address.Parse("0x508Ca82Df566dCD1B0DE8296e70a96332cD644ec");

    public static IReadOnlyList<BridgeContract> Mainnet { get; } =
    [
        new(EthereumChainId, LineaRollup, L1Kind, Protocol.LineaMessageService, LineaChainId),
        new(LineaChainId, L2MessageService, L2Kind, Protocol.LineaMessageService, EthereumChainId),
    ];

    /// <summary>The chain on the other side of a known message service; 0 when (chain, address) is not one.</summary>
    public static ulong MainnetCounterpartyOf(ulong chainId, Address service) => (chainId, service) switch
    {
        (EthereumChainId, var a) when a == LineaRollup => LineaChainId,
        (LineaChainId, var a) when a == L2MessageService => EthereumChainId,
        _ => 0,
    };
}
