using System.ComponentModel.DataAnnotations;

namespace BridgeStream.Ingest;

/// <summary>One chain to follow: its RPC endpoints and the bridge contracts on it.</summary>
public sealed class ChainOptions
{
    [Required]
    public string Name { get; set; } = "";

    [Range(1, ulong.MaxValue)]
    public ulong ChainId { get; set; }

    [MinLength(1)]
    public List<string> RpcUrls { get; set; } = [];

    /// <summary>First block to ingest when there is no checkpoint.</summary>
    public ulong StartBlock { get; set; }

    /// <summary>Blocks behind the head that are considered settled enough to ingest (0 = ingest the head).</summary>
    [Range(0, 1000)]
    public int ConfirmationDepth { get; set; }

    /// <summary>Blocks behind the head treated as final when the node does not serve the "finalized" tag.</summary>
    [Range(1, 100_000)]
    public int FinalityDepth { get; set; } = 64;

    /// <summary>A head that has not moved for this long marks the chain "stalled" in /healthz (liveness).</summary>
    [Range(1, 86_400)]
    public int StalledAfterSeconds { get; set; } = 120;

    /// <summary>Largest eth_getLogs range asked for at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>How often to ask for the head when idle, in milliseconds.</summary>
    [Range(10, 60_000)]
    public int PollIntervalMillis { get; set; } = 100;

    public List<ContractOptions> Contracts { get; set; } = [];
}

/// <summary>A bridge contract deployment on a chain.</summary>
public sealed class ContractOptions
{
    /// <summary>L1CrossDomainMessenger or L2CrossDomainMessenger.</summary>
    [Required]
    public string Kind { get; set; } = "";

    [Required]
    public string Address { get; set; } = "";

    /// <summary>The chain on the other side of this contract.</summary>
    public ulong CounterpartyChainId { get; set; }
}
