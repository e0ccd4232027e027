using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// Every settlement contract family BridgeStream decodes, and what follows from them: contract kinds, mainnet deployments,
/// proof systems and the decoder the ingestor runs. A new family is one decoder class and one line here.
/// </summary>
public static class SettlementCatalog
{
    public static IReadOnlyList<ISettlementDecoder> All { get; } =
    [
        new OpStackOutputOracleDecoder(),
        new OpStackFaultProofDecoder(),
        new ArbitrumRollupDecoder(),
        new ZkSyncEraDecoder(),
        new ScrollChainDecoder(),
        new LineaRollupDecoder(),
    ];

    private static readonly Dictionary<string, ISettlementDecoder> ByKind =
        All.SelectMany(d => d.ContractKinds.Select(k => (k, d))).ToDictionary(x => x.k, x => x.d, StringComparer.Ordinal);

    private static readonly Dictionary<SettlementFamily, ISettlementDecoder> ByFamily = All.ToDictionary(d => d.Family);

    private static readonly Dictionary<(ulong, Address), SettlementDeployment> Mainnet =
        All.SelectMany(d => d.MainnetDeployments).ToDictionary(d => (d.ChainId, d.Address));

    /// <summary>Every settlement contract kind configuration may name.</summary>
    public static IReadOnlyCollection<string> ContractKinds => ByKind.Keys;

    public static bool IsSettlementKind(string kind) => ByKind.ContainsKey(kind);

    /// <summary>
    /// For <see cref="ContractDirectory"/>: a settlement kind routes to the settlement decoder (protocol Unspecified) even
    /// when a bridge protocol declares the same kind for the same contract (a LineaRollup is also Linea's message service).
    /// </summary>
    public static ulong MaskOfKind(string kind) => IsSettlementKind(kind) ? ProtocolMask.Of(Protocol.Unspecified) : 0;

    public static ISettlementDecoder? DecoderOfKind(string kind) => ByKind.GetValueOrDefault(kind);

    public static ProofSystem ProofSystemOf(SettlementFamily family) =>
        ByFamily.TryGetValue(family, out var decoder) ? decoder.ProofSystem : ProofSystem.Unspecified;

    public static IEnumerable<SettlementDeployment> MainnetDeployments => Mainnet.Values;

    /// <summary>The known mainnet deployment at this address, if any (its rollup when configuration names none).</summary>
    public static SettlementDeployment? MainnetDeployment(ulong chainId, Address address) => Mainnet.GetValueOrDefault((chainId, address));

    /// <summary>
    /// A settlement contract as a <see cref="ContractDirectory"/> entry: it carries no bridge protocol
    /// (<see cref="Protocol.Unspecified"/>), so the bridge decoders are not handed its logs and the settlement decoder
    /// (whose protocol is Unspecified) is.
    /// </summary>
    public static BridgeContract DirectoryEntry(ulong chainId, Address address, string kind, ulong rollupChainId) =>
        new(chainId, address, kind, Protocol.Unspecified, rollupChainId);

    /// <summary>The decoder the ingestor runs next to the protocols' ones (see <see cref="SettlementLogDecoder"/>).</summary>
    public static SettlementLogDecoder CreateDecoder() => new();
}

/// <summary>
/// The settlement families as one <see cref="IProtocolDecoder"/>, so the ingestor's log filter and routing carry them
/// with no change: its protocol is <see cref="Protocol.Unspecified"/>, which is what settlement contracts are filed
/// under in the <see cref="ContractDirectory"/>, so <see cref="BridgeLogDecoder"/> hands it exactly their logs (and the
/// logs of unknown emitters, which it leaves alone: a settlement event is only trusted from a configured or known
/// settlement contract, whose kind picks the family and whose counterparty is the rollup). Events go to the sink when it
/// is an <see cref="ISettlementSink"/>; malformed logs are rejected with a reason like any other.
/// </summary>
public sealed class SettlementLogDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.Unspecified;

    public IReadOnlyList<Hash32> Topics { get; } = [.. SettlementCatalog.All.SelectMany(d => d.Topics).Distinct()];

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            var contract = context.Contracts.Find(log.ChainId, log.Address);
            var mainnet = SettlementCatalog.MainnetDeployment(log.ChainId, log.Address);
            var kind = contract is not null && SettlementCatalog.IsSettlementKind(contract.Kind) ? contract.Kind : mainnet?.Kind;
            if (kind is null || SettlementCatalog.DecoderOfKind(kind) is not { } decoder || !decoder.Topics.Contains(log.Topic0))
            {
                continue;
            }

            var rollup = contract?.CounterpartyChainId is { } configured and not 0 ? configured : mainnet?.RollupChainId ?? 0;
            var settlement = decoder.Decode(log, rollup, context.ObservedAtUnixNanos, out var error);
            if (error is null && rollup == 0)
            {
                error = $"{kind} {log.Address} has no rollup: configure its CounterpartyChainId";
            }

            if (error is not null)
            {
                sink.OnRejected(new RejectedLog(log, error));
            }
            else if (settlement is not null && sink is ISettlementSink settlements)
            {
                settlements.OnSettlement(settlement);
            }
        }
    }
}
