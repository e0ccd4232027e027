namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>
/// Circle CCTP domain id &lt;-> EVM chain id. Sources: Circle's CCTP technical reference
/// (developers.circle.com/stablecoin/docs/cctp-technical-reference: Ethereum 0, Avalanche 1) and the domain tables that
/// cite Circle's "supported chains and domains" page in integrators' code (Ethereum 0, Avalanche 1, OP Mainnet 2,
/// Arbitrum 3, Noble 4, Solana 5, Base 6, Polygon PoS 7, Sui 8; Unichain 10 = chain 130).
/// Noble, Solana and Sui are not EVM chains and are not mapped.
/// </summary>
public static class CctpDomains
{
    /// <summary>The id space name in <see cref="Decoding.DomainDirectory"/> and in configuration (Chains:N:Domains:cctp).</summary>
    public const string Space = "cctp";

    private static readonly Dictionary<uint, ulong> ChainIds = new()
    {
        [0] = 1,
        [1] = 43114,
        [2] = 10,
        [3] = 42161,
        [6] = 8453,
        [7] = 137,
        [10] = 130,
    };

    /// <summary>The mainnet table as directory entries.</summary>
    public static IReadOnlyList<Decoding.DomainEntry> Mainnet { get; } = [.. ChainIds.Select(kv => new Decoding.DomainEntry(Space, kv.Key, kv.Value))];
}
