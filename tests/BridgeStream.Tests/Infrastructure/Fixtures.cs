using System.Text.Json;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Tests.Infrastructure;

/// <summary>Loads the real mainnet log fixtures in Fixtures/ (each file names its public source).</summary>
internal static class Fixtures
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static IEnumerable<string> Files(string folder, string prefixFilter = "") =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", folder), "*.json")
            .Select(Path.GetFileName)
            .Where(n => n!.Contains(prefixFilter, StringComparison.Ordinal))
            .Select(n => n!)
            .Order(StringComparer.Ordinal);

    public static (ulong ChainId, List<RawLog> Logs, JsonElement Expected) Load(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(relative)));
        var root = document.RootElement;
        var chainId = root.GetProperty("chainId").GetUInt64();
        var logs = root.GetProperty("logs").EnumerateArray().Select(l => ToRawLog(l, chainId)).ToList();
        return (chainId, logs, root.GetProperty("expected").Clone());
    }

    public static RawLog ToRawLog(JsonElement log, ulong chainId)
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
