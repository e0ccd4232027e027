namespace BridgeStream.Core.Correlation;

/// <summary>
/// A message's stored state, derived from its steps alone (never from the clock). States that depend on the time of
/// asking (a challenge window that has ended, a ticket that has expired) are derived from these plus the message's
/// deadlines where they are read (the API, the alerting), against wall-clock time.
/// </summary>
public enum MessageStatus
{
    /// <summary>Sent on the source chain, nothing seen on the destination yet.</summary>
    Sent = 1,

    /// <summary>Executed successfully on the destination.</summary>
    Delivered = 2,

    /// <summary>Execution on the destination failed; depending on the protocol it can be retried (OP relays, Arbitrum redeems).</summary>
    Failed = 3,

    /// <summary>An execution was seen on the destination, its send not (yet).</summary>
    ReceivedWithoutSend = 4,

    /// <summary>Reached the destination but not executed yet (an Arbitrum retryable ticket created, a LayerZero packet verified).</summary>
    Arrived = 5,

    /// <summary>A withdrawal proven on L1, waiting out its challenge window.</summary>
    Proven = 6,
}
