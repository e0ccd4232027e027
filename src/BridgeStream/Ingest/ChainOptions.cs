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

    /// <summary>A head that has not moved is published again this often (chain.heads.v1): a heartbeat for the alerting.</summary>
    [Range(1, 3600)]
    public int HeadHeartbeatSeconds { get; set; } = 10;

    /// <summary>Largest eth_getLogs range asked for at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>How often to ask for the head when idle, in milliseconds.</summary>
    [Range(10, 60_000)]
    public int PollIntervalMillis { get; set; } = 100;

    public List<ContractOptions> Contracts { get; set; } = [];

    /// <summary>
    /// This chain's ids in the messaging protocols' own id spaces, where the protocol tables do not know it (a devnet, a new
    /// chain): keys "cctp", "hyperlane", "layerzero", values the domain / endpoint id.
    /// </summary>
    public Dictionary<string, uint> Domains { get; set; } = [];

    /// <summary>
    /// For a rollup: the challenge window its withdrawals wait out, in seconds (OP Stack: the portal's proof maturity delay,
    /// counted from the proof; Arbitrum: the confirm period, counted from the send). Unset: the protocol's published value.
    /// </summary>
    [Range(0, 365L * 86_400)]
    public long? ChallengeWindowSeconds { get; set; }

    /// <summary>
    /// For an OP Stack L2: the chain id of its L1. OptimismPortal deposits leave no log on the L2 (the deposit transaction is
    /// the delivery), so with this set the ingestor reads every ingested block with its full transactions
    /// (eth_getBlockByNumber(n, true), batched) and the receipts of its user deposit transactions (type 0x7E, the L1
    /// attributes deposit left out), and publishes each as an OP_STACK_PORTAL delivery keyed by its transaction hash.
    /// Cost: one full-block read per L2 block (on OP Mainnet or Base, 43,200 blocks a day of up to hundreds of kilobytes
    /// each) on top of eth_getLogs. Unset: portal deposits stay SENT (their L1 side only).
    /// </summary>
    public ulong? DepositsFromChainId { get; set; }

    /// <summary>For an Arbitrum chain: how long a retryable ticket lives, in seconds. Unset: 7 days.</summary>
    [Range(0, 365L * 86_400)]
    public long? RetryableLifetimeSeconds { get; set; }
}

/// <summary>A bridge contract deployment on a chain.</summary>
public sealed class ContractOptions
{
    /// <summary>A contract kind a protocol module declares (L1CrossDomainMessenger, OptimismPortal, HyperlaneMailbox, ...).</summary>
    [Required]
    public string Kind { get; set; } = "";

    [Required]
    public string Address { get; set; } = "";

    /// <summary>The chain on the other side of this contract.</summary>
    public ulong CounterpartyChainId { get; set; }
}
