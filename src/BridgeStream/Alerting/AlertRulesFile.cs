using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Alerting;
using BridgeStream.Core.Correlation;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BridgeStream.Alerting;

/// <summary>A rules file that cannot be used, with every problem and where it is (line, column).</summary>
public sealed class AlertRulesException(string source, IReadOnlyList<string> errors)
    : Exception($"Alert rules {source} are invalid:\n  - " + string.Join("\n  - ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Reads and validates the alert rules file (YAML; format in infra/alerts/rules.yaml and the README). Strict: unknown
/// keys, wrong types, missing thresholds and duplicate ids are errors, all of them reported at once with their line and
/// column, so that a typo is never silently a rule that does nothing.
/// </summary>
public static partial class AlertRulesFile
{
    public const int MaxMessageRules = 32;

    private static readonly string[] TopKeys = ["version", "evaluationInterval", "l1ChainIds", "rules"];
    private static readonly string[] CommonKeys = ["id", "type", "severity", "description", "for"];
    private static readonly string[] MatchKeys = ["protocols", "excludeProtocols", "sourceChainIds", "destinationChainIds", "excludeSourceChainIds", "excludeDestinationChainIds", "withdrawals", "transports"];
    private static readonly string[] AdaptiveKeys = ["quantile", "factor", "floor", "ceiling", "window", "minSamples", "refresh"];

    private static readonly Dictionary<string, AlertRuleType> Types = new(StringComparer.Ordinal)
    {
        ["undelivered"] = AlertRuleType.Undelivered,
        ["relay-failed"] = AlertRuleType.RelayFailed,
        ["retryable-expiry"] = AlertRuleType.RetryableExpiry,
        ["withdrawal-finalization"] = AlertRuleType.WithdrawalFinalization,
        ["chain-liveness"] = AlertRuleType.ChainLiveness,
        ["finality-stalled"] = AlertRuleType.FinalityStalled,
        ["ingest-lag"] = AlertRuleType.IngestLag,
        ["value-at-risk"] = AlertRuleType.ValueAtRisk,
        ["settlement-stalled"] = AlertRuleType.SettlementStalled,
    };

    private static readonly Dictionary<AlertRuleType, string[]> TypeKeys = new()
    {
        [AlertRuleType.Undelivered] = ["threshold", "adaptive", "match", "statuses"],
        [AlertRuleType.RelayFailed] = ["after", "match", "statuses"],
        [AlertRuleType.RetryableExpiry] = ["before", "match", "statuses"],
        [AlertRuleType.WithdrawalFinalization] = ["after", "match", "statuses"],
        [AlertRuleType.ChainLiveness] = ["threshold", "chainIds"],
        [AlertRuleType.FinalityStalled] = ["threshold", "chainIds"],
        [AlertRuleType.SettlementStalled] = ["threshold", "chainIds"],
        [AlertRuleType.IngestLag] = ["threshold", "blocks", "chainIds"],
        [AlertRuleType.ValueAtRisk] = ["threshold", "asset", "minAge", "interval", "match"],
    };

    private static readonly Dictionary<AlertRuleType, MessageStatus[]> DefaultStatuses = new()
    {
        [AlertRuleType.Undelivered] = [MessageStatus.Sent],
        [AlertRuleType.RelayFailed] = [MessageStatus.Failed, MessageStatus.Arrived],
        [AlertRuleType.RetryableExpiry] = [MessageStatus.Arrived, MessageStatus.Failed],
        [AlertRuleType.WithdrawalFinalization] = [MessageStatus.Sent, MessageStatus.Proven],
    };

    private static readonly Dictionary<string, MessageStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["SENT"] = MessageStatus.Sent,
        ["ARRIVED"] = MessageStatus.Arrived,
        ["PROVEN"] = MessageStatus.Proven,
        ["FAILED"] = MessageStatus.Failed,
        ["RECEIVED_WITHOUT_SEND"] = MessageStatus.ReceivedWithoutSend,
    };

    public static string TypeName(AlertRuleType type) => Types.First(t => t.Value == type).Key;

    public static AlertRuleSet Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlertRulesException(path, [$"cannot read the file: {ex.Message}"]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates; throws <see cref="AlertRulesException"/> listing every problem.</summary>
    public static AlertRuleSet Parse(string text, string source)
    {
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new AlertRulesException(source, [$"{At(ex.Start)}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new AlertRulesException(source, ["line 1: the file must be one YAML mapping with a 'rules' list"]);
        }

        var reader = new Reader(errors);
        reader.OnlyKeys(root, TopKeys, "the file");
        if (reader.Scalar(root, "version") is { } version && version.Value != "1")
        {
            errors.Add($"{At(version)}: 'version' must be 1");
        }

        var interval = reader.Duration(root, "evaluationInterval", "the file") ?? TimeSpan.FromSeconds(15);
        if (interval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{At(root)}: 'evaluationInterval' must be at least 100ms");
        }

        var l1 = reader.ChainIds(root, "l1ChainIds", "the file") ?? new HashSet<ulong>();
        var rules = new List<AlertRule>();
        if (!root.Children.TryGetValue(new YamlScalarNode("rules"), out var rulesNode) || rulesNode is not YamlSequenceNode sequence)
        {
            errors.Add($"{At(root)}: 'rules' must be a list of rules");
        }
        else
        {
            foreach (var node in sequence)
            {
                if (node is not YamlMappingNode mapping)
                {
                    errors.Add($"{At(node)}: each rule must be a mapping (id, type, severity, ...)");
                    continue;
                }

                if (ReadRule(mapping, reader) is { } rule)
                {
                    if (rules.Any(r => r.Id == rule.Id))
                    {
                        errors.Add($"{At(mapping)}: rule id '{rule.Id}' is used twice");
                    }

                    rules.Add(rule);
                }
            }
        }

        if (rules.Count(r => r.IsMessageRule) > MaxMessageRules)
        {
            errors.Add($"at most {MaxMessageRules} message rules (undelivered, relay-failed, retryable-expiry, withdrawal-finalization)");
        }

        if (errors.Count > 0)
        {
            throw new AlertRulesException(source, errors);
        }

        return new AlertRuleSet(interval, l1, rules)
        {
            Source = source,
            Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16],
        };
    }

    private static AlertRule? ReadRule(YamlMappingNode node, Reader r)
    {
        var errorsBefore = r.Errors.Count;
        var id = r.Scalar(node, "id")?.Value;
        if (string.IsNullOrWhiteSpace(id) || !RuleId().IsMatch(id))
        {
            r.Errors.Add($"{At(node)}: every rule needs an 'id' of letters, digits, '-', '_' or '.' (it is part of each alert's dedup key)");
            return null;
        }

        var what = $"rule '{id}'";
        var typeNode = r.Scalar(node, "type");
        if (typeNode is null || !Types.TryGetValue(typeNode.Value ?? "", out var type))
        {
            r.Errors.Add($"{At((YamlNode?)typeNode ?? node)}: {what}: 'type' must be one of {string.Join(", ", Types.Keys)}");
            return null;
        }

        r.OnlyKeys(node, [.. CommonKeys, .. TypeKeys[type]], what);
        var severityNode = r.Scalar(node, "severity");
        var severity = severityNode?.Value switch
        {
            "warning" => AlertSeverity.Warning,
            "critical" => AlertSeverity.Critical,
            _ => (AlertSeverity?)null,
        };
        if (severity is null)
        {
            r.Errors.Add($"{At((YamlNode?)severityNode ?? node)}: {what}: 'severity' must be warning or critical");
        }

        var rule = new AlertRule
        {
            Id = id,
            Type = type,
            Severity = severity ?? AlertSeverity.Warning,
            Description = r.Scalar(node, "description")?.Value ?? "",
            For = r.Duration(node, "for", what) ?? TimeSpan.Zero,
        };
        rule = type switch
        {
            AlertRuleType.Undelivered => rule with
            {
                Threshold = r.RequiredDuration(node, "threshold", what, positive: true),
                Adaptive = r.Adaptive(node, what),
                Match = r.Match(node, what),
                Statuses = r.Statuses(node, what, DefaultStatuses[type]),
            },
            AlertRuleType.RelayFailed or AlertRuleType.WithdrawalFinalization => rule with
            {
                After = r.Duration(node, "after", what) ?? TimeSpan.Zero,
                Match = r.Match(node, what),
                Statuses = r.Statuses(node, what, DefaultStatuses[type]),
            },
            AlertRuleType.RetryableExpiry => rule with
            {
                Before = r.RequiredDuration(node, "before", what, positive: false) ?? TimeSpan.Zero,
                Match = r.Match(node, what),
                Statuses = r.Statuses(node, what, DefaultStatuses[type]),
            },
            AlertRuleType.ChainLiveness or AlertRuleType.FinalityStalled or AlertRuleType.SettlementStalled => rule with
            {
                Threshold = r.RequiredDuration(node, "threshold", what, positive: true),
                ChainIds = r.ChainIds(node, "chainIds", what),
            },
            AlertRuleType.IngestLag => rule with
            {
                Threshold = r.Duration(node, "threshold", what),
                Blocks = r.Count(node, "blocks", what),
                ChainIds = r.ChainIds(node, "chainIds", what),
            },
            _ => rule with
            {
                ThresholdAmount = r.Amount(node, "threshold", what),
                Asset = r.Asset(node, what),
                MinAge = r.Duration(node, "minAge", what) ?? TimeSpan.Zero,
                Interval = r.Duration(node, "interval", what) ?? TimeSpan.FromMinutes(1),
                Match = r.Match(node, what),
            },
        };
        if (type == AlertRuleType.IngestLag && rule.Threshold is null && rule.Blocks is null)
        {
            r.Errors.Add($"{At(node)}: {what}: an ingest-lag rule needs 'threshold' (a duration of chain time) or 'blocks'");
        }

        if (type == AlertRuleType.ValueAtRisk && rule.Interval < TimeSpan.FromMilliseconds(100))
        {
            r.Errors.Add($"{At(node)}: {what}: 'interval' must be at least 100ms");
        }

        return r.Errors.Count == errorsBefore ? rule : null;
    }

    private static string At(YamlNode node) => At(node.Start);

    private static string At(Mark mark) => string.Create(CultureInfo.InvariantCulture, $"line {mark.Line}, column {mark.Column}");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|h|d)?$")]
    private static partial Regex DurationText();

    /// <summary>Typed reads of one mapping's values; each problem is added to <see cref="Errors"/> with its position.</summary>
    private sealed class Reader(List<string> errors)
    {
        public List<string> Errors { get; } = errors;

        public void OnlyKeys(YamlMappingNode node, IReadOnlyCollection<string> allowed, string what)
        {
            foreach (var key in node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Errors.Add($"{At(key)}: {what}: unknown key '{name}' (expected one of {string.Join(", ", allowed)})");
                }
            }
        }

        public YamlScalarNode? Scalar(YamlMappingNode node, string key)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                return null;
            }

            if (value is YamlScalarNode scalar)
            {
                return scalar;
            }

            Errors.Add($"{At(value)}: '{key}' must be a single value");
            return null;
        }

        public TimeSpan? Duration(YamlMappingNode node, string key, string what)
        {
            if (Scalar(node, key) is not { } scalar)
            {
                return null;
            }

            var match = DurationText().Match(scalar.Value ?? "");
            if (!match.Success)
            {
                Errors.Add($"{At(scalar)}: {what}: '{key}' must be a duration like 500ms, 30s, 10m, 2h or 7d (a bare number is seconds); got '{scalar.Value}'");
                return null;
            }

            var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            return match.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }

        public TimeSpan? RequiredDuration(YamlMappingNode node, string key, string what, bool positive)
        {
            var value = Duration(node, key, what);
            if (value is null && Scalar(node, key) is null)
            {
                Errors.Add($"{At(node)}: {what}: '{key}' is required");
            }
            else if (positive && value is { } v && v <= TimeSpan.Zero)
            {
                Errors.Add($"{At(node)}: {what}: '{key}' must be more than 0");
            }

            return value;
        }

        public long? Count(YamlMappingNode node, string key, string what)
        {
            if (Scalar(node, key) is not { } scalar)
            {
                return null;
            }

            if (long.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            Errors.Add($"{At(scalar)}: {what}: '{key}' must be a whole number above 0; got '{scalar.Value}'");
            return null;
        }

        public BigInteger? Amount(YamlMappingNode node, string key, string what)
        {
            if (Scalar(node, key) is not { } scalar)
            {
                Errors.Add($"{At(node)}: {what}: '{key}' is required (an amount in the asset's smallest unit, e.g. \"100000000000000000000\" for 100 ETH)");
                return null;
            }

            var text = (scalar.Value ?? "").Replace("_", "", StringComparison.Ordinal);
            if (BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Errors.Add($"{At(scalar)}: {what}: '{key}' must be a whole number in the asset's smallest unit (wei); got '{scalar.Value}'");
            return null;
        }

        public Address? Asset(YamlMappingNode node, string what)
        {
            if (Scalar(node, "asset") is not { } scalar || scalar.Value == "native")
            {
                return null;
            }

            if (Address.TryParse(scalar.Value, out var address))
            {
                return address;
            }

            Errors.Add($"{At(scalar)}: {what}: 'asset' must be 'native' or a token address (0x + 40 hex digits); got '{scalar.Value}'");
            return null;
        }

        public IReadOnlySet<ulong>? ChainIds(YamlMappingNode node, string key, string what) =>
            List<ulong>(node, key, what, text => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null, "chain ids");

        public IReadOnlySet<MessageStatus> Statuses(YamlMappingNode node, string what, MessageStatus[] defaults) =>
            List<MessageStatus>(node, "statuses", what, text => AlertRulesFile.Statuses.TryGetValue(text, out var s) ? s : null, $"statuses ({string.Join(", ", AlertRulesFile.Statuses.Keys)})")
            ?? defaults.ToHashSet();

        public AdaptiveThreshold? Adaptive(YamlMappingNode node, string what)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode("adaptive"), out var value))
            {
                return null;
            }

            if (value is not YamlMappingNode adaptive)
            {
                Errors.Add($"{At(value)}: {what}: 'adaptive' must be a mapping ({string.Join(", ", AdaptiveKeys)})");
                return null;
            }

            var inner = $"{what}, adaptive";
            OnlyKeys(adaptive, AdaptiveKeys, inner);
            var quantile = Number(adaptive, "quantile", inner) ?? 0.99;
            var factor = Number(adaptive, "factor", inner) ?? 2;
            if (quantile is <= 0 or > 1)
            {
                Errors.Add($"{At(adaptive)}: {inner}: 'quantile' must be in (0, 1], e.g. 0.99");
            }

            if (factor <= 0)
            {
                Errors.Add($"{At(adaptive)}: {inner}: 'factor' must be more than 0");
            }

            var floor = RequiredDuration(adaptive, "floor", inner, positive: true) ?? TimeSpan.Zero;
            var samples = Count(adaptive, "minSamples", inner) ?? 20;
            return new AdaptiveThreshold(quantile, factor, floor, Duration(adaptive, "window", inner) ?? TimeSpan.FromDays(7), (int)Math.Min(samples, int.MaxValue),
                Duration(adaptive, "refresh", inner) ?? TimeSpan.FromMinutes(5), Duration(adaptive, "ceiling", inner));
        }

        public MessageMatch Match(YamlMappingNode node, string what)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode("match"), out var value))
            {
                return MessageMatch.All;
            }

            if (value is not YamlMappingNode match)
            {
                Errors.Add($"{At(value)}: {what}: 'match' must be a mapping ({string.Join(", ", MatchKeys)})");
                return MessageMatch.All;
            }

            var inner = $"{what}, match";
            OnlyKeys(match, MatchKeys, inner);
            var withdrawals = Scalar(match, "withdrawals");
            var scope = withdrawals?.Value switch
            {
                null => WithdrawalScope.Include,
                "include" => WithdrawalScope.Include,
                "exclude" => WithdrawalScope.Exclude,
                "only" => WithdrawalScope.Only,
                _ => (WithdrawalScope?)null,
            };
            if (scope is null)
            {
                Errors.Add($"{At(withdrawals!)}: {inner}: 'withdrawals' must be include, exclude or only");
            }

            var transports = Scalar(match, "transports");
            var transportScope = transports?.Value switch
            {
                null => TransportScope.Exclude,
                "include" => TransportScope.Include,
                "exclude" => TransportScope.Exclude,
                _ => (TransportScope?)null,
            };
            if (transportScope is null)
            {
                Errors.Add($"{At(transports!)}: {inner}: 'transports' must be include or exclude");
            }

            return new MessageMatch
            {
                Protocols = Protocols(match, "protocols", inner),
                ExcludeProtocols = Protocols(match, "excludeProtocols", inner),
                SourceChainIds = ChainIds(match, "sourceChainIds", inner),
                DestinationChainIds = ChainIds(match, "destinationChainIds", inner),
                ExcludeSourceChainIds = ChainIds(match, "excludeSourceChainIds", inner),
                ExcludeDestinationChainIds = ChainIds(match, "excludeDestinationChainIds", inner),
                Withdrawals = scope ?? WithdrawalScope.Include,
                Transports = transportScope ?? TransportScope.Exclude,
            };
        }

        private HashSet<Protocol>? Protocols(YamlMappingNode node, string key, string what) =>
            List<Protocol>(node, key, what, text => ClickHouseRows.ParseProtocol(text) is var p && p != Protocol.Unspecified ? p : null,
                $"protocols ({string.Join(", ", Enum.GetValues<Protocol>().Where(p => p != Protocol.Unspecified).Select(ClickHouseRows.ProtocolName))})");

        private double? Number(YamlMappingNode node, string key, string what)
        {
            if (Scalar(node, key) is not { } scalar)
            {
                return null;
            }

            if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            Errors.Add($"{At(scalar)}: {what}: '{key}' must be a number; got '{scalar.Value}'");
            return null;
        }

        private HashSet<T>? List<T>(YamlMappingNode node, string key, string what, Func<string, T?> parse, string expected)
            where T : struct
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                return null;
            }

            if (value is not YamlSequenceNode sequence)
            {
                Errors.Add($"{At(value)}: {what}: '{key}' must be a list, e.g. [a, b]");
                return null;
            }

            var set = new HashSet<T>();
            foreach (var item in sequence)
            {
                if (item is YamlScalarNode { Value: { } text } && parse(text) is { } parsed)
                {
                    set.Add(parsed);
                }
                else
                {
                    Errors.Add($"{At(item)}: {what}: '{key}' holds '{(item as YamlScalarNode)?.Value}', which is not one of the {expected}");
                }
            }

            return set;
        }
    }
}
