using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Decoding;

/// <summary>A configured bridge deployment on one chain: what it is and which chain it talks to.</summary>
public sealed record BridgeContract(ulong ChainId, Address Address, string Kind, Protocol Protocol, ulong CounterpartyChainId);

/// <summary>Known deployments by (chain, address). Unknown emitters still decode, without route information.</summary>
public sealed class ContractDirectory
{
    private readonly Dictionary<(ulong ChainId, Address Address), BridgeContract> _contracts = [];

    public ContractDirectory(IEnumerable<BridgeContract> contracts)
    {
        foreach (var contract in contracts)
        {
            _contracts[(contract.ChainId, contract.Address)] = contract;
        }
    }

    public static ContractDirectory Empty { get; } = new([]);

    public IEnumerable<BridgeContract> All => _contracts.Values;

    public BridgeContract? Find(ulong chainId, Address address) =>
        _contracts.TryGetValue((chainId, address), out var contract) ? contract : null;

    public IEnumerable<BridgeContract> OnChain(ulong chainId) => _contracts.Values.Where(c => c.ChainId == chainId);
}
