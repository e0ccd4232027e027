using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Cctp;

/// <summary>The parts of MessageSent / MessageReceived both CCTP versions read the same way.</summary>
internal static class CctpLogReader
{
    /// <summary>MessageSent(bytes message): the packed message's byte range in the log data.</summary>
    public static string? TryReadSentMessage(RawLog log, out Range message)
    {
        message = default;
        if (log.Topics.Length != 1)
        {
            return $"MessageSent needs 1 topic (signature), got {log.Topics.Length}";
        }

        return new AbiReader(log.Data.Span).TryBytes(0, out message, out var error) ? null : $"MessageSent message: {error}";
    }

    /// <summary>The non-indexed head of MessageReceived in both versions: (uint32 sourceDomain, bytes32 sender, ..., bytes messageBody).</summary>
    public static string? TryReadReceived(RawLog log, out uint sourceDomain, out Hash32 sender, out Range body)
    {
        sourceDomain = 0;
        body = default;
        var data = new AbiReader(log.Data.Span);
        if (!data.TryUInt64(0, out var domain) || domain > uint.MaxValue)
        {
            sender = default;
            return "MessageReceived sourceDomain is missing or not a uint32";
        }

        sourceDomain = (uint)domain;
        if (!data.TryWord(1, out sender))
        {
            return "MessageReceived has no sender word";
        }

        return data.TryBytes(2, out body, out var error) ? null : $"MessageReceived messageBody: {error}";
    }

    /// <summary>A send claims to come from a domain; when we know this chain's domain, they must agree.</summary>
    public static string? CheckLocalDomain(DecodeContext context, ulong chainId, uint claimedDomain, string what)
    {
        if (!context.Domains.TryGetDomain(CctpDomains.Space, chainId, out var local) || local == claimedDomain)
        {
            return null;
        }

        return $"{what} {claimedDomain} is not chain {chainId}'s CCTP domain {local}";
    }

    public static Address AsAddressOrZero(Hash32 word) => CctpDeployments.AsAddress(word) ?? Address.Zero;
}
