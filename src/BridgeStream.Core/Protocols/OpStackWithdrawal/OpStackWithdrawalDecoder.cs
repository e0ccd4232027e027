using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// OP Stack withdrawals (L2 -> L1), keyed by the withdrawal hash (Hashing.hashWithdrawal) that every step carries:
/// <list type="bullet">
/// <item>L2ToL1MessagePasser MessagePassed -> <see cref="EventKind.MessageSent"/>; the emitted withdrawalHash is
/// re-derived from the other fields and the log is rejected when they differ. Asset zero, Amount = value (ETH).</item>
/// <item>OptimismPortal WithdrawalProven -> <see cref="EventKind.MessageProven"/> (Sender/Target = the withdrawal's
/// sender/target). OptimismPortal2 follows it with WithdrawalProvenExtension1 (the proof submitter) in the same
/// transaction: that log belongs to the same proof and adds no event; one without its WithdrawalProven is rejected.
/// A withdrawal may be proven more than once (by other submitters, or again after its game was invalidated).</item>
/// <item>OptimismPortal WithdrawalFinalized -> <see cref="EventKind.MessageRelayed"/> when success is true, else
/// <see cref="EventKind.MessageRelayFailed"/> (the portal marks the withdrawal finalized either way: it cannot be retried).</item>
/// </list>
/// The challenge window between proof and finalization is in <see cref="OpStackWithdrawalTiming"/>.
/// </summary>
public sealed class OpStackWithdrawalDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.OpStackWithdrawal;

    public IReadOnlyList<Hash32> Topics => OpStackWithdrawalSignatures.AllTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        for (var i = 0; i < transactionLogs.Length; i++)
        {
            var log = transactionLogs[i];
            var topic = log.Topic0;
            if (topic == OpStackWithdrawalSignatures.MessagePassed)
            {
                Report(log, MessagePassedLog.TryDecode(log, context), sink);
            }
            else if (topic == OpStackWithdrawalSignatures.WithdrawalProven)
            {
                Report(log, PortalLogs.TryDecodeProven(log, context), sink);
            }
            else if (topic == OpStackWithdrawalSignatures.WithdrawalProvenExtension1)
            {
                var error = PortalLogs.CheckExtension(transactionLogs, i);
                if (error is not null)
                {
                    sink.OnRejected(new RejectedLog(log, error));
                }
            }
            else if (topic == OpStackWithdrawalSignatures.WithdrawalFinalized)
            {
                Report(log, PortalLogs.TryDecodeFinalized(log, context), sink);
            }
        }
    }

    private static void Report(RawLog log, (BridgeEvent? Event, string? Error) result, IDecodeSink sink)
    {
        if (result.Event is not null)
        {
            sink.OnEvent(result.Event);
        }
        else
        {
            sink.OnRejected(new RejectedLog(log, result.Error ?? "undecodable log"));
        }
    }
}
