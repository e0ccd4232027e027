using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Events;
using BridgeStream.Kafka;
using Confluent.Kafka;
using Google.Protobuf;
using V1 = BridgeStream.Schemas.V1;

namespace BridgeStream.Alerting;

/// <summary>Where alert changes go. A sink's failure is retried by the dispatcher and never reaches the engine.</summary>
public interface IAlertSink : IDisposable
{
    /// <summary>Names the sink in alert_deliveries and metrics.</summary>
    string Name { get; }

    int MaxBatch { get; }

    /// <summary>Alertmanager forgets alerts it stops hearing about; such a sink gets firing alerts again this often.</summary>
    TimeSpan? ResendInterval { get; }

    bool Wants(AlertChange change);

    /// <summary>Delivers the batch or throws <see cref="AlertDeliveryException"/>.</summary>
    Task SendAsync(IReadOnlyList<AlertChange> batch, bool resend, CancellationToken ct);

    /// <summary>Attempts per batch, first included.</summary>
    int MaxAttempts { get; }

    /// <summary>The pause before attempt <paramref name="attempt"/> (2 = the first retry): exponential with full jitter.</summary>
    TimeSpan Backoff(int attempt);
}

/// <summary>A failed delivery: whether trying again can help, and when the receiver asked to be tried again.</summary>
public sealed class AlertDeliveryException(string message, bool retryable, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The Kafka alerts topic: one record per change, keyed by the dedup key (schemas/kafka/alerts.proto).</summary>
public sealed class KafkaAlertSink : IAlertSink
{
    public const string SinkName = "kafka";

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;

    public KafkaAlertSink(KafkaOptions options)
    {
        _topic = options.AlertsTopic;
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(options, "bridgestream-alerts")).Build();
    }

    public string Name => SinkName;

    public int MaxBatch => 500;

    public int MaxAttempts => int.MaxValue;

    public TimeSpan? ResendInterval => null;

    public bool Wants(AlertChange change) => true;

    public TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(30_000, 200 * Math.Pow(2, Math.Min(attempt, 20))));

    public async Task SendAsync(IReadOnlyList<AlertChange> batch, bool resend, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(batch.Select(c => _producer.ProduceAsync(_topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(c.DedupKey), Value = Encode(c).ToByteArray() }, ct))).ConfigureAwait(false);
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            throw new AlertDeliveryException($"Kafka refused an alert record: {ex.Error.Reason}", retryable: true, inner: ex);
        }
        catch (KafkaException ex)
        {
            throw new AlertDeliveryException($"Kafka: {ex.Error.Reason}", retryable: true, inner: ex);
        }
    }

    public static V1.AlertChange Encode(AlertChange c)
    {
        var record = new V1.AlertChange
        {
            TransitionId = c.TransitionId,
            DedupKey = c.DedupKey,
            State = (V1.AlertState)(int)c.State,
            PreviousState = c.PreviousState is { } p ? (V1.AlertState)(int)p : V1.AlertState.Unspecified,
            RuleId = c.RuleId,
            RuleType = AlertRows.RuleTypeName(c.RuleType),
            Severity = (V1.AlertSeverity)(int)c.Severity,
            Summary = c.Summary,
            Subject = c.Subject.Key,
            Protocol = c.Subject.Protocol == Protocol.Unspecified ? "" : ClickHouseRows.ProtocolName(c.Subject.Protocol),
            SourceChainId = c.Subject.SourceChainId,
            DestinationChainId = c.Subject.DestinationChainId,
            ChainId = c.Subject.ChainId,
            ObservedValue = c.ObservedValue,
            Threshold = c.Threshold,
            Unit = c.Unit,
            Clock = AlertRows.ClockName(c.Clock),
            StartedAtUnixMillis = c.StartedAtMs,
            FiredAtUnixMillis = c.FiredAtMs ?? 0,
            ResolvedAtUnixMillis = c.ResolvedAtMs ?? 0,
            ChangedAtUnixMillis = c.ChangedAtMs,
            KafkaPartition = c.Partition,
        };
        if (!c.Subject.MessageId.IsZero)
        {
            record.MessageId = BridgeEventCodec.Bytes(c.Subject.MessageId);
        }

        if (c.Subject.Asset is { } asset)
        {
            record.Asset = BridgeEventCodec.Bytes(asset);
        }

        return record;
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}

