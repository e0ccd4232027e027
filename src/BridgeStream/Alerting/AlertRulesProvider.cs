using BridgeStream.Core.Alerting;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Alerting;

/// <summary>
/// The rules in force, from the rules file. Loaded at start (an invalid file stops the process with every problem
/// listed), then re-read whenever its content changes: a valid file replaces the rules without a restart; an invalid one
/// is refused with its errors logged and shown in /healthz and the metrics, and the rules in force stay.
/// </summary>
public sealed class AlertRulesProvider : IDisposable
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly AlertMetrics _metrics;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private string _lastContent;
    private AlertRuleSet _current;

    public AlertRulesProvider(string path, TimeSpan poll, AlertMetrics metrics, ILogger<AlertRulesProvider> logger)
    {
        _path = path;
        _logger = logger;
        _metrics = metrics;
        _lastContent = ReadOrThrow(path);
        _current = AlertRulesFile.Parse(_lastContent, path);
        LoadedAt = DateTimeOffset.UtcNow;
        _metrics.Reload(applied: true);
        _logger.LogInformation("Alert rules loaded from {Path}: {Count} rules, evaluation every {Interval} (checksum {Checksum})", path, _current.Rules.Count, _current.EvaluationInterval, _current.Checksum);
        _timer = new Timer(_ => CheckNow(), null, poll, poll);
    }

    public AlertRuleSet Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>The problems of the file on disk when it was last refused; null while the file in force is the one on disk.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>Raised (on a timer thread) with the new rules after a valid change.</summary>
    public event Action<AlertRuleSet>? Changed;

    /// <summary>Re-reads the file; true when it changed and its rules are now in force.</summary>
    public bool CheckNow()
    {
        AlertRuleSet? next;
        lock (_gate)
        {
            string content;
            try
            {
                content = File.ReadAllText(_path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Refuse(_path, $"cannot read the file: {ex.Message}");
                return false;
            }

            if (content == _lastContent)
            {
                return false;
            }

            _lastContent = content;
            try
            {
                next = AlertRulesFile.Parse(content, _path);
            }
            catch (AlertRulesException ex)
            {
                Refuse(_path, ex.Message);
                return false;
            }

            _current = next;
            LoadedAt = DateTimeOffset.UtcNow;
            LastError = null;
            LastErrorAt = null;
        }

        _metrics.Reload(applied: true);
        _logger.LogInformation("Alert rules reloaded from {Path}: {Count} rules, evaluation every {Interval} (checksum {Checksum})", _path, next.Rules.Count, next.EvaluationInterval, next.Checksum);
        Changed?.Invoke(next);
        return true;
    }

    public void Dispose() => _timer.Dispose();

    private void Refuse(string path, string error)
    {
        LastError = error;
        LastErrorAt = DateTimeOffset.UtcNow;
        _metrics.Reload(applied: false);
        _logger.LogError("Alert rules file {Path} changed but was refused; the rules loaded at {LoadedAt:O} stay in force. {Error}", path, LoadedAt, error);
    }

    private static string ReadOrThrow(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlertRulesException(path, [$"cannot read the file: {ex.Message} (set Alerting:RulesPath, or Alerting:Enabled=false)"]);
        }
    }
}
