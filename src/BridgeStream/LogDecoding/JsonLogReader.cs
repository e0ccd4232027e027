using System.Globalization;
using System.Text.Json;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.LogDecoding;

/// <summary>Input that is not an eth_getLogs-style JSON array of logs, with where it went wrong.</summary>
public sealed class LogInputException(string message) : Exception(message);

/// <summary>
/// Reads an eth_getLogs-style JSON array: objects with address, topics, data, blockNumber, blockHash, transactionHash and
/// logIndex (quantities as 0x-hex strings, as nodes return them, or as JSON numbers). Anything else is a
/// <see cref="LogInputException"/> naming the log and the field.
/// </summary>
public static class JsonLogReader
{
    private const int MaxInputBytes = 512 * 1024 * 1024;

    public static List<RawLog> Read(Stream input, ulong chainId)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        if (buffer.Length > MaxInputBytes)
        {
            throw new LogInputException($"input is {buffer.Length} bytes; at most {MaxInputBytes} are read at once (split it)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException ex)
        {
            throw new LogInputException($"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result))
            {
                root = result; // a whole JSON-RPC answer pasted as is
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new LogInputException($"expected a JSON array of logs, got {root.ValueKind}");
            }

            return [.. root.EnumerateArray().Select((log, i) => ReadLog(log, i, chainId))];
        }
    }

    private static RawLog ReadLog(JsonElement log, int index, ulong chainId)
    {
        if (log.ValueKind != JsonValueKind.Object)
        {
            throw new LogInputException($"log {index}: expected an object, got {log.ValueKind}");
        }

        if (!log.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Array || topics.GetArrayLength() is 0 or > 4)
        {
            throw new LogInputException($"log {index}: 'topics' must be an array of 1 to 4 hashes");
        }

        return new RawLog
        {
            ChainId = chainId,
            Address = Parse(log, index, "address", (string s, out Address a) => Address.TryParse(s, out a)),
            Topics = [.. topics.EnumerateArray().Select((t, i) => t.ValueKind == JsonValueKind.String && Hash32.TryParse(t.GetString(), out var h)
                ? h : throw new LogInputException($"log {index}: topics[{i}] is not a 32-byte 0x-hex hash"))],
            Data = Parse(log, index, "data", (string s, out byte[] d) => TryHexBytes(s, out d)),
            BlockNumber = Quantity(log, index, "blockNumber"),
            BlockHash = Parse(log, index, "blockHash", (string s, out Hash32 h) => Hash32.TryParse(s, out h)),
            TransactionHash = Parse(log, index, "transactionHash", (string s, out Hash32 h) => Hash32.TryParse(s, out h)),
            LogIndex = checked((uint)Quantity(log, index, "logIndex")),
            BlockTimestamp = log.TryGetProperty("blockTimestamp", out _) ? (long)Quantity(log, index, "blockTimestamp") : 0,
        };
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static T Parse<T>(JsonElement log, int index, string field, TryParser<T> parse)
    {
        if (!log.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new LogInputException($"log {index}: '{field}' is missing or not a string");
        }

        return parse(value.GetString()!, out var parsed) ? parsed : throw new LogInputException($"log {index}: '{field}' is not valid 0x-hex ({value.GetString()})");
    }

    private static ulong Quantity(JsonElement log, int index, string field)
    {
        if (!log.TryGetProperty(field, out var value))
        {
            throw new LogInputException($"log {index}: '{field}' is missing");
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number))
        {
            return number;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length is > 2 and <= 18
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
            ? hex
            : throw new LogInputException($"log {index}: '{field}' is not a quantity (0x-hex or a number): {value}");
    }

    private static bool TryHexBytes(string text, out byte[] bytes)
    {
        bytes = [];
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text.AsSpan(2));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
