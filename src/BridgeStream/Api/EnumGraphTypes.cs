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
        Add("RECEIVED_WITHOUT_SEND", "RECEIVED_WITHOUT_SEND",
            "An execution was seen on the destination but its send has not been seen (yet).");
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
