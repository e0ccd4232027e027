using System.Numerics;

namespace BridgeStream.Api;

/// <summary>
/// The GraphQL <c>MessageFilter</c> input; every criterion is optional and they combine with AND. Used both in SQL
/// (<see cref="MessageSql"/>) and in memory for subscriptions (<see cref="Matches"/>): the two must agree.
/// </summary>
public sealed class MessageFilter
{
    public static readonly MessageFilter None = new();

    public string? Status { get; set; }
    public string? Protocol { get; set; }
    public string? ProofSystem { get; set; }

    /// <summary>The token on the source chain, lowercase 0x-hex; the zero address is the native asset.</summary>
    public string? Asset { get; set; }
    public long? SourceChainId { get; set; }
    public long? DestinationChainId { get; set; }

    /// <summary>Lowercase 0x-hex (the Address scalar lowers it).</summary>
    public string? Sender { get; set; }

    /// <summary>The recipient; lowercase 0x-hex.</summary>
    public string? Target { get; set; }

    /// <summary>Inclusive: sent at or after.</summary>
    public DateTime? SentAfter { get; set; }

    /// <summary>Exclusive: sent strictly before.</summary>
    public DateTime? SentBefore { get; set; }

    /// <summary>Inclusive minimum of the message's value (wei).</summary>
    public BigInteger? MinValue { get; set; }

    /// <summary>Only messages whose latency is strictly above this many seconds (so only delivered ones).</summary>
    public double? MinLatencySeconds { get; set; }

    public bool Matches(MessageRecord message) =>
        (Status is null || Status == message.Status)
        && (Protocol is null || Protocol == message.Protocol)
        && (ProofSystem is null || ProofSystem == message.ProofSystem)
        && (Asset is null || Asset == message.Asset)
        && (SourceChainId is null || SourceChainId == message.SourceChainId)
        && (DestinationChainId is null || DestinationChainId == message.DestinationChainId)
        && (Sender is null || Sender == message.Sender)
        && (Target is null || Target == message.Target)
        && (SentAfter is null || message.SentAt >= SentAfter)
        && (SentBefore is null || message.SentAt < SentBefore)
        && (MinValue is null || (BigInteger.TryParse(message.Value, out var value) && value >= MinValue))
        && (MinLatencySeconds is null || message.LatencySeconds > MinLatencySeconds);
}
