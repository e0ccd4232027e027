using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// zkSync (ZK stack) L1 -> L2 priority requests (<see cref="ZksyncPriorityDecoder"/>): sent on the chain's diamond on L1,
/// arrived when the L2 transaction with that hash runs (its bootloader status log). The request's expirationTimestamp is
/// deprecated (always 0 in current contracts), so there is no deadline.
/// </summary>
public sealed class ZksyncPriorityRequestModule : IProtocolModule
{
    public Protocol Protocol => Protocol.ZksyncPriorityRequest;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } = [ZksyncContracts.DiamondKind, ZksyncContracts.L1MessengerKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => ZksyncContracts.PriorityMainnet;

    public IProtocolDecoder CreateDecoder() => new ZksyncPriorityDecoder();
}

/// <summary>
/// zkSync (ZK stack) L2 -> L1 withdrawals (<see cref="ZksyncWithdrawalDecoder"/>): a withdrawal can be finalized on L1
/// once the batch holding it is executed there (committed, proven with a validity proof, executed); that is the source
/// block's settlement, not a fixed window, so there are no deadlines here.
/// </summary>
public sealed class ZksyncWithdrawalModule : IProtocolModule
{
    public Protocol Protocol => Protocol.ZksyncWithdrawal;

    public ProofSystem ProofSystem => ProofSystem.Zk;

    public IReadOnlyList<string> ContractKinds { get; } =
        [ZksyncContracts.L1MessengerKind, ZksyncContracts.L1NativeTokenVaultKind, ZksyncContracts.L1SharedBridgeKind, ZksyncContracts.L2LegacyBridgeKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments => ZksyncContracts.WithdrawalMainnet;

    public IProtocolDecoder CreateDecoder() => new ZksyncWithdrawalDecoder();
}
