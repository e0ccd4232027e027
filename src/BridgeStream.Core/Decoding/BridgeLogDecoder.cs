using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Decoding;

/// <summary>
/// Splits a block range's logs into transactions and hands each to the protocol decoders that may claim them: a decoder
/// sees a log when it claims the log's topic0 and the emitter is either unknown or a deployment of the decoder's protocol.
/// Several protocols share event signatures (RelayedMessage(bytes32) is both OP Stack's and Scroll's), so routing by the
/// emitter is what keeps a Scroll relay from being read as an OP relay once both are configured.
/// </summary>
public sealed class BridgeLogDecoder
{
    private readonly IProtocolDecoder[] _decoders;
    private readonly Dictionary<Hash32, ulong> _decodersByTopic = [];

    public BridgeLogDecoder(IEnumerable<IProtocolDecoder> decoders)
    {
        _decoders = [.. decoders];
        if (_decoders.Length > 64)
        {
            throw new ArgumentException("At most 64 decoders.", nameof(decoders));
        }

        for (var i = 0; i < _decoders.Length; i++)
        {
            foreach (var topic in _decoders[i].Topics)
            {
                _decodersByTopic[topic] = _decodersByTopic.GetValueOrDefault(topic) | (1UL << i);
            }
        }

        Topics = [.. _decodersByTopic.Keys];
    }

    public IReadOnlyList<Hash32> Topics { get; }

    public IReadOnlyList<IProtocolDecoder> Decoders => _decoders;

    /// <summary>Decodes logs as eth_getLogs returns them: ordered by block, then log index.</summary>
    public void Decode(IReadOnlyList<RawLog> logs, DecodeContext context, IDecodeSink sink)
    {
        var ordered = logs as RawLog[] ?? [.. logs];
        var start = 0;
        for (var i = 1; i <= ordered.Length; i++)
        {
            if (i == ordered.Length || !SameTransaction(ordered[i], ordered[start]))
            {
                DecodeTransaction(ordered.AsSpan(start, i - start), context, sink);
                start = i;
            }
        }
    }

    private void DecodeTransaction(ReadOnlySpan<RawLog> transaction, DecodeContext context, IDecodeSink sink)
    {
        // Per log, the decoders its emitter allows; a decoder runs when some allowed log carries a topic it claims, and
        // gets the span as is when every log is allowed for it (the usual case), else only the logs allowed for it.
        Span<ulong> allowed = transaction.Length <= 64 ? stackalloc ulong[transaction.Length] : new ulong[transaction.Length];
        ulong wanted = 0, everywhere = ulong.MaxValue;
        for (var i = 0; i < transaction.Length; i++)
        {
            var log = transaction[i];
            allowed[i] = DecodersFor(context.Contracts.ProtocolsOf(log.ChainId, log.Address));
            wanted |= allowed[i] & _decodersByTopic.GetValueOrDefault(log.Topic0);
            everywhere &= allowed[i];
        }

        for (var d = 0; d < _decoders.Length; d++)
        {
            var bit = 1UL << d;
            if ((wanted & bit) == 0)
            {
                continue;
            }

            _decoders[d].DecodeTransaction((everywhere & bit) != 0 ? transaction : Only(transaction, allowed, bit), context, sink);
        }
    }

    private ulong DecodersFor(ulong protocols)
    {
        if (protocols == ContractDirectory.AnyProtocol)
        {
            return ulong.MaxValue;
        }

        var mask = 0UL;
        for (var d = 0; d < _decoders.Length; d++)
        {
            if (ProtocolMask.Contains(protocols, _decoders[d].Protocol))
            {
                mask |= 1UL << d;
            }
        }

        return mask;
    }

    private static RawLog[] Only(ReadOnlySpan<RawLog> transaction, ReadOnlySpan<ulong> eligible, ulong bit)
    {
        var kept = new List<RawLog>(transaction.Length);
        for (var i = 0; i < transaction.Length; i++)
        {
            if ((eligible[i] & bit) != 0)
            {
                kept.Add(transaction[i]);
            }
        }

        return [.. kept];
    }

    private static bool SameTransaction(RawLog a, RawLog b) =>
        a.TransactionHash == b.TransactionHash && a.BlockHash == b.BlockHash;
}
