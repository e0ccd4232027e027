using System.Numerics;

namespace BridgeStream.Devnet;

/// <summary>
/// A deposit as the L1 messenger emitted it (read back from the receipt's SentMessage / SentMessageExtension1),
/// with the msgHash the L2 messenger must report, computed in C#, and the deposit transaction op-node derives from the
/// portal's TransactionDeposited of the same L1 transaction (null for benchmark batches, which bypass the portal).
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
    string ExpectedMsgHash,
    DerivedDeposit? Deposit = null);

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

/// <summary>
/// The L2 deposit transaction (type 0x7E) derived from one L1 TransactionDeposited log by the core's DepositSource /
/// DepositTransaction, as the devnet op-node submits it with eth_sendRawTransaction. L2TxHash is the OP_STACK_PORTAL message id.
/// </summary>
public sealed record DerivedDeposit(
    long L2ChainId,
    string L1TxHash,
    long L1BlockNumber,
    string L2TxHash,
    byte[] RawTransaction,
    string From,
    string? To,
    BigInteger Mint,
    BigInteger Value,
    ulong GasLimit,
    byte[] Data,
    string CarriedMessageHash);

/// <summary>A deposit transaction included on its L2: its receipt status says whether the execution succeeded.</summary>
public sealed record DepositExecution(long L2ChainId, string L2TxHash, long L2BlockNumber, bool Succeeded);

/// <summary>
/// A withdrawal as the L2ToL1MessagePasser emitted it (MessagePassed), with its withdrawal hash (the OP_STACK_WITHDRAWAL
/// message id). CarriedMessageHash is the L2 -> L1 messenger message it transports (zero hash for a plain withdrawal).
/// </summary>
public sealed record SentWithdrawal(
    long L2ChainId,
    string L2TxHash,
    long L2BlockNumber,
    BigInteger Nonce,
    string Sender,
    string Target,
    BigInteger Value,
    BigInteger GasLimit,
    byte[] Data,
    string WithdrawalHash,
    string CarriedMessageHash);

/// <summary>A withdrawal proven on L1 (WithdrawalProven + WithdrawalProvenExtension1), at the L1 block time its window starts.</summary>
public sealed record WithdrawalProof(string WithdrawalHash, string L1TxHash, long L1BlockNumber, long BlockTimestamp);

/// <summary>A finalized withdrawal: WithdrawalFinalized's success flag and, for a messenger message, what the L1 messenger did.</summary>
public sealed record WithdrawalFinalization(string WithdrawalHash, string L1TxHash, long L1BlockNumber, bool Success, RelayOutcome? MessengerOutcome);
