using GraphQL.Types;

namespace BridgeStream.Api;

/// <summary>
/// Enum values are the same strings ClickHouse stores (the enum names), so a value read from a row
/// serializes as-is and a filter value goes into SQL as-is (as a query parameter).
/// </summary>
public sealed class ProtocolGraphType : EnumerationGraphType
{
    public ProtocolGraphType()
    {
        Name = "Protocol";
        Add("OP_STACK_MESSENGER", "OP_STACK_MESSENGER",
            "OP Stack CrossDomainMessenger: L1CrossDomainMessenger and L2CrossDomainMessenger.");
        Add("OP_STACK_PORTAL", "OP_STACK_PORTAL",
            "OP Stack deposits at the portal: OptimismPortal TransactionDeposited -> the L2 deposit transaction it derives.");
        Add("OP_STACK_WITHDRAWAL", "OP_STACK_WITHDRAWAL",
            "OP Stack withdrawals: L2ToL1MessagePasser MessagePassed -> WithdrawalProven -> WithdrawalFinalized.");
        Add("ARBITRUM_RETRYABLE", "ARBITRUM_RETRYABLE",
            "Arbitrum L1->L2: retryable tickets (Bridge/Inbox -> TicketCreated, redeems) and ETH deposits.");
        Add("ARBITRUM_OUTBOX", "ARBITRUM_OUTBOX", "Arbitrum L2->L1: ArbSys L2ToL1Tx -> Outbox OutBoxTransactionExecuted.");
        Add("HYPERLANE", "HYPERLANE", "Hyperlane Mailbox: Dispatch -> Process, by message id.");
        Add("CCTP_V1", "CCTP_V1", "Circle CCTP v1: MessageSent -> MessageReceived, by (source domain, nonce).");
        Add("CCTP_V2", "CCTP_V2", "Circle CCTP v2: MessageSent -> MessageReceived, by the message with attester-filled fields zeroed.");
        Add("SCROLL_MESSENGER", "SCROLL_MESSENGER", "Scroll L1/L2ScrollMessenger: SentMessage -> RelayedMessage.");
        Add("LAYER_ZERO_V2", "LAYER_ZERO_V2", "LayerZero v2 EndpointV2: PacketSent -> PacketVerified -> PacketDelivered, by guid.");
        Add("OP_SUPERCHAIN_INTEROP", "OP_SUPERCHAIN_INTEROP",
            "OP Superchain interop: L2ToL2CrossDomainMessenger SentMessage -> CrossL2Inbox ExecutingMessage -> RelayedMessage, by hashL2toL2CrossDomainMessage.");
        Add("LINEA_MESSAGE_SERVICE", "LINEA_MESSAGE_SERVICE",
            "Linea message service (LineaRollup on L1, L2MessageService on L2), both directions: MessageSent -> MessageClaimed, by the message hash.");
        Add("ZKSYNC_PRIORITY_REQUEST", "ZKSYNC_PRIORITY_REQUEST",
            "zkSync L1->L2 priority requests: NewPriorityRequest -> the L2 transaction's status log, by the L2 transaction hash.");
        Add("ZKSYNC_WITHDRAWAL", "ZKSYNC_WITHDRAWAL",
            "zkSync L2->L1 withdrawals: L1MessageSent -> BridgeMint / WithdrawalFinalizedSharedBridge on L1, paired by (chain, asset, receiver, amount).");
    }
}

public sealed class MessageStatusGraphType : EnumerationGraphType
{
    public MessageStatusGraphType()
    {
        Name = "MessageStatus";
        Add("SENT", "SENT", "Sent on the source chain, not executed on the destination yet.");
        Add("DELIVERED", "DELIVERED", "Executed successfully on the destination chain.");
        Add("FAILED", "FAILED", "Execution on the destination failed; the message can be replayed.");
        Add("ARRIVED", "ARRIVED",
            "Reached the destination, not executed yet (an Arbitrum ticket created, a LayerZero packet verified).");
        Add("PROVEN", "PROVEN", "A withdrawal proven on L1, inside its challenge window.");
        Add("READY_TO_FINALIZE", "READY_TO_FINALIZE",
            "Its challenge window has ended (wall-clock time): it can be finalized or executed on L1 now.");
        Add("EXPIRED", "EXPIRED", "Not executed before its deadline (an Arbitrum retryable ticket past its lifetime, an OP interop message past its expiry window; wall-clock time).");
        Add("RECEIVED_WITHOUT_SEND", "RECEIVED_WITHOUT_SEND",
            "An execution was seen on the destination but its send has not been seen (yet).");
    }
}

public sealed class ProofSystemGraphType : EnumerationGraphType
{
    public ProofSystemGraphType()
    {
        Name = "ProofSystem";
        Add("OPTIMISTIC", "OPTIMISTIC", "An optimistic rollup's native bridge: withdrawals wait out a challenge window (OP Stack, Arbitrum).");
        Add("ZK", "ZK", "A ZK rollup's native bridge: withdrawals wait for a validity proof (Scroll, Linea, zkSync).");
        Add("THIRD_PARTY", "THIRD_PARTY", "A messaging protocol with its own validators, attesters or DVNs (Hyperlane, CCTP, LayerZero).");
        Add("SYNCHRONOUS", "SYNCHRONOUS",
            "Messaging between rollups of one interop set (OP Superchain interop): the destination executes the message against the source chain's log as soon as its sequencer accepts it, with no L1 round trip and no proof on the way.");
    }
}

/// <summary>The kinds stored in bridge_events.kind (BridgeStream.Core EventKind, UPPER_SNAKE_CASE).</summary>
public sealed class HistoryStepKindGraphType : EnumerationGraphType
{
    public HistoryStepKindGraphType()
    {
        Name = "HistoryStepKind";
        Add("MESSAGE_SENT", "MESSAGE_SENT", "The message left its source chain.");
        Add("MESSAGE_RELAYED", "MESSAGE_RELAYED", "The message was executed successfully on its destination.");
        Add("MESSAGE_RELAY_FAILED", "MESSAGE_RELAY_FAILED", "An execution on the destination failed; it can be retried.");
        Add("MESSAGE_PROVEN", "MESSAGE_PROVEN", "A withdrawal was proven on L1 and waits out its challenge window.");
        Add("MESSAGE_ARRIVED", "MESSAGE_ARRIVED", "The message reached its destination but is not executed yet.");
    }
}

public sealed class MessageOrderGraphType : EnumerationGraphType
{
    public MessageOrderGraphType()
    {
        Name = "MessageOrder";
        Add("SENT_AT_DESC", MessageOrder.SentAtDesc, "Newest send first (messages never sent sort by their delivery time).");
        Add("SENT_AT_ASC", MessageOrder.SentAtAsc, "Oldest send first.");
        Add("LATENCY_DESC", MessageOrder.LatencyDesc, "Slowest delivery first; messages not delivered come last.");
    }
}
