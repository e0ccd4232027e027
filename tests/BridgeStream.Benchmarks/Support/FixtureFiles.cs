using System.Text.Json;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Benchmarks.Support;

/// <summary>
/// The real mainnet fixtures of tests/BridgeStream.Tests/Fixtures (each file cites its public source), embedded in this
/// assembly so BenchmarkDotNet's generated runner reads them from wherever it runs.
/// </summary>
public static class FixtureFiles
{
    public static (ulong ChainId, List<RawLog> Logs, JsonElement Expected) Load(string relative)
    {
        using var document = JsonDocument.Parse(Read(relative));
        var root = document.RootElement;
        var chainId = root.GetProperty("chainId").GetUInt64();
        var logs = root.GetProperty("logs").EnumerateArray().Select(l => ToRawLog(l, chainId)).ToList();
        return (chainId, logs, root.GetProperty("expected").Clone());
    }

    /// <summary>A message of cctp/real-messages.json (real attested CCTP message bytes) by name.</summary>
    public static byte[] CctpMessage(string name)
    {
        using var document = JsonDocument.Parse(Read("cctp/real-messages.json"));
        var entry = document.RootElement.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
        return Hex.Decode(entry.GetProperty("message").GetString()!);
    }

    private static string Read(string relative)
    {
        var name = "Fixtures/" + relative;
        using var stream = typeof(FixtureFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"embedded fixture '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static RawLog ToRawLog(JsonElement log, ulong chainId)
    {
        if (!Hex.TryParseQuantity(log.GetProperty("blockNumber").GetString(), out var blockNumber)
            || !Hex.TryParseQuantity(log.GetProperty("logIndex").GetString(), out var logIndex))
        {
            throw new FormatException("fixture log has a bad blockNumber or logIndex");
        }

        var blockHash = log.TryGetProperty("blockHash", out var bh) && bh.ValueKind == JsonValueKind.String ? Hash32.Parse(bh.GetString()!) : default;
        return new RawLog
        {
            ChainId = chainId,
            BlockNumber = blockNumber,
            BlockHash = blockHash,
            TransactionHash = Hash32.Parse(log.GetProperty("transactionHash").GetString()!),
            LogIndex = (uint)logIndex,
            Address = Address.Parse(log.GetProperty("address").GetString()!),
            Topics = [.. log.GetProperty("topics").EnumerateArray().Select(t => Hash32.Parse(t.GetString()!))],
            Data = Hex.Decode(log.GetProperty("data").GetString()!),
        };
    }
}
