using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>The OptimismPortal's withdrawal events: every field but WithdrawalFinalized's success flag is indexed.</summary>
internal static class PortalLogs
{
    public static (BridgeEvent? Event, string? Error) TryDecodeProven(RawLog log, DecodeContext context)
    {
        if (log.Topics.Length != 4)
        {
            return (null, $"WithdrawalProven needs 4 topics (signature, withdrawalHash, from, to), got {log.Topics.Length}");
        }

        if (!TopicWords.TryAddress(log.Topics[2], out var from) || !TopicWords.TryAddress(log.Topics[3], out var to))
        {
            return (null, "WithdrawalProven from or to topic is not an address");
        }

        return (OnL1(log, context, EventKind.MessageProven) with { Sender = from, Target = to }, null);
    }

    /// <summary>OptimismPortal2 emits WithdrawalProvenExtension1 right after WithdrawalProven for the same hash.</summary>
    public static string? CheckExtension(ReadOnlySpan<RawLog> logs, int extensionIndex)
    {
        var extension = logs[extensionIndex];
        if (extension.Topics.Length != 3 || !TopicWords.TryAddress(extension.Topics[2], out _))
        {
            return $"WithdrawalProvenExtension1 needs 3 topics (signature, withdrawalHash, proofSubmitter address), got {extension.Topics.Length}";
        }

        for (var j = extensionIndex - 1; j >= 0; j--)
        {
            var previous = logs[j];
            if (previous.Address != extension.Address)
            {
                continue;
            }

            return previous.Topic0 == OpStackWithdrawalSignatures.WithdrawalProven && previous.Topics.Length > 1 && previous.Topics[1] == extension.Topics[1]
                ? null
                : "WithdrawalProvenExtension1 does not follow a WithdrawalProven of the same withdrawal";
        }

        return "WithdrawalProvenExtension1 without a WithdrawalProven before it from the same contract";
    }

    public static (BridgeEvent? Event, string? Error) TryDecodeFinalized(RawLog log, DecodeContext context)
    {
        if (log.Topics.Length != 2)
        {
            return (null, $"WithdrawalFinalized needs 2 topics (signature, withdrawalHash), got {log.Topics.Length}");
        }

        if (!new AbiReader(log.Data.Span).TryUInt64(0, out var success) || success > 1)
        {
            return (null, "WithdrawalFinalized success is not an ABI bool word");
        }

        return (OnL1(log, context, success == 1 ? EventKind.MessageRelayed : EventKind.MessageRelayFailed), null);
    }

    private static BridgeEvent OnL1(RawLog log, DecodeContext context, EventKind kind)
    {
        var contract = context.Contracts.Find(log.ChainId, log.Address);
        return new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.OpStackWithdrawal,
            Kind = kind,
            CorrelationKey = log.Topics[1],
            SourceChainId = contract?.CounterpartyChainId ?? 0,
            DestinationChainId = log.ChainId,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        };
    }
}
