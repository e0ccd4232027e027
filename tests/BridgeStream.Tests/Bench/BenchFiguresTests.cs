using System.Text.Json;
using BridgeStream.Bench;

namespace BridgeStream.Tests.Bench;

public sealed class BenchFiguresTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var stats = LatencyStats.Of([.. Enumerable.Range(1, 100).Reverse().Select(i => (double)i)])!;

        Assert.Equal(100, stats.Count);
        Assert.Equal(50, stats.P50);
        Assert.Equal(95, stats.P95);
        Assert.Equal(99, stats.P99);
        Assert.Equal(100, stats.Max);
        Assert.Equal(50.5, stats.Mean);
    }

    [Fact]
    public void A_single_sample_is_every_percentile_and_no_sample_is_no_statistics()
    {
        var one = LatencyStats.Of([7.5])!;

        Assert.Equal(7.5, one.P50);
        Assert.Equal(7.5, one.P99);
        Assert.Null(LatencyStats.Of([]));
    }

    [Fact]
    public void Status_kilobytes_are_read_by_key()
    {
        const string status = "Name:\tbridgestream\nVmHWM:\t  412345 kB\nVmRSS:\t  398765 kB\nThreads:\t42\n";

        Assert.Equal(412_345, ProcessMemory.ParseKilobytes(status, "VmHWM:"));
        Assert.Equal(398_765, ProcessMemory.ParseKilobytes(status, "VmRSS:"));
        Assert.Null(ProcessMemory.ParseKilobytes(status, "VmSwap:"));
        Assert.Null(ProcessMemory.ParseKilobytes("VmHWM:\tmany kB\n", "VmHWM:"));
    }

    [Fact]
    public void This_process_reports_a_peak_at_least_as_large_as_its_resident_set()
    {
        var current = ProcessMemory.ResidentBytes();
        var peak = ProcessMemory.PeakResidentBytes();

        Assert.NotNull(current);
        Assert.True(peak >= current, $"VmHWM {peak} < VmRSS {current}");
    }

    [Fact]
    public async Task The_report_prints_every_figure_and_writes_them_as_json()
    {
        var report = new BenchReport();
        report.Run["pairs per rollup"] = "10";
        report.Add("1 bare reader", "logs/s", 123_456.7, "logs/s", "reference");
        report.Add("6 full backfill", "peak RSS", null, "MB", "not measured");
        var printed = new StringWriter();
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");

        report.Print(printed);
        await report.WriteJsonAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains("123,457", printed.ToString(), StringComparison.Ordinal);
        Assert.Contains("n/a", printed.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        var figures = json.RootElement.GetProperty("figures");
        Assert.Equal(2, figures.GetArrayLength());
        Assert.Equal(123_456.7, figures[0].GetProperty("value").GetDouble());
        Assert.Equal("10", json.RootElement.GetProperty("run").GetProperty("pairs per rollup").GetString());
        File.Delete(path);
    }
}
