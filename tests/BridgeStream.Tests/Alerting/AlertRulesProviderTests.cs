using BridgeStream.Alerting;
using BridgeStream.Core.Alerting;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Alerting;

/// <summary>Reloading the rules file without a restart: a valid change applies, a malformed one is refused and the old rules stay.</summary>
public sealed class AlertRulesProviderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bridgestream-rules-").FullName;

    private string PathOf => System.IO.Path.Combine(_folder, "rules.yaml");

    [Fact]
    public void A_valid_change_applies_a_malformed_one_is_refused_with_its_error_and_the_rules_in_force_stay()
    {
        File.WriteAllText(PathOf, Rules.Basic);
        using var provider = new AlertRulesProvider(PathOf, TimeSpan.FromHours(1), new AlertMetrics(), NullLogger<AlertRulesProvider>.Instance);
        var seen = new List<AlertRuleSet>();
        provider.Changed += seen.Add;
        Assert.Equal(5, provider.Current.Rules.Count);
        Assert.False(provider.CheckNow()); // unchanged

        File.WriteAllText(PathOf, Rules.Basic.Replace("threshold: 10s", "threshold: 15s", StringComparison.Ordinal));
        Assert.True(provider.CheckNow());
        Assert.Equal(TimeSpan.FromSeconds(15), provider.Current.Find("delayed")!.Threshold);
        var inForce = provider.Current;

        File.WriteAllText(PathOf, Rules.Basic.Replace("threshold: 30s", "treshold: 30s", StringComparison.Ordinal));
        Assert.False(provider.CheckNow());
        Assert.Same(inForce, provider.Current);
        Assert.Contains("unknown key 'treshold'", provider.LastError, StringComparison.Ordinal);
        Assert.Contains("line 13, column 5", provider.LastError, StringComparison.Ordinal);

        File.WriteAllText(PathOf, "rules: [ {");
        Assert.False(provider.CheckNow());
        Assert.Same(inForce, provider.Current);
        Assert.Contains("not valid YAML", provider.LastError, StringComparison.Ordinal);

        File.WriteAllText(PathOf, Rules.Basic);
        Assert.True(provider.CheckNow());
        Assert.Null(provider.LastError);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void The_file_is_watched_so_a_change_applies_without_asking()
    {
        File.WriteAllText(PathOf, Rules.Basic);
        using var provider = new AlertRulesProvider(PathOf, TimeSpan.FromMilliseconds(50), new AlertMetrics(), NullLogger<AlertRulesProvider>.Instance);
        using var changed = new ManualResetEventSlim();
        provider.Changed += _ => changed.Set();

        File.WriteAllText(PathOf, Rules.Basic.Replace("after: 5s", "after: 6s", StringComparison.Ordinal));

        Assert.True(changed.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(TimeSpan.FromSeconds(6), provider.Current.Find("relay-failed")!.After);
    }

    [Fact]
    public void A_malformed_file_at_start_is_an_error_that_names_the_problem()
    {
        File.WriteAllText(PathOf, "rules:\n  - id: a\n    type: undelivered\n    severity: warning\n");
        var error = Assert.Throws<AlertRulesException>(() => new AlertRulesProvider(PathOf, TimeSpan.FromHours(1), new AlertMetrics(), NullLogger<AlertRulesProvider>.Instance));
        Assert.Contains("line 2, column 5: rule 'a': 'threshold' is required", error.Message, StringComparison.Ordinal);
        Assert.Contains(PathOf, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
