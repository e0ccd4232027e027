using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// OptimismPortal deposits (L1 -> L2). Lifecycle: the L1 TransactionDeposited log is <see cref="EventKind.MessageSent"/>,
/// keyed by the hash of the L2 deposit transaction that op-node derives from it (<see cref="DepositTransaction.Hash"/>).
/// That L2 transaction emits no log of its own: the host confirms arrival by fetching it by this hash on L2
/// (a deposit's execution can fail on L2 but the transaction is always included; the host reads its receipt status).
/// Sender is the event's `from`, already aliased by the portal when a contract deposited; Target is zero for a
/// contract creation; Asset is zero (ETH) and Amount is the mint (the ETH locked on L1 and minted on L2).
/// </summary>
public sealed class OpStackPortalDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.OpStackPortal;

    public IReadOnlyList<Hash32> Topics => OpStackPortalSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == OpStackPortalSignatures.TransactionDeposited)
            {
                DecodeDeposit(log, context, sink);
            }
        }
    }

    private static void DecodeDeposit(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var error = TransactionDepositedLog.TryDecode(log, out var deposit);
        if (error is not null)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var contract = context.Contracts.Find(log.ChainId, log.Address);
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpStackPortal,
            Kind = EventKind.MessageSent,
            CorrelationKey = deposit.Hash(),
            SourceChainId = log.ChainId,
            DestinationChainId = contract?.CounterpartyChainId ?? 0,
            Sender = deposit.From,
            Target = deposit.To ?? Address.Zero,
            Value = deposit.Value,
            GasLimit = deposit.Gas,
            Payload = deposit.Data,
            CarriedMessageId = OpStack.CrossDomainMessageHash.OfRelayCall(deposit.Data.Span),
            Asset = Address.Zero,
            Amount = deposit.Mint,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }
}
