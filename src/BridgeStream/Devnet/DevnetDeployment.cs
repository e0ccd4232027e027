using System.Text.Json;
using System.Text.Json.Serialization;

namespace BridgeStream.Devnet;

/// <summary>One chain of the devnet.</summary>
public sealed record DevnetChain(string Name, long ChainId, string RpcUrl, ChainRole Role = ChainRole.L1);

/// <summary>A devnet chain's id in a messaging protocol's id space ("cctp", "hyperlane", "layerzero").</summary>
public sealed record DevnetDomain(long ChainId, string Space, uint Domain);

/// <summary>
/// A devnet rollup's waiting periods, compressed from mainnet's days to seconds so that withdrawals and ticket expiries
/// happen while one watches (labelled as compressed wherever they are shown).
/// </summary>
public sealed record DevnetTiming(long ChainId, long? ChallengeWindowSeconds, long? RetryableLifetimeSeconds);

/// <summary>
/// A deployed bridge contract. Kind is a contract kind of a protocol module (ProtocolCatalog: "L1CrossDomainMessenger",
/// "OptimismPortal", "HyperlaneMailbox", ...); the counterparty is the chain (and contract) on the other side, when the
/// contract talks to one chain only (0 and "" for a contract that talks to many, like a Hyperlane Mailbox).
/// </summary>
public sealed record DevnetContract(
    string Kind,
    long ChainId,
    string Address,
    long CounterpartyChainId,
    string CounterpartyAddress,
    long DeployedAtBlock);

/// <summary>A message receiver on an L2 (MessageTarget) that the devnet can make revert.</summary>
public sealed record DevnetTarget(long ChainId, string Address);

/// <summary>What <see cref="DevnetDeployer"/> deployed; serialisable to JSON for the other components.</summary>
public sealed record DevnetDeployment(
    long L1ChainId,
    IReadOnlyList<DevnetChain> Chains,
    IReadOnlyList<DevnetContract> Contracts,
    IReadOnlyList<DevnetTarget> Targets)
{
    public const string L1MessengerKind = "L1CrossDomainMessenger";
    public const string L2MessengerKind = "L2CrossDomainMessenger";
    public const string PortalKind = "OptimismPortal";
    public const string MessagePasserKind = "L2ToL1MessagePasser";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Every devnet chain's ids in the messaging protocols' id spaces.</summary>
    public IReadOnlyList<DevnetDomain> Domains { get; init; } = [];

    /// <summary>Compressed waiting periods per rollup.</summary>
    public IReadOnlyList<DevnetTiming> Timings { get; init; } = [];

    /// <summary>Contracts the devnet's traffic uses that are not ingested (a StandardBridge, a token): Kind is free-form.</summary>
    public IReadOnlyList<DevnetContract> Helpers { get; init; } = [];

    /// <summary>The helper contract of <paramref name="kind"/> on <paramref name="chainId"/> that pairs with <paramref name="counterparty"/>.</summary>
    public DevnetContract Helper(string kind, long chainId, long counterparty) =>
        Helpers.FirstOrDefault(c => c.Kind == kind && c.ChainId == chainId && c.CounterpartyChainId == counterparty)
        ?? throw new ArgumentException($"No {kind} on chain {chainId} paired with chain {counterparty} in this devnet.");

    public IEnumerable<long> L2ChainIds => Chains.Where(c => c.ChainId != L1ChainId).Select(c => c.ChainId);

    /// <summary>The OP Stack rollups: the ones the CrossDomainMessenger traffic goes to.</summary>
    public IEnumerable<long> OpStackChainIds => Chains.Where(c => c.Role == ChainRole.OpStack).Select(c => c.ChainId);

    public IEnumerable<DevnetContract> ContractsOfKind(string kind) => Contracts.Where(c => c.Kind == kind);

    public DevnetChain Chain(long chainId) =>
        Chains.FirstOrDefault(c => c.ChainId == chainId)
        ?? throw new ArgumentException($"Chain {chainId} is not part of this devnet ({string.Join(", ", Chains.Select(c => c.ChainId))}).", nameof(chainId));

    /// <summary>The L1 messenger that sends to <paramref name="l2ChainId"/>.</summary>
    public DevnetContract L1MessengerFor(long l2ChainId) => Find(L1MessengerKind, L1ChainId, l2ChainId);

    /// <summary>The messenger on <paramref name="l2ChainId"/> that relays from the L1.</summary>
    public DevnetContract L2MessengerOn(long l2ChainId) => Find(L2MessengerKind, l2ChainId, L1ChainId);

    /// <summary>The OptimismPortal on the L1 that <paramref name="l2ChainId"/> deposits and withdraws through.</summary>
    public DevnetContract PortalFor(long l2ChainId) => Find(PortalKind, L1ChainId, l2ChainId);

    /// <summary>The L2ToL1MessagePasser predeploy of <paramref name="l2ChainId"/>.</summary>
    public DevnetContract MessagePasserOn(long l2ChainId) => Find(MessagePasserKind, l2ChainId, L1ChainId);

    /// <summary>The compressed challenge window (seconds) of a rollup, as its contracts enforce it.</summary>
    public long ChallengeWindowSeconds(long l2ChainId) =>
        Timings.FirstOrDefault(t => t.ChainId == l2ChainId)?.ChallengeWindowSeconds
        ?? throw new ArgumentException($"Chain {l2ChainId} has no challenge window in this devnet.", nameof(l2ChainId));

    public IReadOnlyList<DevnetTarget> TargetsOn(long l2ChainId) => Targets.Where(t => t.ChainId == l2ChainId).ToList();

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static DevnetDeployment FromJson(string json)
    {
        DevnetDeployment? deployment;
        try
        {
            deployment = JsonSerializer.Deserialize<DevnetDeployment>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Not a devnet deployment document: {ex.Message}", ex);
        }

        if (deployment?.Chains is null || deployment.Contracts is null || deployment.Targets is null || deployment.Chains.Count == 0)
        {
            throw new InvalidDataException("A devnet deployment needs chains, contracts and targets.");
        }

        return deployment with { Domains = deployment.Domains ?? [], Timings = deployment.Timings ?? [], Helpers = deployment.Helpers ?? [] };
    }

    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, ToJson(), cancellationToken);
    }

    public static async Task<DevnetDeployment> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        FromJson(await File.ReadAllTextAsync(path, cancellationToken));

    private DevnetContract Find(string kind, long chainId, long counterparty) =>
        Contracts.FirstOrDefault(c => c.Kind == kind && c.ChainId == chainId && c.CounterpartyChainId == counterparty)
        ?? throw new ArgumentException($"No {kind} on chain {chainId} paired with chain {counterparty} in this devnet.");
}
