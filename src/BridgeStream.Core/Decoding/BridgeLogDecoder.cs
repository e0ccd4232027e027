using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Decoding;

/// <summary>Splits a block range's logs into transactions and hands each to every protocol decoder.</summary>
public sealed class BridgeLogDecoder
{
    private readonly IProtocolDecoder[] _decoders;

    public BridgeLogDecoder(IEnumerable<IProtocolDecoder> decoders)
    {
        _decoders = [.. decoders];
        Topics = [.. _decoders.SelectMany(d => d.Topics).Distinct()];
    }

    public IReadOnlyList<Hash32> Topics { get; }

    /// <summary>Decodes logs as eth_getLogs returns them: ordered by block, then log index.</summary>
    public void Decode(IReadOnlyList<RawLog> logs, DecodeContext context, IDecodeSink sink)
    {
        var ordered = logs as RawLog[] ?? [.. logs];
        var start = 0;
        for (var i = 1; i <= ordered.Length; i++)
        {
            if (i == ordered.Length || !SameTransaction(ordered[i], ordered[start]))
            {
                var transaction = ordered.AsSpan(start, i - start);
                foreach (var decoder in _decoders)
                {
                    decoder.DecodeTransaction(transaction, context, sink);
                }

                start = i;
            }
        }
    }

    private static bool SameTransaction(RawLog a, RawLog b) =>
        a.TransactionHash == b.TransactionHash && a.BlockHash == b.BlockHash;
}
