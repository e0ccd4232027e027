using System.ComponentModel.DataAnnotations;
using BridgeStream.Embedded;

namespace BridgeStream.Alerting;

/// <summary>The "Alerting" configuration section: where the rules are, how the engine hands over, where alerts go.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary>Run the alerting inside `process` (and `up`).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The rules file (YAML); a relative path is taken from the repository root (BRIDGESTREAM_HOME).</summary>
    [Required]
    public string RulesPath { get; set; } = "infra/alerts/rules.yaml";

    /// <summary>How often the rules file is checked for changes.</summary>
    [Range(50, 600_000)]
    public int RulesPollMillis { get; set; } = 1000;

    /// <summary>How often pending message changes are recorded and notified (full sweeps follow the rules' evaluation interval).</summary>
    [Range(10, 10_000)]
    public int TickMillis { get; set; } = 200;

    /// <summary>
    /// After a partition is assigned, how long an idle consumer is not yet taken as "caught up" on it (its first fetch may
    /// still be under way). Records applied from the partition count at once.
    /// </summary>
    [Range(0, 600_000)]
    public int AssignmentGraceMillis { get; set; } = 5000;

    /// <summary>An idle consumer has seen everything Kafka acknowledged up to this long before (fetch latency).</summary>
    [Range(0, 60_000)]
    public int ConsumerSlackMillis { get; set; } = 500;

    /// <summary>Allowed difference between the ingestors' clocks (record timestamps, checkpoints) and this process's.</summary>
    [Range(0, 600_000)]
    public int ClockSkewMillis { get; set; } = 1000;

    /// <summary>After taking over a partition, wait this long before re-sending what its previous owner recorded but did not deliver.</summary>
    [Range(0, 3_600_000)]
    public int RedeliveryDelayMillis { get; set; } = 15_000;

    /// <summary>Changes recorded longer ago than this are not re-sent after a takeover.</summary>
    [Range(1, 24 * 365)]
    public int RedeliverWithinHours { get; set; } = 24;

    /// <summary>Produce every change to Kafka (Kafka:AlertsTopic).</summary>
    public bool PublishToKafka { get; set; } = true;

    public List<WebhookOptions> Webhooks { get; set; } = [];

    public string ResolveRulesPath() => Path.IsPathRooted(RulesPath) ? RulesPath : Path.Combine(EmbeddedTools.RepositoryRoot, RulesPath);

    public IEnumerable<string> Validate()
    {
        foreach (var hook in Webhooks)
        {
            if (string.IsNullOrWhiteSpace(hook.Name) || hook.Name == KafkaAlertSink.SinkName)
            {
                yield return $"Alerting:Webhooks: every webhook needs a Name (not '{KafkaAlertSink.SinkName}')";
            }

            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return $"Alerting:Webhooks '{hook.Name}': Url '{hook.Url}' is not an absolute http(s) URL";
            }

            if (hook.MaxAttempts < 1 || hook.TimeoutSeconds < 1 || hook.MaxBatch < 1 || hook.InitialBackoffMillis < 1 || hook.MaxBackoffMillis < hook.InitialBackoffMillis)
            {
                yield return $"Alerting:Webhooks '{hook.Name}': MaxAttempts, TimeoutSeconds, MaxBatch and InitialBackoffMillis must be at least 1, MaxBackoffMillis at least InitialBackoffMillis";
            }
        }

        foreach (var name in Webhooks.GroupBy(h => h.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"Alerting:Webhooks: the name '{name}' is used twice";
        }
    }
}

public enum WebhookFormat
{
    /// <summary>BridgeStream's own JSON: {"receiver", "source", "changes": [...]}.</summary>
    Json = 0,

    /// <summary>A Slack incoming-webhook message ({"text": ...}); Mattermost and others accept it too.</summary>
    Slack = 1,

    /// <summary>Prometheus Alertmanager's API (POST /api/v2/alerts): a list of alerts with labels, annotations, startsAt, endsAt.</summary>
    Alertmanager = 2,
}

/// <summary>One webhook: where, in which format, which alerts, and how hard to try.</summary>
public sealed class WebhookOptions
{
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public WebhookFormat Format { get; set; }

    /// <summary>Only alerts of this severity or above.</summary>
    public Core.Alerting.AlertSeverity MinSeverity { get; set; } = Core.Alerting.AlertSeverity.Warning;

    /// <summary>Also notify PENDING (never for Alertmanager, which has no such state). Resolutions of alerts that never fired are never sent.</summary>
    public bool NotifyPending { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per batch (first try included) before it is given up (logged, counted; still recorded in ClickHouse).</summary>
    public int MaxAttempts { get; set; } = 12;

    public int InitialBackoffMillis { get; set; } = 500;

    public int MaxBackoffMillis { get; set; } = 60_000;

    /// <summary>Changes per request (Slack: lines of one message; JSON and Alertmanager: list entries).</summary>
    public int MaxBatch { get; set; } = 50;

    /// <summary>Alertmanager: re-send firing alerts this often (Alertmanager resolves alerts it stops hearing about); 0: never.</summary>
    public int ResendIntervalSeconds { get; set; } = 60;

    /// <summary>Extra request headers (e.g. Authorization).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];
}
