using BridgeStream.ClickHouse;
using ClickHouse.Driver;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;

namespace BridgeStream.Analytics;

/// <summary>
/// Writes the asset and chain registries (<see cref="AssetRegistry"/>) into ClickHouse (analytics_assets, analytics_chains),
/// where the analytics queries and the Grafana dashboards join them. Runs at the API's start; entries that are no longer
/// configured are written as deleted. If ClickHouse is not reachable at start, it keeps trying in the background.
/// </summary>
public sealed class AnalyticsReferenceData(ClickHouseClient clickHouse, IOptions<AnalyticsOptions> options, ILogger<AnalyticsReferenceData> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retry;

    /// <summary>Replaces the stored registries with the configured ones.</summary>
    public async Task WriteAsync(CancellationToken ct)
    {
        var version = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var assets = AssetRegistry.Assets(options.Value);
        var storedAssets = new List<(ulong ChainId, string Token)>();
        using (var reader = await clickHouse.ExecuteReaderAsync("SELECT chain_id, token FROM analytics_assets FINAL", null, null, ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                storedAssets.Add((Convert.ToUInt64(reader.GetValue(0)), reader.GetString(1)));
            }
        }

        var configured = assets.Select(a => (a.ChainId, a.Token)).ToHashSet();
        var assetRows = assets.Select(a => new object[] { a.ChainId, a.Token, a.Asset, (byte)a.Decimals, a.Source, version, (byte)0 })
            .Concat(storedAssets.Where(key => !configured.Contains(key)).Select(key => new object[] { key.ChainId, key.Token, "", (byte)0, "", version, (byte)1 }))
            .ToList();
        await clickHouse.InsertBinaryAsync(
            "analytics_assets", ["chain_id", "token", "asset", "decimals", "source", "version", "is_deleted"], assetRows, cancellationToken: ct).ConfigureAwait(false);

        var chains = AssetRegistry.Chains(options.Value);
        var storedChains = new List<ulong>();
        using (var reader = await clickHouse.ExecuteReaderAsync("SELECT chain_id FROM analytics_chains FINAL", null, null, ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                storedChains.Add(Convert.ToUInt64(reader.GetValue(0)));
            }
        }

        var configuredChains = chains.Select(c => c.ChainId).ToHashSet();
        var chainRows = chains.Select(c => new object?[] { c.ChainId, c.Name, c.Layer, c.BlockTimeSeconds, version, (byte)0 })
            .Concat(storedChains.Where(id => !configuredChains.Contains(id)).Select(id => new object?[] { id, "", "", null, version, (byte)1 }))
            .ToList();
        await clickHouse.InsertBinaryAsync("analytics_chains", ["chain_id", "name", "layer", "block_time_seconds", "version", "is_deleted"], chainRows!, cancellationToken: ct).ConfigureAwait(false);
        logger.LogInformation("Asset registry written: {Assets} tokens of {Canonical} assets, {Chains} chains",
            assets.Count, assets.Select(a => a.Asset).Distinct().Count(), chains.Count);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await WriteAsync(attempt.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ClickHouseServerException or HttpRequestException or OperationCanceledException or ClickHouseMigrationException)
        {
            logger.LogWarning("Writing the asset registry to ClickHouse failed ({Reason}); retrying in the background", ex.Message);
            _retry = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_retry is not null)
        {
            await _retry.ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                await WriteAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ClickHouseServerException or HttpRequestException or OperationCanceledException)
            {
                logger.LogWarning("Writing the asset registry to ClickHouse failed again ({Reason})", ex.Message);
                delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2));
            }
        }
    }
}
