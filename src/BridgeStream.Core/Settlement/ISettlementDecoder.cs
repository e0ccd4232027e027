using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>A known mainnet settlement contract: on which chain, at which address, for which rollup.</summary>
public sealed record SettlementDeployment(ulong ChainId, Address Address, string Kind, ulong RollupChainId);

/// <summary>
/// One settlement contract family: the contract kinds configuration may name for it, its events (topic0s) and how each
/// log of them becomes a <see cref="SettlementEvent"/>. Pure: what needs a node is named in <see cref="SettlementEvent.Lookup"/>.
/// </summary>
public interface ISettlementDecoder
{
    SettlementFamily Family { get; }

    /// <summary>What withdrawals from the rollup trust: the family's proof system.</summary>
    ProofSystem ProofSystem { get; }

    IReadOnlyList<string> ContractKinds { get; }

    IReadOnlyList<Hash32> Topics { get; }

    IReadOnlyList<SettlementDeployment> MainnetDeployments { get; }

    /// <summary>
    /// The event a log of this family's contract stands for; null when the topic is not one of the family's events (then
    /// <paramref name="error"/> is null too) or the log is malformed (then <paramref name="error"/> says why).
    /// </summary>
    SettlementEvent? Decode(RawLog log, ulong rollupChainId, long observedAtUnixNanos, out string? error);
}

/// <summary>Receives decoded settlement events; the ingestor's sink implements it next to <see cref="IDecodeSink"/>.</summary>
public interface ISettlementSink
{
    void OnSettlement(SettlementEvent settlement);
}

/// <summary>Shared reads for the family decoders.</summary>
internal static class SettlementLogs
{
    public static bool Shape(RawLog log, int topics, int dataWords, out string? error)
    {
        error = log.Topics.Length != topics ? $"expected {topics} topics, got {log.Topics.Length}"
            : log.Data.Length != dataWords * 32 ? $"expected {dataWords * 32} data bytes, got {log.Data.Length}"
            : null;
        return error is null;
    }

    /// <summary>A uint256 topic or word that must fit a block or batch number.</summary>
    public static bool Number(Hash32 word, string what, out ulong value, ref string? error)
    {
        value = word.LowUInt64;
        if (word.FitsInUInt64)
        {
            return true;
        }

        error ??= $"{what} does not fit in 64 bits";
        return false;
    }

    public static SettlementEvent Event(RawLog log, ulong rollup, SettlementFamily family, SettlementStage stage, long observedAt) => new()
    {
        Position = LogPosition.Of(log),
        RollupChainId = rollup,
        Family = family,
        Stage = stage,
        ObservedAtUnixNanos = observedAt,
    };
}
