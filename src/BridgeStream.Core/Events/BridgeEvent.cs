using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Events;

public enum Protocol
{
    Unspecified = 0,
    OpStackMessenger = 1,
}

/// <summary>The lifecycle step an event represents.</summary>
public enum EventKind
{
    Unspecified = 0,
    MessageSent = 1,
    MessageRelayed = 2,
    MessageRelayFailed = 3,
}

/// <summary>Where an event sits on its chain; (ChainId, BlockHash, TransactionHash, LogIndex) is its identity.</summary>
public readonly record struct LogPosition(
    ulong ChainId,
    ulong BlockNumber,
    Hash32 BlockHash,
    Hash32 TransactionHash,
    uint LogIndex,
    long BlockTimestamp,
    Address Emitter)
{
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

    /// <summary>When the ingestor first saw the block (unix ns): the start of event-to-queryable latency.</summary>
    public long ObservedAtUnixNanos { get; init; }

    public bool IsSend => Kind == EventKind.MessageSent;
}
