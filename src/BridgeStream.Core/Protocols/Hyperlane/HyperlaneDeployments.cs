using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Hyperlane;

/// <summary>
/// Mainnet Mailbox (v3) proxies by chain id. Source: hyperlane-xyz/hyperlane-registry chains/&lt;name&gt;/addresses.yaml
/// (key `mailbox`): ethereum, optimism, arbitrum, base.
/// The v2 Mailbox, whose messages have version 0, was 0x35231d4c2D8B8ADcB5617A638A0c4548684c7C70 on every chain.
/// </summary>
public static class HyperlaneDeployments
{
    public const string MailboxKind = "HyperlaneMailbox";

    public static IReadOnlyDictionary<ulong, Address> Mailboxes { get; } = new Dictionary<ulong, Address>
    {
        [1] = Address.Parse("0xc005dc82818d67AF737725bD4bf75435d065D239"),
        [10] = Address.Parse("0xd4C1905BB1D26BC93DAC913e13CaCC278CdCC80D"),
        [42161] = Address.Parse("0x979Ca5202784112f4738403dBec5D0F3B9daabB9"),
        [8453] = Address.Parse("0xeA87ae93Fa0019a82A727bfd3eBd1cFCa8f64f1D"),
    };

    public static Address LegacyV2Mailbox { get; } = Address.Parse("0x35231d4c2D8B8ADcB5617A638A0c4548684c7C70");
}
