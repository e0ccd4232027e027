namespace BridgeStream.Api;

/// <summary>The GraphQL <c>MessageFilter</c> input; every criterion is optional and they combine with AND.</summary>
public sealed class MessageFilter
{
    public static readonly MessageFilter None = new();

    public string? Status { get; set; }
    public string? Protocol { get; set; }
    public long? SourceChainId { get; set; }
    public long? DestinationChainId { get; set; }
}
