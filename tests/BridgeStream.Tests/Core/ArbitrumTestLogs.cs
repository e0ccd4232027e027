using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Core;

/// <summary>Builds SYNTHETIC logs for the Arbitrum decoder tests: ABI-encoded by hand, never presented as chain data.</summary>
internal static class ArbitrumTestLogs
{
    public static RawLog Log(Address emitter, Hash32[] topics, byte[] data, ulong chainId = 1, uint logIndex = 0, Hash32 transactionHash = default) => new()
    {
        ChainId = chainId,
        BlockNumber = 1,
        BlockHash = default,
        TransactionHash = transactionHash,
        LogIndex = logIndex,
        Address = emitter,
        Topics = topics,
        Data = data,
    };

    public static RawLog With(RawLog log, ReadOnlyMemory<byte>? data = null, Hash32[]? topics = null, Address? address = null) =>
        SyntheticLogs.With(log, data, topics, address);

    public static Hash32 Word(ulong value) => SyntheticLogs.Word(value);

    public static Hash32 Word(Address address) => SyntheticLogs.Word(address);

    /// <summary>abi.encode of static words followed by one dynamic `bytes` whose head slot is <paramref name="bytesSlot"/>.</summary>
    public static byte[] Encode(Hash32[] words, int bytesSlot = -1, byte[]? bytes = null)
    {
        var head = words.Length * 32;
        var tail = bytes is null ? 0 : 32 + ((bytes.Length + 31) / 32 * 32);
        var data = new byte[head + tail];
        for (var i = 0; i < words.Length; i++)
        {
            (i == bytesSlot ? Word((ulong)head) : words[i]).CopyTo(data.AsSpan(i * 32));
        }

        if (bytes is not null)
        {
            Word((ulong)bytes.Length).CopyTo(data.AsSpan(head));
            bytes.CopyTo(data.AsSpan(head + 32));
        }

        return data;
    }

    public static CollectingSink Decode(IProtocolDecoder decoder, IEnumerable<RawLog> logs, ContractDirectory? contracts = null, ulong chainId = 1)
    {
        var sink = new CollectingSink();
        new BridgeLogDecoder([decoder]).Decode([.. logs], new DecodeContext(chainId, contracts ?? ContractDirectory.Empty, 0), sink);
        return sink;
    }
}