/// <summary>A webhook in one of three formats (<see cref="WebhookFormat"/>), POSTed with retries and backoff.</summary>
public sealed class WebhookSink : IAlertSink
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _url;

    public WebhookSink(WebhookOptions options)
    {
        _options = options;
        _url = new Uri(options.Url);
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    }

    public string Name => _options.Name;

    public int MaxBatch => _options.MaxBatch;

    public int MaxAttempts => _options.MaxAttempts;

    public TimeSpan? ResendInterval =>
        _options.Format == WebhookFormat.Alertmanager && _options.ResendIntervalSeconds > 0 ? TimeSpan.FromSeconds(_options.ResendIntervalSeconds) : null;

    public bool Wants(AlertChange change) =>
        change.Severity >= _options.MinSeverity
        && change.State switch
        {
            AlertState.Pending => _options.NotifyPending && _options.Format != WebhookFormat.Alertmanager,
            AlertState.Resolved => change.FiredAtMs is not null || (_options.NotifyPending && _options.Format != WebhookFormat.Alertmanager),
            _ => true,
        };

    public TimeSpan Backoff(int attempt)
    {
        var cap = Math.Min(_options.MaxBackoffMillis, _options.InitialBackoffMillis * Math.Pow(2, Math.Min(attempt - 2, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    public async Task SendAsync(IReadOnlyList<AlertChange> batch, bool resend, CancellationToken ct)
    {
        var body = WebhookPayloads.Build(_options, batch, resend, DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", WebhookPayloads.BatchId(batch));
        foreach (var (name, value) in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AlertDeliveryException($"webhook {Name} unreachable: {ex.Message}", retryable: true, inner: ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"webhook {Name} did not answer within {_options.TimeoutSeconds} s", retryable: true, inner: ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            var retryable = status is 408 or 425 or 429 or >= 500;
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            throw new AlertDeliveryException($"webhook {Name} answered HTTP {status} {response.ReasonPhrase}", retryable, retryAfter);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The request bodies of the three webhook formats.</summary>
public static class WebhookPayloads
{
    public static string Build(WebhookOptions options, IReadOnlyList<AlertChange> batch, bool resend, DateTimeOffset now) => options.Format switch
    {
        WebhookFormat.Slack => Slack(batch),
        WebhookFormat.Alertmanager => Alertmanager(batch, options, now),
        _ => Json(options.Name, batch, resend),
    };

    /// <summary>A stable id of a batch (the same changes give the same id), sent as the Idempotency-Key header.</summary>
    public static string BatchId(IReadOnlyList<AlertChange> batch) =>
        batch.Count == 1 ? batch[0].TransitionId
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", batch.Select(c => c.TransitionId)))))[..32];

    private static string Json(string receiver, IReadOnlyList<AlertChange> batch, bool resend)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("receiver", receiver);
            w.WriteString("source", "bridgestream");
            w.WriteNumber("version", 1);
            w.WriteBoolean("resend", resend);
            w.WriteStartArray("changes");
            foreach (var c in batch)
            {
                w.WriteStartObject();
                w.WriteString("transitionId", c.TransitionId);
                w.WriteString("dedupKey", c.DedupKey);
                w.WriteString("state", AlertRows.StateName(c.State));
                if (c.PreviousState is { } previous)
                {
                    w.WriteString("previousState", AlertRows.StateName(previous));
                }
                else
                {
                    w.WriteNull("previousState");
                }

                w.WriteString("rule", c.RuleId);
                w.WriteString("ruleType", AlertRows.RuleTypeName(c.RuleType));
                w.WriteString("severity", AlertRows.SeverityName(c.Severity));
                w.WriteString("summary", c.Summary);
                w.WriteString("subject", c.Subject.Key);
                WriteLabels(w, "labels", c);
                w.WriteNumber("observedValue", double.IsFinite(c.ObservedValue) ? c.ObservedValue : 0);
                w.WriteNumber("threshold", double.IsFinite(c.Threshold) ? c.Threshold : 0);
                w.WriteString("unit", c.Unit);
                w.WriteString("clock", AlertRows.ClockName(c.Clock));
                WriteTime(w, "startedAt", c.StartedAtMs);
                WriteTime(w, "firedAt", c.FiredAtMs);
                WriteTime(w, "resolvedAt", c.ResolvedAtMs);
                WriteTime(w, "changedAt", c.ChangedAtMs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Slack(IReadOnlyList<AlertChange> batch)
    {
        var text = new StringBuilder();
        foreach (var c in batch)
        {
            var icon = c.State switch
            {
                AlertState.Resolved => ":white_check_mark:",
                AlertState.Pending => ":hourglass_flowing_sand:",
                _ => c.Severity == AlertSeverity.Critical ? ":rotating_light:" : ":warning:",
            };
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(CultureInfo.InvariantCulture, $"{icon} *{AlertRows.StateName(c.State)}* [{c.Severity.ToString().ToLowerInvariant()}] `{c.RuleId}`: {Escape(c.Summary)}");
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("text", text.ToString());
            w.WriteBoolean("mrkdwn", true);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Alertmanager's POST /api/v2/alerts: labels identify the alert, endsAt in the past resolves it; a firing alert carries
    // an endsAt a few resend intervals ahead (as Prometheus does), after which Alertmanager resolves it if it stops hearing.
    private static string Alertmanager(IReadOnlyList<AlertChange> batch, WebhookOptions options, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var c in batch)
            {
                w.WriteStartObject();
                WriteLabels(w, "labels", c);
                w.WriteStartObject("annotations");
                w.WriteString("summary", c.Summary);
                w.WriteString("transition_id", c.TransitionId);
                w.WriteEndObject();
                WriteTime(w, "startsAt", c.FiredAtMs ?? c.StartedAtMs);
                var validFor = TimeSpan.FromSeconds(Math.Max(60, options.ResendIntervalSeconds) * 4);
                WriteTime(w, "endsAt", c.State == AlertState.Resolved ? c.ResolvedAtMs ?? c.ChangedAtMs : (now + validFor).ToUnixTimeMilliseconds());
                w.WriteString("generatorURL", "bridgestream://alerts/" + Uri.EscapeDataString(c.DedupKey));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteLabels(Utf8JsonWriter w, string name, AlertChange c)
    {
        w.WriteStartObject(name);
        w.WriteString("alertname", c.RuleId);
        w.WriteString("severity", c.Severity.ToString().ToLowerInvariant());
        w.WriteString("rule_type", AlertRows.RuleTypeName(c.RuleType));
        w.WriteString("dedup_key", c.DedupKey);
        w.WriteString("subject", c.Subject.Key);
        if (!c.Subject.MessageId.IsZero)
        {
            w.WriteString("message_id", c.Subject.MessageId.ToString());
            w.WriteString("protocol", ClickHouseRows.ProtocolName(c.Subject.Protocol));
        }

        if (c.Subject.Kind != AlertSubjectKind.Chain)
        {
            w.WriteString("source_chain_id", c.Subject.SourceChainId.ToString(CultureInfo.InvariantCulture));
            w.WriteString("destination_chain_id", c.Subject.DestinationChainId.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteString("chain_id", c.Subject.ChainId.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, long? ms)
    {
        if (ms is { } value)
        {
            w.WriteString(name, DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
