using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Events;

/// <summary>A bridge protocol with one correlation rule and one lifecycle. Numbers are stable (they travel in Kafka).</summary>
public enum Protocol
{
    Unspecified = 0,

    /// <summary>OP Stack CrossDomainMessenger: SentMessage(+Extension1) -> RelayedMessage / FailedRelayedMessage.</summary>
    OpStackMessenger = 1,

    /// <summary>OP Stack OptimismPortal deposits: TransactionDeposited -> the derived L2 deposit transaction.</summary>
    OpStackPortal = 2,

    /// <summary>OP Stack withdrawals: MessagePassed -> WithdrawalProven -> WithdrawalFinalized.</summary>
    OpStackWithdrawal = 3,

    /// <summary>Arbitrum L1->L2 retryable tickets (and ETH deposits).</summary>
    ArbitrumRetryable = 4,

    /// <summary>Arbitrum L2->L1: ArbSys L2ToL1Tx -> Outbox OutBoxTransactionExecuted.</summary>
    ArbitrumOutbox = 5,

    Hyperlane = 6,
    CctpV1 = 7,
    CctpV2 = 8,
    ScrollMessenger = 9,
    LayerZeroV2 = 10,

    /// <summary>OP Superchain interop: L2ToL2CrossDomainMessenger SentMessage (source L2) -> RelayedMessage (destination L2).</summary>
    OpSuperchainInterop = 11,

    /// <summary>Linea message service, both directions: MessageSent -> MessageClaimed, by the message hash.</summary>
    LineaMessageService = 12,

    /// <summary>zkSync (ZK stack) L1->L2 priority requests: NewPriorityRequest -> the L2 transaction's status log.</summary>
    ZksyncPriorityRequest = 13,

    /// <summary>zkSync (ZK stack) L2->L1 withdrawals: L1MessageSent -> their finalization on L1 (paired by content).</summary>
    ZksyncWithdrawal = 14,
}

/// <summary>The lifecycle step an event represents; each protocol maps its events onto these.</summary>
public enum EventKind
{
    Unspecified = 0,

    /// <summary>The message left its source chain.</summary>
    MessageSent = 1,

    /// <summary>The message was executed successfully on its destination (delivered, finalized, redeemed).</summary>
    MessageRelayed = 2,

    /// <summary>Execution on the destination failed; the protocol allows a retry.</summary>
    MessageRelayFailed = 3,

    /// <summary>A withdrawal was proven on L1 and waits out its challenge window.</summary>
    MessageProven = 4,

    /// <summary>The message reached its destination but is not executed yet (e.g. an Arbitrum retryable ticket was created).</summary>
    MessageArrived = 5,

    /// <summary>
    /// A chain reorganisation orphaned the event at this position: undo it. Carries the orphaned event's position,
    /// protocol and correlation key (so it reaches the partition that holds the message), nothing else.
    /// </summary>
    Retracted = 6,
}

/// <summary>
/// Where an event sits on its chain; (ChainId, BlockHash, TransactionHash, LogIndex) is its identity. An event that is a
/// transaction rather than a log (an OP Stack deposit transaction executing on L2) has <see cref="TransactionLevel"/>
/// as its log index.
/// </summary>
public readonly record struct LogPosition(
    ulong ChainId,
    ulong BlockNumber,
    Hash32 BlockHash,
    Hash32 TransactionHash,
    uint LogIndex,
    long BlockTimestamp,
    Address Emitter)
{
    /// <summary>The log index of an event that is a whole transaction (no log of its own).</summary>
    public const uint TransactionLevel = uint.MaxValue;

    public static LogPosition Of(RawLog log) =>
        new(log.ChainId, log.BlockNumber, log.BlockHash, log.TransactionHash, log.LogIndex, log.BlockTimestamp, log.Address);
}

/// <summary>A decoded bridge event: one step of one cross-chain message, keyed by the protocol's correlation key.</summary>
public sealed record BridgeEvent
{
    public required LogPosition Position { get; init; }

    public required Protocol Protocol { get; init; }

    public required EventKind Kind { get; init; }

    public required Hash32 CorrelationKey { get; init; }

    /// <summary>The chain the message left from; 0 when the emitting contract is not a configured deployment.</summary>
    public ulong SourceChainId { get; init; }

    public ulong DestinationChainId { get; init; }

    public Address Sender { get; init; }

    public Address Target { get; init; }

    /// <summary>uint256, big-endian.</summary>
    public Hash32 Value { get; init; }

    /// <summary>uint256, big-endian (OP Stack: the versioned nonce).</summary>
    public Hash32 MessageNonce { get; init; }

    public ulong GasLimit { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The token a transfer riding on this message moves, on the source chain; zero for the native asset or no transfer.</summary>
    public Address Asset { get; init; }

    /// <summary>The token amount (uint256, big-endian); zero when no transfer rides on the message.</summary>
    public Hash32 Amount { get; init; }

    /// <summary>On a send whose payload is another protocol's message (an OP portal deposit or withdrawal carrying a
    /// CrossDomainMessenger relay): that message's id. Zero otherwise.</summary>
    public Hash32 CarriedMessageId { get; init; }

    /// <summary>
    /// Set by a decoder when the event's outcome is only known from a transaction's receipt (an Arbitrum redeem attempt:
    /// RedeemScheduled does not say whether the retry succeeded). The ingestor reads that receipt on the same chain before
    /// publishing: status 1 keeps the event, status 0 turns it into <see cref="EventKind.MessageRelayFailed"/>. Never
    /// travels in Kafka.
    /// </summary>
    public Hash32 OutcomeTransaction { get; init; }

    /// <summary>When the ingestor first saw the block (unix ns): the start of event-to-queryable latency.</summary>
    public long ObservedAtUnixNanos { get; init; }

    public bool IsSend => Kind == EventKind.MessageSent;
}
