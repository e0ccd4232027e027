using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Protocols.ArbitrumOutbox;
using BridgeStream.Core.Protocols.ArbitrumRetryable;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Core.Protocols.LayerZeroV2;
using BridgeStream.Core.Protocols.Linea;
using BridgeStream.Core.Protocols.OpInterop;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using BridgeStream.Core.Protocols.Scroll;
using BridgeStream.Core.Protocols.Zksync;

namespace BridgeStream.Core.Protocols;

/// <summary>Every protocol module BridgeStream knows, and what follows from them: contract kinds, mainnet tables, decoders.</summary>
public static class ProtocolCatalog
{
    /// <summary>The modules; a new protocol is one more line here.</summary>
    public static IReadOnlyList<IProtocolModule> All { get; } =
    [
        new OpStackMessengerModule(),
        new OpStackPortalModule(),
        new OpStackWithdrawalModule(),
        new ArbitrumRetryableModule(),
        new ArbitrumOutboxModule(),
        new HyperlaneModule(),
        new CctpV1Module(),
        new CctpV2Module(),
        new ScrollModule(),
        new LayerZeroV2Module(),
        new OpInteropModule(),
        new LineaModule(),
        new ZksyncPriorityRequestModule(),
        new ZksyncWithdrawalModule(),
    ];

    private static readonly Dictionary<Protocol, IProtocolModule> ByProtocol = All.ToDictionary(m => m.Protocol);

    private static readonly Dictionary<string, ulong> KindMasks = All
        .SelectMany(m => m.ContractKinds.Select(kind => (kind, m.Protocol)))
        .GroupBy(x => x.kind, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(0UL, (mask, x) => mask | ProtocolMask.Of(x.Protocol)), StringComparer.Ordinal);

    private static readonly Lazy<ContractDirectory> Mainnet = new(() => new ContractDirectory(All.SelectMany(m => m.MainnetDeployments)));

    private static readonly Lazy<DomainDirectory> Domains = new(() => new DomainDirectory(All.SelectMany(m => m.MainnetDomains)));

    /// <summary>Every contract kind configuration may name.</summary>
    public static IReadOnlyCollection<string> ContractKinds => KindMasks.Keys;

    public static IProtocolModule Module(Protocol protocol) =>
        ByProtocol.TryGetValue(protocol, out var module) ? module : throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no module for this protocol");

    /// <summary>The protocols whose modules declare this kind, as a <see cref="ProtocolMask"/>; 0 for an unknown kind.</summary>
    public static ulong ProtocolsOfKind(string kind) => KindMasks.GetValueOrDefault(kind);

    /// <summary>The first module that declares the kind (the one a configured contract of that kind is filed under).</summary>
    public static Protocol? PrimaryProtocolOfKind(string kind) =>
        All.FirstOrDefault(m => m.ContractKinds.Contains(kind, StringComparer.Ordinal))?.Protocol;

    /// <summary>Every known mainnet deployment.</summary>
    public static ContractDirectory MainnetContracts => Mainnet.Value;

    /// <summary>Every known mainnet domain id.</summary>
    public static DomainDirectory MainnetDomains => Domains.Value;

    /// <summary>A decoder for every protocol (or only <paramref name="protocols"/>), routing logs by their emitters.</summary>
    public static BridgeLogDecoder CreateDecoder(IEnumerable<Protocol>? protocols = null)
    {
        var wanted = protocols?.ToHashSet();
        return new BridgeLogDecoder(All.Where(m => wanted is null || wanted.Contains(m.Protocol)).Select(m => m.CreateDecoder()));
    }
}
