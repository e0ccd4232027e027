using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace BridgeStream.Benchmarks.Support;

/// <summary>
/// Every benchmark sets OperationsPerInvoke to its batch's log count, so Mean is ns per log and Op/s is logs per second
/// (on the core the process is pinned to: ./bridgestream bench-decoders passes --affinity).
/// </summary>
public sealed class PerLogConfig : ManualConfig
{
    public PerLogConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond);
    }
}
