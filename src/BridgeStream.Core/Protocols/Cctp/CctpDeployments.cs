using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// Mainnet CCTP contracts. v1 addresses per chain are from Circle's "EVM smart contracts" page as copied into
/// integrators' code (e.g. Hop's and Across's CCTP constants: ETH/AVAX/OP/ARB/BASE/POLYGON_MAINNET_TOKEN_MESSENGER).
/// v2 contracts are deployed with CREATE2 at one address on every EVM chain (Circle's CCTP V2 contract list).
/// </summary>
public static class CctpDeployments
{
    public const string MessageTransmitterKind = "CctpMessageTransmitter";

    /// <summary>Chain id -> (MessageTransmitter, TokenMessenger), CCTP v1.</summary>
    public static IReadOnlyDictionary<ulong, (Address MessageTransmitter, Address TokenMessenger)> V1 { get; } =
        new Dictionary<ulong, (Address, Address)>
        {
            [1] = (Address.Parse("0x0a992d191DEeC32aFe36203Ad87D7d289a738F81"), Address.Parse("0xBd3fa81B58Ba92a82136038B25aDec7066af3155")),
            [43114] = (Address.Parse("0x8186359aF5F57FbB40c6b14A588d2A59C0C29880"), Address.Parse("0x6B25532e1060CE10cc3B0A99e5683b91BFDe6982")),
            [10] = (Address.Parse("0x4D41f22c5a0e5c74090899E5a8Fb597a8842b3e8"), Address.Parse("0x2B4069517957735bE00ceE0fadAE88a26365528f")),
            [42161] = (Address.Parse("0xC30362313FBBA5cf9163F0bb16a0e01f01A896ca"), Address.Parse("0x19330d10D9Cc8751218eaf51E8885D058642E08A")),
            [8453] = (Address.Parse("0xAD09780d193884d503182aD4588450C416D6F9D4"), Address.Parse("0x1682Ae6375C4E4A97e4B583BC394c861A46D8962")),
            [137] = (Address.Parse("0xF3be9355363857F3e001be68856A2f96b4C39Ba9"), Address.Parse("0x9daF8c91AEFAE50b9c0E69629D3F6Ca40cA3B3FE")),
        };

    public static Address MessageTransmitterV2 { get; } = Address.Parse("0x81D40F21F12A8F0E3252Bccb954D722d4c464B64");

    public static Address TokenMessengerV2 { get; } = Address.Parse("0x28b5a0e9C621a5BadaA536219b3a228C8168cf5d");

    private static readonly HashSet<Address> V1TokenMessengers = [.. V1.Values.Select(v => v.TokenMessenger)];

    /// <summary>True when a message sender (bytes32) is a v1 TokenMessenger on any chain: its body is a BurnMessage.</summary>
    public static bool IsV1TokenMessenger(Hash32 sender) => AsAddress(sender) is { } address && V1TokenMessengers.Contains(address);

    /// <summary>True when a message sender (bytes32) is the v2 TokenMessenger: its body is a BurnMessageV2.</summary>
    public static bool IsV2TokenMessenger(Hash32 sender) => AsAddress(sender) == TokenMessengerV2;

    internal static Address? AsAddress(Hash32 word)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.CopyTo(bytes);
        return bytes[..12].ContainsAnyExcept((byte)0) ? null : new Address(bytes[12..]);
    }
}
