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
