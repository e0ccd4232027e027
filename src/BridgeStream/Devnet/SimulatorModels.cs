using System.Numerics;

namespace BridgeStream.Devnet;

/// <summary>
/// A deposit as the L1 messenger emitted it (read back from the receipt's SentMessage / SentMessageExtension1),
/// with the msgHash the L2 messenger must report, computed in C#.
/// </summary>
public sealed record SentDeposit(
    long L2ChainId,
    string L1TxHash,
    long L1BlockNumber,
    BigInteger MessageNonce,
    string Sender,
    string Target,
    BigInteger Value,
    BigInteger MinGasLimit,
    byte[] Message,
    BigInteger? TargetTag,
    string ExpectedMsgHash);

public enum RelayOutcome
{
    Relayed,
    Failed,
}

/// <summary>The L2 transaction that relayed (or replayed) a message and what the L2 messenger emitted.</summary>
public sealed record RelayResult(long L2ChainId, string L2TxHash, long L2BlockNumber, RelayOutcome Outcome, string MsgHash);

/// <summary>What one sendMessageBatch transaction emitted: Count messages with consecutive nonces from FirstNonce.</summary>
public sealed record DepositBatch(
    long L2ChainId,
    string L1TxHash,
    BigInteger FirstNonce,
    int Count,
    string Sender,
    string Target,
    BigInteger ValueEach,
    BigInteger MinGasLimit,
    byte[] Message,
    int LogCount);

public sealed record RelayBatchResult(long L2ChainId, string L2TxHash, int Relayed, int Failed, int LogCount);

public sealed record PreloadResult(int MessagePairs, long L1Logs, long L2Logs, TimeSpan Elapsed)
{
    public double LogsPerSecond => (L1Logs + L2Logs) / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>Counters of a <see cref="TrafficSimulator.RunAsync"/> run.</summary>
public sealed record SimulatorStats(long Deposits, long Relayed, long Failed, long Replayed, long Lost, long Errors, TimeSpan Elapsed)
{
    public double TransactionsPerSecond => (Deposits + Relayed + Failed + Replayed) / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
