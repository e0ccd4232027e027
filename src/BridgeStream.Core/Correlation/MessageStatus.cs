namespace BridgeStream.Core.Correlation;

public enum MessageStatus
{
    /// <summary>Sent on the source chain, not executed on the destination yet.</summary>
    Sent = 1,

    /// <summary>Executed successfully on the destination.</summary>
    Delivered = 2,

    /// <summary>Execution on the destination failed; the message can be replayed.</summary>
    Failed = 3,

    /// <summary>An execution was seen on the destination, its send not (yet).</summary>
    ReceivedWithoutSend = 4,
}
