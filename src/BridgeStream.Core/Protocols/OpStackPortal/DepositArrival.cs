using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// The L2 side of a portal deposit: the deposit transaction itself (type 0x7E), which emits no log of its own. An OP Stack
/// L2's ingestor finds the user deposits in its blocks and publishes each as this protocol's delivery, keyed by its
/// transaction hash (the key <see cref="OpStackPortalDecoder"/> derives from the L1 TransactionDeposited), at
/// <see cref="LogPosition.TransactionLevel"/>. A deposit is always included; its receipt status says whether its execution
/// succeeded (MessageRelayed) or failed (MessageRelayFailed; the minted ETH stays with the sender, nothing retries it).
/// </summary>
public static class DepositArrival
{
    /// <summary>
    /// The L1 attributes depositor (op-node rollup/derive L1InfoDepositerAddress; contracts-bedrock Constants.DEPOSITOR_ACCOUNT):
    /// the sender of the system deposit that opens every L2 block. It comes from no TransactionDeposited, so it is skipped.
    /// </summary>
    public static readonly Address L1AttributesDepositor = Address.Parse("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");

    /// <summary>A deposit transaction that a user's (or contract's) TransactionDeposited produced.</summary>
    public static bool IsUserDeposit(byte transactionType, Address from) =>
        transactionType == DepositTransaction.TransactionType && from != L1AttributesDepositor;

    /// <summary>The delivery event of the deposit transaction <paramref name="transactionHash"/> included on <paramref name="l2ChainId"/>.</summary>
    /// <param name="to">The account the deposit executed at (zero for a contract creation): the event's emitter.</param>
    public static BridgeEvent Event(
        ulong l2ChainId, ulong l1ChainId, ulong blockNumber, Hash32 blockHash, long blockTimestamp, Hash32 transactionHash, Address to,
        bool succeeded, long observedAtUnixNanos) => new()
    {
        Position = new LogPosition(l2ChainId, blockNumber, blockHash, transactionHash, LogPosition.TransactionLevel, blockTimestamp, to),
        Protocol = Protocol.OpStackPortal,
        Kind = succeeded ? EventKind.MessageRelayed : EventKind.MessageRelayFailed,
        CorrelationKey = transactionHash,
        SourceChainId = l1ChainId,
        DestinationChainId = l2ChainId,
        ObservedAtUnixNanos = observedAtUnixNanos,
    };
}
