using BridgeStream.Tests.Infrastructure;

namespace BridgeStream.Tests.Pipeline;

/// <summary>A chain whose first RPC endpoint is dead is still ingested completely through its second endpoint.</summary>
public sealed class RpcFailoverTests(EmbeddedClickHouseFixture clickHouse)
{
    [Fact]
    public async Task A_dead_first_endpoint_fails_over_to_the_next_without_losing_anything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "failover", ct);
        var chains = harness.Devnet.Deployment.Chains;
        for (var i = 0; i < chains.Count; i++)
        {
            // Port 9 (discard) on loopback: nothing listens, every request is refused.
            harness.Settings[$"Chains:{i}:RpcUrls:0"] = "http://127.0.0.1:9/";
            harness.Settings[$"Chains:{i}:RpcUrls:1"] = chains[i].RpcUrl;
        }

        await harness.StartIngestAsync(ct);
        harness.StartProcessor();
        await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 4, ct);

        await ReorgTests.WaitCanonicalAsync(harness, ct);
        Assert.Contains("trying the next endpoint", harness.Logs.Text, StringComparison.Ordinal);

        using var health = System.Text.Json.JsonDocument.Parse(await harness.GetTextAsync(new Uri(harness.IngestBase!, "/healthz"), ct));
        var l1 = health.RootElement.GetProperty("checks").GetProperty("chains").GetProperty("data").GetProperty("l1");
        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("degraded", l1.GetProperty("state").GetString());
        Assert.Contains("127.0.0.1:9", l1.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(l1.GetProperty("ingested").GetUInt64() > 0);

        var metrics = await harness.GetTextAsync(new Uri(harness.IngestBase!, "/metrics"), ct);
        Assert.Contains("bridgestream_rpc_requests_total{method=\"eth_getBlockByNumber\",endpoint=\"http://127.0.0.1:9/\",outcome=\"error\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_outage_of_every_endpoint_ingestion_restarts_from_its_checkpoint_and_misses_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "outage", ct);
        var chains = harness.Devnet.Deployment.Chains;
        var proxies = new List<RangeLimitingRpcProxy>();
        for (var i = 0; i < chains.Count; i++)
        {
            var proxy = await RangeLimitingRpcProxy.StartAsync(chains[i].RpcUrl, maxBlocks: 100_000, ct);
            proxies.Add(proxy);
            harness.Settings[$"Chains:{i}:RpcUrls:0"] = proxy.Url.ToString();
        }

        try
        {
            await harness.StartIngestAsync(ct);
            harness.StartProcessor();
            await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 3, ct);
            await ReorgTests.WaitCanonicalAsync(harness, ct);

            // Every endpoint down long enough for the ingestors to give up and be restarted by their supervisor, while
            // the chains move on; then back.
            proxies.ForEach(p => p.Down = true);
            await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 3, ct);
            await harness.WaitUntilAsync(
                () => Task.FromResult(harness.Logs.Text.Contains("ingestion failed; restarting from its checkpoint", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), "an ingestor restart", ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            proxies.ForEach(p => p.Down = false);
            await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 3, ct);

            await ReorgTests.WaitCanonicalAsync(harness, ct);
            Assert.DoesNotContain("does not extend the tip", harness.Logs.Text, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_provider_that_refuses_wide_log_ranges_gets_smaller_ones_and_nothing_is_missed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "narrow", ct);
        var chains = harness.Devnet.Deployment.Chains;
        var proxies = new List<RangeLimitingRpcProxy>();
        for (var i = 0; i < chains.Count; i++)
        {
            var proxy = await RangeLimitingRpcProxy.StartAsync(chains[i].RpcUrl, maxBlocks: 7, ct);
            proxies.Add(proxy);
            harness.Settings[$"Chains:{i}:RpcUrls:0"] = proxy.Url.ToString();
        }

        try
        {
            await TrafficPlan.RunAsync(harness.Simulator, harness.Devnet.Deployment, perRollup: 5, ct);
            await harness.StartIngestAsync(ct);
            harness.StartProcessor();

            await ReorgTests.WaitCanonicalAsync(harness, ct);
            Assert.All(proxies, p => Assert.True(p.Refused > 0, "the proxy never refused a range: the test did not exercise splitting"));
            Assert.Contains("too large", harness.Logs.Text, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }
}
