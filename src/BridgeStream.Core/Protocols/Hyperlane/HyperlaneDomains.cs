namespace BridgeStream.Core.Protocols.Hyperlane;

/// <summary>
/// Hyperlane domain id -> EVM chain id. Most EVM chains use their chain id as domain id, but not all
/// (alephzeroevmmainnet is domain 1000041455 on chain 41455), so only listed domains are mapped.
/// Sources: hyperlane-xyz/hyperlane-registry chains/&lt;name&gt;/metadata.yaml (domainId, chainId) for ethereum, optimism,
/// arbitrum, base, and the generated chains/metadata.yaml for abstract, apechain, ancient8, alephzeroevmmainnet.
/// bsc, gnosis, moonbeam, celo, avalanche: the origin domain stamped by each chain's Mailbox (localDomain) in
/// real messages (Fixtures/hyperlane) equals that chain's id; polygon (137) appears there as a destination domain.
/// </summary>
public static class HyperlaneDomains
{
    /// <summary>The id space name in <see cref="Decoding.DomainDirectory"/> and in configuration (Chains:N:Domains:hyperlane).</summary>
    public const string Space = "hyperlane";

    private static readonly Dictionary<uint, ulong> ChainIds = new()
    {
        [1] = 1,                // ethereum
        [10] = 10,              // optimism
        [56] = 56,              // bsc
        [100] = 100,            // gnosis
        [137] = 137,            // polygon
        [1284] = 1284,          // moonbeam
        [2741] = 2741,          // abstract
        [8453] = 8453,          // base
        [33139] = 33139,        // apechain
        [42161] = 42161,        // arbitrum
        [42220] = 42220,        // celo
        [43114] = 43114,        // avalanche
        [888888888] = 888888888, // ancient8
        [1000041455] = 41455,   // alephzeroevmmainnet
    };

    /// <summary>The mainnet table as directory entries.</summary>
    public static IReadOnlyList<Decoding.DomainEntry> Mainnet { get; } = [.. ChainIds.Select(kv => new Decoding.DomainEntry(Space, kv.Key, kv.Value))];
}
