using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.Core.Decoding;

/// <summary>
/// What a decoder knows while it decodes: the chain, the deployments (configured and known mainnet ones), the protocols'
/// domain ids (mainnet tables unless configuration adds to them) and when the block was seen.
/// </summary>
public sealed record DecodeContext(ulong ChainId, ContractDirectory Contracts, long ObservedAtUnixNanos)
{
    public DomainDirectory Domains { get; init; } = ProtocolCatalog.MainnetDomains;
}

/// <summary>
/// One protocol's decoder. It receives all logs of one transaction, in log-index order, because some keys need several
/// logs (OP Stack's SentMessage + SentMessageExtension1), and reports events and rejections to the sink. When the
/// emitter of a log is a known deployment, only the decoders of that deployment's protocols see it (Scroll's and OP's
/// RelayedMessage share a signature).
/// </summary>
public interface IProtocolDecoder
{
    Protocol Protocol { get; }

    /// <summary>The topic0 values this decoder claims; used to build eth_getLogs filters.</summary>
    IReadOnlyList<Hash32> Topics { get; }

    void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink);
}
