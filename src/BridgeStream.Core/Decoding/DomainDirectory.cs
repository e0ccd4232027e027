namespace BridgeStream.Core.Decoding;

/// <summary>
/// Messaging protocols name chains by their own ids (CCTP domains, Hyperlane domains, LayerZero endpoint ids). This maps
/// them to EVM chain ids, per id space: the mainnet tables each protocol module contributes, plus what configuration adds
/// (a devnet or a chain the tables do not list). A configured entry replaces a mainnet one for the same chain or domain.
/// </summary>
public sealed class DomainDirectory
{
    private readonly Dictionary<(string Space, uint Domain), ulong> _chainIds = [];
    private readonly Dictionary<(string Space, ulong ChainId), uint> _domains = [];

    public DomainDirectory(IEnumerable<DomainEntry> entries)
    {
        foreach (var entry in entries)
        {
            Add(entry);
        }
    }

    public static DomainDirectory Empty { get; } = new([]);

    /// <summary>The entries in force, mainnet and configured.</summary>
    public IEnumerable<DomainEntry> All => _chainIds.Select(kv => new DomainEntry(kv.Key.Space, kv.Key.Domain, kv.Value));

    /// <summary>A copy with <paramref name="entries"/> added on top (they win over existing ones).</summary>
    public DomainDirectory With(IEnumerable<DomainEntry> entries) => new(All.Concat(entries));

    /// <summary>The EVM chain id of a domain; 0 for unknown and non-EVM domains.</summary>
    public ulong ToChainId(string space, uint domain) => _chainIds.GetValueOrDefault((space, domain));

    public bool TryGetDomain(string space, ulong chainId, out uint domain) => _domains.TryGetValue((space, chainId), out domain);

    private void Add(DomainEntry entry)
    {
        // Re-pointing a chain or a domain drops the old pairing in both directions.
        if (_domains.TryGetValue((entry.Space, entry.ChainId), out var oldDomain))
        {
            _chainIds.Remove((entry.Space, oldDomain));
        }

        if (_chainIds.TryGetValue((entry.Space, entry.Domain), out var oldChain))
        {
            _domains.Remove((entry.Space, oldChain));
        }

        _chainIds[(entry.Space, entry.Domain)] = entry.ChainId;
        _domains[(entry.Space, entry.ChainId)] = entry.Domain;
    }
}

/// <summary>One chain's id in a protocol's id space (for example CCTP domain 2 = chain 10).</summary>
public sealed record DomainEntry(string Space, uint Domain, ulong ChainId);
