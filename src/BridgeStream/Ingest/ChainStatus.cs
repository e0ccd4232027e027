using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BridgeStream.Ingest;

/// <summary>What one chain's ingestor is doing, for /healthz and the progress display.</summary>
public sealed record ChainState(
    string Name, ulong ChainId, ulong Head, ulong Safe, ulong Finalized, ulong Ingested, DateTimeOffset? LastProgressAt, string? LastError, DateTimeOffset? LastErrorAt)
{
    public ulong LagBlocks => Head > Ingested ? Head - Ingested : 0;

    /// <summary>When the head last moved; a head that stops moving is a liveness problem of the chain, not of us.</summary>
    public DateTimeOffset? HeadAdvancedAt { get; init; }

    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>stalled (the chain produces no blocks), degraded (recent errors: failing over or retrying), starting or healthy.</summary>
    public string Health(DateTimeOffset now) =>
        HeadAdvancedAt is { } advanced && now - advanced > StalledAfter ? "stalled"
        : LastErrorAt is { } at && now - at < TimeSpan.FromMinutes(1) ? "degraded"
        : LastProgressAt is null ? "starting"
        : "healthy";
}

/// <summary>The ingestors' shared status board. A failing chain degrades the process's health; it never stops it.</summary>
public sealed class ChainStatus : IHealthCheck
{
    private readonly ConcurrentDictionary<ulong, ChainState> _chains = new();

    public IReadOnlyCollection<ChainState> Chains => [.. _chains.Values.OrderBy(c => c.ChainId)];

    public void Register(ChainOptions chain) => _chains.TryAdd(
        chain.ChainId, new ChainState(chain.Name, chain.ChainId, 0, 0, 0, 0, null, null, null) { StalledAfter = TimeSpan.FromSeconds(chain.StalledAfterSeconds) });

    public void Heads(ulong chainId, ulong head, ulong safe, ulong finalized) =>
        Update(chainId, s => s with { Head = head, Safe = safe, Finalized = finalized, HeadAdvancedAt = head != s.Head ? DateTimeOffset.UtcNow : s.HeadAdvancedAt });

    public void Progress(ulong chainId, ulong ingested) => Update(chainId, s => s with { Ingested = ingested, LastProgressAt = DateTimeOffset.UtcNow });

    public void Failed(ulong chainId, string error) => Update(chainId, s => s with { LastError = error, LastErrorAt = DateTimeOffset.UtcNow });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var data = Chains.ToDictionary(c => c.Name, c => (object)new
        {
            c.ChainId, c.Head, c.Safe, c.Finalized, c.Ingested, c.LagBlocks, State = c.Health(now), c.HeadAdvancedAt, c.LastError, c.LastErrorAt,
        });
        var degraded = Chains.Where(c => c.Health(now) is "degraded" or "stalled").Select(c => $"{c.Name} ({c.Health(now)})").ToList();
        return Task.FromResult(degraded.Count == 0
            ? HealthCheckResult.Healthy("all chains ingesting", data)
            : HealthCheckResult.Degraded($"degraded: {string.Join(", ", degraded)}", data: data));
    }

    private void Update(ulong chainId, Func<ChainState, ChainState> change)
    {
        if (_chains.TryGetValue(chainId, out var state))
        {
            _chains[chainId] = change(state);
        }
    }
}
