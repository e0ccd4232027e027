using BridgeStream.Bench;

namespace BridgeStream.Tests.Bench;

public sealed class BenchOptionsTests
{
    [Fact]
    public void No_arguments_give_the_documented_defaults()
    {
        var options = BenchOptions.Parse([]);

        Assert.Equal(20_000, options.Pairs);
        Assert.Equal(100, options.LiveSamples);
        Assert.Null(options.JsonPath);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = BenchOptions.Parse(["--pairs", "500", "--live-samples", "0", "--json", "out/bench.json"]);

        Assert.Equal(500, options.Pairs);
        Assert.Equal(0, options.LiveSamples);
        Assert.Equal("out/bench.json", options.JsonPath);
    }

    [Fact]
    public void The_analytics_phase_is_off_unless_asked_for()
    {
        Assert.Equal(0, BenchOptions.Parse([]).AnalyticsMessages);

        var options = BenchOptions.Parse(["--analytics-messages", "10000000", "--analytics-runs", "5", "--analytics-only"]);

        Assert.Equal(10_000_000, options.AnalyticsMessages);
        Assert.Equal(5, options.AnalyticsRuns);
        Assert.True(options.AnalyticsOnly);
    }

    [Fact]
    public void The_api_phase_is_off_unless_asked_for_and_defaults_to_16_clients()
    {
        var defaults = BenchOptions.Parse([]);
        Assert.Equal(0, defaults.ApiMessages);
        Assert.Equal(16, defaults.ApiClients);
        Assert.Equal(20, defaults.ApiSeconds);
        Assert.False(defaults.ApiOnly);
        Assert.False(defaults.ApiReuseData);

        var options = BenchOptions.Parse(["--api-messages", "10000000", "--api-clients", "8", "--api-seconds", "5", "--api-only", "--api-reuse-data"]);

        Assert.Equal(10_000_000, options.ApiMessages);
        Assert.Equal(8, options.ApiClients);
        Assert.Equal(5, options.ApiSeconds);
        Assert.True(options.ApiOnly);
        Assert.True(options.ApiReuseData);
    }

    [Theory]
    [InlineData("--analytics-runs", "0", "--analytics-runs must be a whole number from 1")]
    [InlineData("--pairs", "0", "--pairs must be a whole number from 1")]
    [InlineData("--api-clients", "0", "--api-clients must be a whole number from 1 to 256")]
    [InlineData("--api-clients", "1000", "--api-clients must be a whole number from 1 to 256")]
    [InlineData("--api-seconds", "0", "--api-seconds must be a whole number from 1")]
    [InlineData("--api-messages", "-1", "--api-messages must be a whole number")]
    [InlineData("--pairs", "-5", "--pairs must be a whole number")]
    [InlineData("--pairs", "lots", "got 'lots'")]
    [InlineData("--live-samples", "1e3", "--live-samples must be a whole number")]
    [InlineData("--json", " ", "--json needs a file path")]
    [InlineData("--frobnicate", "1", "Unknown option '--frobnicate'")]
    public void Bad_values_are_refused_with_a_message_that_names_the_option(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse([name, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_its_value_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--pairs"]));

        Assert.Contains("--pairs needs a value", error.Message, StringComparison.Ordinal);
    }
}
