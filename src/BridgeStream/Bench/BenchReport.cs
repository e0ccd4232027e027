using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BridgeStream.Bench;

/// <summary>One measured figure: which phase, what, how much, and what exactly was counted.</summary>
public sealed record BenchFigure(string Phase, string Metric, double? Value, string Unit, string Note);

/// <summary>The figures of a run, printed as a table and optionally written as JSON.</summary>
public sealed class BenchReport
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public List<BenchFigure> Figures { get; } = [];

    public Dictionary<string, string> Run { get; } = [];

    public LatencyStats? RelayToDelivered { get; set; }

    public LatencyStats? DepositToSent { get; set; }

    public LatencyStats? RelayToKafka { get; set; }

    public void Add(string phase, string metric, double? value, string unit, string note = "") => Figures.Add(new BenchFigure(phase, metric, value, unit, note));

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("BridgeStream bench results");
        foreach (var (key, value) in Run)
        {
            output.WriteLine($"  {key,-22} {value}");
        }

        output.WriteLine();
        var phaseWidth = Math.Max(5, Figures.Max(f => f.Phase.Length));
        var metricWidth = Math.Max(6, Figures.Max(f => f.Metric.Length));
        output.WriteLine($"  {"Phase".PadRight(phaseWidth)}  {"Figure".PadRight(metricWidth)}  {"Value",14}  {"Unit",-8}  Note");
        output.WriteLine($"  {new string('-', phaseWidth)}  {new string('-', metricWidth)}  {new string('-', 14)}  {new string('-', 8)}  ----");
        foreach (var f in Figures)
        {
            output.WriteLine($"  {f.Phase.PadRight(phaseWidth)}  {f.Metric.PadRight(metricWidth)}  {Format(f.Value),14}  {f.Unit,-8}  {f.Note}");
        }

        output.WriteLine();
    }

    public async Task WriteJsonAsync(string path, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var document = new { run = Run, figures = Figures, latency = new { relayToDelivered = RelayToDelivered, depositToSent = DepositToSent, relayToKafka = RelayToKafka } };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOptions), ct).ConfigureAwait(false);
    }

    private static string Format(double? value) =>
        value is not { } v ? "n/a"
        : Math.Abs(v) >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture)
        : v.ToString("0.##", CultureInfo.InvariantCulture);
}
