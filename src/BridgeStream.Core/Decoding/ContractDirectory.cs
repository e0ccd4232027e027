using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Decoding;

/// <summary>A bridge deployment on one chain: what it is and which chain it talks to.</summary>
public sealed record BridgeContract(ulong ChainId, Address Address, string Kind, Protocol Protocol, ulong CounterpartyChainId);

/// <summary>
/// Known deployments by (chain, address), and which protocols' events each may emit: its own protocol plus every protocol
/// whose module declares its kind (an OptimismPortal emits both deposits and withdrawals). Unknown emitters still decode,
/// by signature alone and without route information.
/// </summary>
public sealed class ContractDirectory
{
    /// <summary>The mask of an emitter the directory does not know: every protocol may claim its logs.</summary>
    public const ulong AnyProtocol = ulong.MaxValue;

    private readonly Dictionary<(ulong ChainId, Address Address), (BridgeContract Contract, ulong Protocols)> _contracts = [];

    public ContractDirectory(IEnumerable<BridgeContract> contracts)
    {
        foreach (var contract in contracts)
        {
            var mask = ProtocolMask.Of(contract.Protocol) | ProtocolCatalog.ProtocolsOfKind(contract.Kind) | Settlement.SettlementCatalog.MaskOfKind(contract.Kind);
            var key = (contract.ChainId, contract.Address);
            // The same deployment listed by two protocols (the portal): one entry, both protocols.
            _contracts[key] = _contracts.TryGetValue(key, out var existing) ? (existing.Contract, existing.Protocols | mask) : (contract, mask);
        }
    }

    public static ContractDirectory Empty { get; } = new([]);

    public IEnumerable<BridgeContract> All => _contracts.Values.Select(v => v.Contract);

    /// <summary>Configured deployments on top of the known mainnet ones: a configured (chain, address) replaces the mainnet entry.</summary>
    public static ContractDirectory Merge(IEnumerable<BridgeContract> configured, IEnumerable<BridgeContract> mainnet)
    {
        var mine = configured.ToList();
        var taken = mine.Select(c => (c.ChainId, c.Address)).ToHashSet();
        return new ContractDirectory(mine.Concat(mainnet.Where(c => !taken.Contains((c.ChainId, c.Address)))));
    }

    public BridgeContract? Find(ulong chainId, Address address) =>
        _contracts.TryGetValue((chainId, address), out var entry) ? entry.Contract : null;

    /// <summary>The protocols whose events this emitter may emit, as a <see cref="ProtocolMask"/>; <see cref="AnyProtocol"/> when unknown.</summary>
    public ulong ProtocolsOf(ulong chainId, Address address) =>
        _contracts.TryGetValue((chainId, address), out var entry) ? entry.Protocols : AnyProtocol;

    public bool IsKnown(ulong chainId, Address address) => _contracts.ContainsKey((chainId, address));

    public IEnumerable<BridgeContract> OnChain(ulong chainId) => _contracts.Values.Select(v => v.Contract).Where(c => c.ChainId == chainId);
}

/// <summary>A set of protocols as bits (bit n = protocol number n); the Protocol enum stays below 64 values.</summary>
public static class ProtocolMask
{
    public static ulong Of(Protocol protocol) => 1UL << (int)protocol;

    public static bool Contains(ulong mask, Protocol protocol) => (mask & Of(protocol)) != 0;
}
