using System.Diagnostics;
using System.Text.RegularExpressions;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// The built-in /dashboard page in headless Chromium (Debian's, installed by ./bridgestream setup) against the API over
/// <see cref="AnalyticsDataSet"/>: the page renders, every panel loads, every chart has data points, and a screenshot is
/// written to artifacts/test-output/dashboard.png (and attached to the test result).
/// </summary>
public sealed partial class DashboardBrowserTests(AnalyticsDataSet data) : IClassFixture<AnalyticsDataSet>
{
    private static readonly string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_is_self_contained()
    {
        using var response = await data.Api.Http.GetAsync("/dashboard", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("connect-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);
    }

    [Fact]
    public async Task Every_panel_renders_charts_with_data_in_headless_chromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./bridgestream setup installs Debian's chromium package.");
        var url = new Uri(data.Api.Address, "/dashboard").ToString();

        var dom = await RunChromiumAsync("--dump-dom", url);

        Assert.Contains("data-ready=\"true\"", dom, StringComparison.Ordinal);
        foreach (var panel in new[] { "latency", "finality", "inflight", "fragmentation", "sync", "stuck-panel" })
        {
            var state = Regex.Match(dom, $"<section[^>]*id=\"{panel}\"[^>]*data-state=\"(\\w+)\"|<section[^>]*data-state=\"(\\w+)\"[^>]*id=\"{panel}\"");
            Assert.True(state.Success, $"panel {panel} has no state in:\n{dom[..Math.Min(dom.Length, 4000)]}");
            Assert.Equal("ok", state.Groups[1].Success ? state.Groups[1].Value : state.Groups[2].Value);
        }

        var charts = ChartPoints().Matches(dom).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, charts.Count); // latency, finality lag, value in flight, HHI over time, supply per chain
        Assert.All(charts, points => Assert.True(points > 0, "a chart has no data points"));
        // The latency table lists the 900 -> 901 route with its p50 of 20 s; the stuck list has the 4 open messages (the
        // proven withdrawal inside its challenge window is not stuck).
        Assert.Contains("900 → 901 op stack messenger", dom, StringComparison.Ordinal);
        Assert.Contains("20 s", dom, StringComparison.Ordinal);
        Assert.Matches(@"<b>4</b><span>stuck messages</span>", dom);

        var screenshot = Path.Combine(EmbeddedTools.RepositoryRoot, "artifacts", "test-output", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await RunChromiumAsync($"--screenshot={screenshot}", url, "--window-size=1400,1900", "--hide-scrollbars");
        var png = await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken);
        Assert.True(png.Length > 20_000, $"the screenshot is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        TestContext.Current.AddAttachment("dashboard.png", png, "image/png");
        TestContext.Current.SendDiagnosticMessage($"Dashboard screenshot: {screenshot}");
    }

    private static async Task<string> RunChromiumAsync(string action, string url, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("bridgestream-chromium-");
        try
        {
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={profile.FullName}",
                         // Virtual time runs the page's timers and waits for its fetches; the page refreshes only every 15 s.
                         "--virtual-time-budget=10000",
                     }.Concat(extra).Append(action).Append(url))
            {
                start.ArgumentList.Add(argument);
            }

            using var chromium = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = chromium.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = chromium.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            try
            {
                await chromium.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                chromium.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(chromium.ExitCode == 0, $"chromium exited with {chromium.ExitCode}: {await errors}");
            return await output;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crash reporter may still hold a file; the temp folder is cleaned by the OS.
            }
        }
    }

    [GeneratedRegex("(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();

    [GeneratedRegex("<svg[^>]*class=\"chart\"[^>]*data-points=\"(\\d+)\"")]
    private static partial Regex ChartPoints();
}
