using BridgeStream.Core.Correlation;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;

namespace BridgeStream.Core.Protocols.OpInterop;

/// <summary>
/// OP Superchain interop (<see cref="OpInteropDecoder"/>): L2 -> L2 messages inside an interop set, executed on the
/// destination against the source's log, without L1 in between (<see cref="ProofSystem.Synchronous"/>). No mainnet chain
/// runs interop yet (no mainnet deployments); the predeploys sit at fixed addresses on every chain that does.
/// Deadline: a message not relayed within the interop message expiry window after its send can never be relayed
/// (<see cref="OpInteropContracts.MessageExpiryWindowSeconds"/>); configuration may shorten it per destination chain
/// (Chains:N:RetryableLifetimeSeconds: how long a message to that chain stays executable, as for Arbitrum tickets).
/// Not decoded: 2.0.0's MessageExpired(bytes32 indexed messageHash, uint256 undeliveredAt) on the source chain (the
/// message was proven unrelayed via L1; a terminal state the lifecycle has no kind for yet).
/// </summary>
public sealed class OpInteropModule : IProtocolModule
{
    public Protocol Protocol => Protocol.OpSuperchainInterop;

    public ProofSystem ProofSystem => ProofSystem.Synchronous;

    public IReadOnlyList<string> ContractKinds { get; } = [OpInteropContracts.MessengerKind, OpInteropContracts.InboxKind];

    public IReadOnlyList<BridgeContract> MainnetDeployments { get; } = [];

    public IProtocolDecoder CreateDecoder() => new OpInteropDecoder();

    public MessageDeadlines Deadlines(MessageRecord message, TimingTable timing)
    {
        if (message.Send is not { } send)
        {
            return MessageDeadlines.None;
        }

        var window = timing.RetryableLifetimeSeconds(message.DestinationChainId) ?? OpInteropContracts.MessageExpiryWindowSeconds;
        return new MessageDeadlines(null, send.BlockTimestamp + window);
    }
}
