using BridgeStream.Alerting;
using BridgeStream.Api.Alerts;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using Microsoft.Extensions.DependencyInjection;

namespace BridgeStream.Tests.Alerting;

/// <summary>GraphQL <c>alerts</c> (filters, paging) and the <c>alertChanged</c> subscription over alerts the real store recorded.</summary>
public sealed class AlertApiTests(EmbeddedClickHouseFixture clickHouse)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alerts_are_filtered_by_state_severity_route_rule_and_chain_and_paged_newest_first()
    {
        var connection = await TestDatabase.CreateAsync(clickHouse, "alertapi");
        using var client = new ClickHouseClient(connection);
        var store = new AlertStore(client);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var delayed = AlertStoreTests.Change("delayed", 1, AlertState.Firing, partition: 0, startedAt: now - 3000);
        var stuck = AlertStoreTests.Change("stuck", 1, AlertState.Firing, partition: 0, startedAt: now - 2000);
        var other = AlertStoreTests.Change("delayed", 2, AlertState.Firing, partition: 1, startedAt: now - 1000) with { Subject = new AlertSubject(AlertSubjectKind.Message, Hash32.FromUInt64(2), Protocol.OpStackMessenger, 900, 902) };
        var chain = new AlertChange
        {
            DedupKey = "halted/chain:902", RuleId = "halted", RuleType = AlertRuleType.ChainLiveness, Severity = AlertSeverity.Critical, State = AlertState.Firing,
            Subject = AlertSubject.ForChain(902), Summary = "chain 902: no new block", ObservedValue = 40, Threshold = 30, Clock = AlertClock.WallClock,
            StartedAtMs = now, FiredAtMs = now, ChangedAtMs = now, Partition = GlobalAlerts.GlobalPartition,
        };
        await store.SaveAsync([delayed, stuck, other, chain], Ct);
        await store.SaveAsync([delayed with { State = AlertState.Resolved, PreviousState = AlertState.Firing, ResolvedAtMs = now, ChangedAtMs = now }], Ct);
        await using var api = await ApiHost.StartAsync(connection);

        var data = await api.DataAsync("""
            { firing: alerts(state: FIRING) { totalCount edges { node { id } } }
              critical: alerts(severity: CRITICAL) { totalCount }
              to901: alerts(route: { destinationChainId: 901 }) { totalCount edges { node { id state resolvedAt } } }
              byRule: alerts(rule: "delayed") { totalCount }
              chain: alerts(chainId: 902) { edges { node { id rule ruleType severity state summary chainId sourceChainId observedValue threshold unit clock messageId protocol firedAt } } }
              message: alerts(messageId: "0x0000000000000000000000000000000000000000000000000000000000000001", ruleType: UNDELIVERED) { totalCount }
              page: alerts(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
            """);

        Assert.Equal(["halted/chain:902", other.DedupKey, stuck.DedupKey], data.GetProperty("firing").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()));
        Assert.Equal(2, data.GetProperty("critical").GetProperty("totalCount").GetInt32());
        Assert.Equal(2, data.GetProperty("to901").GetProperty("totalCount").GetInt32());
        Assert.Equal("RESOLVED", data.GetProperty("to901").GetProperty("edges")[1].GetProperty("node").GetProperty("state").GetString());
        Assert.Equal(2, data.GetProperty("byRule").GetProperty("totalCount").GetInt32());
        Assert.Equal(2, data.GetProperty("message").GetProperty("totalCount").GetInt32());
        var node = data.GetProperty("chain").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal(("CHAIN_LIVENESS", "CRITICAL", 902L, "WALL_CLOCK", 40.0), (node.GetProperty("ruleType").GetString(), node.GetProperty("severity").GetString(), node.GetProperty("chainId").GetInt64(), node.GetProperty("clock").GetString(), node.GetProperty("observedValue").GetDouble()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, node.GetProperty("sourceChainId").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, node.GetProperty("messageId").ValueKind);

        var page = data.GetProperty("page");
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var next = await api.DataAsync($$"""{ alerts(first: 2, after: "{{page.GetProperty("pageInfo").GetProperty("endCursor").GetString()}}") { edges { node { id } } pageInfo { hasNextPage } } }""");
        Assert.Equal([stuck.DedupKey, delayed.DedupKey], next.GetProperty("alerts").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()));
        Assert.False(next.GetProperty("alerts").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        Assert.Equal("BAD_CURSOR", (await api.SingleErrorAsync("{ alerts(after: \"nope\") { totalCount } }")).GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("BAD_FIRST", (await api.SingleErrorAsync("{ alerts(first: 0) { totalCount } }")).GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AlertChanged_streams_each_matching_change_once()
    {
        var connection = await TestDatabase.CreateAsync(clickHouse, "alertsub");
        using var client = new ClickHouseClient(connection);
        var store = new AlertStore(client);
        await using var api = await ApiHost.StartAsync(connection);
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(api.Address);
        await socket.InitialiseAsync();
        await socket.SendAsync(new
        {
            id = "a", type = "subscribe",
            payload = new { query = "subscription { alertChanged(severity: CRITICAL) { transitionId state previousState changedAt alert { id rule state summary firedAt resolvedAt } } }" },
        });
        await socket.SendAsync(new { type = "ping" });
        await socket.ReceiveAsync("pong");

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stuck = AlertStoreTests.Change("stuck", 1, AlertState.Firing, partition: 0, startedAt: now);
        await store.SaveAsync([AlertStoreTests.Change("delayed", 1, AlertState.Firing, partition: 0, startedAt: now), stuck], Ct);
        await store.SaveAsync([stuck], Ct); // a retried write: recorded and streamed once
        await store.SaveAsync([stuck with { State = AlertState.Resolved, PreviousState = AlertState.Firing, ResolvedAtMs = now + 5, ChangedAtMs = now + 5 }], Ct);

        var first = (await socket.ReceiveAsync("next")).GetProperty("payload").GetProperty("data").GetProperty("alertChanged");
        var second = (await socket.ReceiveAsync("next")).GetProperty("payload").GetProperty("data").GetProperty("alertChanged");
        Assert.Equal((stuck.TransitionId, "FIRING"), (first.GetProperty("transitionId").GetString(), first.GetProperty("state").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("previousState").ValueKind);
        Assert.Equal(("RESOLVED", "FIRING", "RESOLVED"), (second.GetProperty("state").GetString(), second.GetProperty("previousState").GetString(), second.GetProperty("alert").GetProperty("state").GetString()));
        Assert.Equal(stuck.DedupKey, second.GetProperty("alert").GetProperty("id").GetString());

        await Task.Delay(500, Ct);
        await socket.SendAsync(new { id = "a", type = "complete" });
        await socket.SendAsync(new { type = "ping" });
        var afterwards = await socket.ReceiveAsync();
        Assert.Equal("pong", afterwards!.Value.GetProperty("type").GetString()); // nothing else was streamed
        Assert.Equal(0, api.Services.GetRequiredService<AlertChangePoller>().ListenerCount);
    }
}
