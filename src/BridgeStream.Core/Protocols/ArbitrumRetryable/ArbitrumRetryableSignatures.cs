using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumRetryable;

/// <summary>
/// Events of Arbitrum's L1->L2 path. L1: the Bridge's MessageDelivered and the Inbox's InboxMessageDelivered
/// (OffchainLabs/nitro-contracts src/bridge/IBridge.sol, IDelayedMessageProvider.sol). L2: the ArbRetryableTx precompile
/// at 0x6E (nitro-contracts src/precompiles/ArbRetryableTx.sol).
/// </summary>
public static class ArbitrumRetryableSignatures
{
    public const string MessageDeliveredSignature = "MessageDelivered(uint256,bytes32,address,uint8,address,bytes32,uint256,uint64)";
    public const string InboxMessageDeliveredSignature = "InboxMessageDelivered(uint256,bytes)";
    public const string TicketCreatedSignature = "TicketCreated(bytes32)";
    public const string RedeemScheduledSignature = "RedeemScheduled(bytes32,bytes32,uint64,uint64,address,uint256,uint256)";

    public static readonly Hash32 MessageDelivered = EventSignature.Topic(MessageDeliveredSignature);
    public static readonly Hash32 InboxMessageDelivered = EventSignature.Topic(InboxMessageDeliveredSignature);
    public static readonly Hash32 TicketCreated = EventSignature.Topic(TicketCreatedSignature);
    public static readonly Hash32 RedeemScheduled = EventSignature.Topic(RedeemScheduledSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [MessageDelivered, InboxMessageDelivered, TicketCreated, RedeemScheduled];
}

/// <summary>Delayed-inbox message kinds (nitro-contracts src/libraries/MessageTypes.sol) that carry a bridge message.</summary>
public static class L1MessageKind
{
    /// <summary>L1MessageType_submitRetryableTx: becomes an ArbitrumSubmitRetryableTx (type 0x69) on L2.</summary>
    public const byte SubmitRetryable = 9;

    /// <summary>L1MessageType_ethDeposit: becomes an ArbitrumDepositTx (type 0x64) on L2.</summary>
    public const byte EthDeposit = 12;
}
