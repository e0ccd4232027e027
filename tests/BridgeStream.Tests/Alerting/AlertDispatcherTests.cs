using System.Text.Json;
using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Alerting;

/// <summary>Webhooks through the real dispatcher to a real local HTTP receiver: formats, retries, backoff, isolation.</summary>
public sealed class AlertDispatcherTests(EmbeddedClickHouseFixture clickHouse)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Disposing_twice_is_harmless_the_engine_and_the_container_both_dispose_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "dispatch_dispose"));
        var dispatcher = Dispatcher(client, Hook("once", receiver));
        dispatcher.Start();

        await dispatcher.DisposeAsync();
        await dispatcher.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_with_backoff_until_it_takes_the_change_once_and_the_delivery_is_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "dispatch"));
        receiver.Fail("flaky", 503, times: 3);
        receiver.Fail("throttled", 429, times: 1, retryAfterSeconds: 1);
        await using var dispatcher = Dispatcher(client, Hook("flaky", receiver), Hook("throttled", receiver));
        dispatcher.Start();
        var change = AlertStoreTests.Change("stuck", 1, AlertState.Firing, partition: 0, startedAt: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        dispatcher.Enqueue([change]);

        await WaitAsync(async () => await Delivered(client, "flaky") == 1 && await Delivered(client, "throttled") == 1, "both deliveries recorded");
        var flaky = receiver.CallsTo("flaky");
        Assert.Equal([503, 503, 503, 200], flaky.Select(c => c.Status));
        Assert.All(flaky, c => Assert.Equal(change.TransitionId, c.IdempotencyKey));
        var throttled = receiver.CallsTo("throttled");
        Assert.Equal([429, 200], throttled.Select(c => c.Status));
        Assert.True(throttled[1].At - throttled[0].At >= TimeSpan.FromSeconds(0.9), "Retry-After was honoured");
        var accepted = Assert.Single(receiver.AcceptedChanges("flaky"));
        Assert.Equal((change.TransitionId, "FIRING", "CRITICAL", "stuck"), (accepted.GetProperty("transitionId").GetString(), accepted.GetProperty("state").GetString(), accepted.GetProperty("severity").GetString(), accepted.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task A_webhook_that_hangs_or_refuses_never_holds_up_another()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "isolation"));
        receiver.Hang("dead");
        receiver.Fail("refusing", 400, times: int.MaxValue);
        await using var dispatcher = Dispatcher(client, Hook("dead", receiver), Hook("refusing", receiver), Hook("good", receiver));
        dispatcher.Start();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        for (ulong i = 0; i < 20; i++)
        {
            dispatcher.Enqueue([AlertStoreTests.Change("stuck", i, AlertState.Firing, partition: 0, startedAt: now)]);
        }

        await WaitAsync(async () => await Delivered(client, "good") == 20, "the good webhook to take all 20");
        Assert.Equal(20, receiver.AcceptedChanges("good").Count);
        Assert.Single(receiver.CallsTo("refusing").Take(1)); // a 4xx is final: no retries of that batch
        Assert.Equal(0, await Delivered(client, "dead"));
        Assert.Equal(0, await Delivered(client, "refusing"));
    }

    [Fact]
    public async Task Queued_changes_of_a_partition_handed_over_are_dropped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new ClickHouseClient(await TestDatabase.CreateAsync(clickHouse, "forget"));
        receiver.Fail("slow", 503, times: 1, retryAfterSeconds: 2);
        await using var dispatcher = Dispatcher(client, Hook("slow", receiver));
        dispatcher.Start();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        dispatcher.Enqueue([AlertStoreTests.Change("stuck", 1, AlertState.Firing, partition: 5, startedAt: now)]);
        await WaitAsync(() => Task.FromResult(receiver.CallsTo("slow").Count >= 1), "the first attempt");

        dispatcher.Forget([5]); // revoked while waiting to retry: the next owner sends it
        dispatcher.Enqueue([AlertStoreTests.Change("stuck", 2, AlertState.Firing, partition: 6, startedAt: now)]);

        await WaitAsync(async () => await Delivered(client, "slow") == 1, "partition 6's change");
        Assert.DoesNotContain(receiver.AcceptedChanges("slow"), c => c.GetProperty("dedupKey").GetString()!.EndsWith("0000000000000001", StringComparison.Ordinal));
        Assert.Equal([503, 200], receiver.CallsTo("slow").Select(c => c.Status));
    }

    [Fact]
    public void The_payload_formats_are_generic_JSON_Slack_and_Alertmanager()
    {
        var firing = AlertStoreTests.Change("stuck", 7, AlertState.Firing, partition: 0, startedAt: 1_800_000_000_000);
        var resolved = firing with { State = AlertState.Resolved, PreviousState = AlertState.Firing, ResolvedAtMs = 1_800_000_060_000, ChangedAtMs = 1_800_000_060_000 };
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_030_000);

        using var json = JsonDocument.Parse(WebhookPayloads.Build(new WebhookOptions { Name = "ops" }, [firing, resolved], false, now));
        Assert.Equal("ops", json.RootElement.GetProperty("receiver").GetString());
        var changes = json.RootElement.GetProperty("changes");
        Assert.Equal(("FIRING", "RESOLVED"), (changes[0].GetProperty("state").GetString(), changes[1].GetProperty("state").GetString()));
        Assert.Equal("2027-01-15T08:01:00.000Z", changes[1].GetProperty("resolvedAt").GetString());
        Assert.Equal(firing.Subject.MessageId.ToString(), changes[0].GetProperty("labels").GetProperty("message_id").GetString());

        using var slack = JsonDocument.Parse(WebhookPayloads.Build(new WebhookOptions { Format = WebhookFormat.Slack }, [firing, resolved], false, now));
        var text = slack.RootElement.GetProperty("text").GetString()!.Split('\n');
        Assert.StartsWith(":rotating_light: *FIRING* [critical] `stuck`: message 7", text[0], StringComparison.Ordinal);
        Assert.StartsWith(":white_check_mark: *RESOLVED*", text[1], StringComparison.Ordinal);

        using var am = JsonDocument.Parse(WebhookPayloads.Build(new WebhookOptions { Format = WebhookFormat.Alertmanager, ResendIntervalSeconds = 60 }, [firing, resolved], false, now));
        Assert.Equal(JsonValueKind.Array, am.RootElement.ValueKind);
        var (active, ended) = (am.RootElement[0], am.RootElement[1]);
        Assert.Equal(("stuck", "critical"), (active.GetProperty("labels").GetProperty("alertname").GetString(), active.GetProperty("labels").GetProperty("severity").GetString()));
        Assert.Equal("2027-01-15T08:00:00.000Z", active.GetProperty("startsAt").GetString());
        Assert.Equal("2027-01-15T08:04:30.000Z", active.GetProperty("endsAt").GetString()); // now + 4 resend intervals
        Assert.Equal("2027-01-15T08:01:00.000Z", ended.GetProperty("endsAt").GetString());
        Assert.Equal(firing.Summary, ended.GetProperty("annotations").GetProperty("summary").GetString());
    }

    [Fact]
    public void Sinks_take_what_they_asked_for()
    {
        var pending = AlertStoreTests.Change("delayed", 1, AlertState.Pending, partition: 0, startedAt: 1000);
        var resolvedUnfired = pending with { State = AlertState.Resolved, PreviousState = AlertState.Pending };
        var warning = AlertStoreTests.Change("delayed", 2, AlertState.Firing, partition: 0, startedAt: 1000);
        var critical = AlertStoreTests.Change("stuck", 3, AlertState.Firing, partition: 0, startedAt: 1000);
        using var plain = new WebhookSink(new WebhookOptions { Name = "a", Url = "http://127.0.0.1:9/" });
        using var pagerOnly = new WebhookSink(new WebhookOptions { Name = "b", Url = "http://127.0.0.1:9/", MinSeverity = AlertSeverity.Critical });
        using var withPending = new WebhookSink(new WebhookOptions { Name = "c", Url = "http://127.0.0.1:9/", NotifyPending = true });

        Assert.Equal([false, false, true, true], new[] { pending, resolvedUnfired, warning, critical }.Select(plain.Wants));
        Assert.Equal([false, false, false, true], new[] { pending, resolvedUnfired, warning, critical }.Select(pagerOnly.Wants));
        Assert.Equal([true, true, true, true], new[] { pending, resolvedUnfired, warning, critical }.Select(withPending.Wants));
    }

    private static WebhookSink Hook(string name, WebhookReceiver receiver, int backoffMillis = 50) => new(new WebhookOptions
    {
        Name = name, Url = receiver.Url(name), TimeoutSeconds = 2, InitialBackoffMillis = backoffMillis, MaxBackoffMillis = backoffMillis * 4, MaxAttempts = 6,
    });

    private static AlertDispatcher Dispatcher(ClickHouseClient client, params IAlertSink[] sinks) =>
        new(sinks, new AlertStore(client), new AlertMetrics(), NullLogger<AlertDispatcher>.Instance);

    private static async Task<long> Delivered(ClickHouseClient client, string sink) =>
        Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM alert_deliveries FINAL WHERE sink = '{sink}'", null, null, Ct));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50, Ct);
        }
    }
}
