namespace BridgeStream.Devnet;

/// <summary>How to start one local anvil chain.</summary>
public sealed record AnvilOptions
{
    /// <summary>Human name of the chain ("l1", "op-a", ...), carried into <see cref="DevnetChain"/>.</summary>
    public required string Name { get; init; }

    public required long ChainId { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Makes the safe / finalized tags lag latest (safe = latest - N, finalized = latest - 2N).</summary>
    public int SlotsInAnEpoch { get; init; } = 4;

    /// <summary>Interval mining in seconds; null mines one block per transaction (automine).</summary>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>Block gas limit; null keeps anvil's default.</summary>
    public long? BlockGasLimit { get; init; }

    /// <summary>Path of the anvil binary; null uses the embedded npm install.</summary>
    public string? AnvilPath { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>anvil's --network ("optimism" accepts OP Stack deposit transactions, type 0x7E); null = plain Ethereum.</summary>
    public string? Network { get; init; }

    /// <summary>What the chain plays in the devnet.</summary>
    public ChainRole Role { get; init; } = ChainRole.L1;
}
