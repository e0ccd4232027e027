using System.Numerics;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Devnet.Bridges.Arbitrum;

/// <summary>The arguments of one Inbox.createRetryableTicket call (and the ETH sent with it).</summary>
public sealed record RetryableRequest(
    string To,
    BigInteger L2CallValue,
    BigInteger MaxSubmissionCost,
    string ExcessFeeRefundAddress,
    string CallValueRefundAddress,
    BigInteger GasLimit,
    BigInteger MaxFeePerGas,
    byte[] Data)
{
    /// <summary>What the inbox requires at least: submission + call value + gas limit x max fee.</summary>
    public BigInteger Deposit => MaxSubmissionCost + L2CallValue + (GasLimit * MaxFeePerGas);

    /// <summary>With gas limit 0 ArbOS schedules no auto-redeem: the ticket waits for a manual redeem.</summary>
    public bool AutoRedeems => GasLimit > 0;
}

/// <summary>
/// A retryable as the L1 bridge and inbox recorded it (read back from MessageDelivered + InboxMessageDelivered), with its
/// ticket id computed by BridgeStream's core from those logs (ArbitrumL2TxHash.SubmitRetryable, as the decoder does).
/// </summary>
public sealed record SentRetryable(
    long L2ChainId,
    string L1TxHash,
    long L1BlockNumber,
    BigInteger MessageIndex,
    string Sender,
    string AliasedSender,
    BigInteger BaseFeeL1,
    RetryableRequest Request,
    string Beneficiary,
    Hash32 TicketId);

/// <summary>An ETH deposit (kind 12) and the hash of the L2 deposit transaction Nitro would derive from it.</summary>
public sealed record SentEthDeposit(long L2ChainId, string L1TxHash, long L1BlockNumber, BigInteger MessageIndex, string Sender, string To, BigInteger Value, Hash32 L2TxHash);

/// <summary>The L2 transaction that emitted TicketCreated.</summary>
public sealed record CreatedTicket(Hash32 TicketId, long L2ChainId, string L2TxHash, long L2BlockNumber);

/// <summary>One redeem attempt: the retry transaction (whose receipt is the outcome) and the RedeemScheduled that names it.</summary>
public sealed record RedeemAttempt(Hash32 TicketId, string RetryTxHash, bool Succeeded, ulong SequenceNumber, string ScheduledTxHash, long ScheduledBlockNumber);

/// <summary>An L2ToL1Tx as ArbSys emitted it, with the key the outbox decoder derives (ArbitrumOutboxKey of chain and position).</summary>
public sealed record SentWithdrawal(
    long L2ChainId,
    string L2TxHash,
    long L2BlockNumber,
    string Caller,
    string Destination,
    BigInteger Hash,
    BigInteger Position,
    BigInteger ArbBlockNum,
    BigInteger EthBlockNum,
    BigInteger Timestamp,
    BigInteger CallValue,
    byte[] Data,
    Hash32 Key)
{
    /// <summary>When the outbox lets it execute: the L2 block time plus the (compressed) challenge window.</summary>
    public long ExecutableAt(long challengeWindowSeconds) => (long)Timestamp + challengeWindowSeconds;
}

/// <summary>An Outbox.executeTransaction attempt; Executed is false when it reverted (window not over, already spent, ...).</summary>
public sealed record WithdrawalExecution(string L1TxHash, long L1BlockNumber, bool Executed);
