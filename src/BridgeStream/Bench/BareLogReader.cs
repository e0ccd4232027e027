using System.Globalization;
using System.Text;
using System.Text.Json;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Bench;

/// <summary>
/// The reference reader for phase 1: the least code that gets every field of every log out of eth_getLogs with
/// HttpClient and System.Text.Json's JsonDocument (each field read as a string, as a plain client would keep it).
/// </summary>
public sealed class BareLogReader(HttpClient http)
{
    private long _id;

    public async Task<long> ReadAsync(string url, ulong from, ulong to, IReadOnlyList<Address> addresses, IReadOnlyList<Hash32> topic0s, CancellationToken ct)
    {
        using var content = new StringContent(Request(from, to, addresses, topic0s), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, default, ct).ConfigureAwait(false);
        return CountLogs(document.RootElement);
    }

    /// <summary>Touches every field of every log; returns the number of logs. Throws on a JSON-RPC error answer.</summary>
    public static long CountLogs(JsonElement root)
    {
        if (root.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"eth_getLogs failed: {error.GetRawText()}");
        }

        long logs = 0;
        long checksum = 0;
        foreach (var log in root.GetProperty("result").EnumerateArray())
        {
            checksum += log.GetProperty("address").GetString()!.Length
                + log.GetProperty("blockHash").GetString()!.Length
                + log.GetProperty("blockNumber").GetString()!.Length
                + log.GetProperty("transactionHash").GetString()!.Length
                + log.GetProperty("logIndex").GetString()!.Length
                + log.GetProperty("data").GetString()!.Length;
            foreach (var topic in log.GetProperty("topics").EnumerateArray())
            {
                checksum += topic.GetString()!.Length;
            }

            logs++;
        }

        return checksum > 0 || logs == 0 ? logs : throw new InvalidOperationException("eth_getLogs returned empty log fields.");
    }

    private string Request(ulong from, ulong to, IReadOnlyList<Address> addresses, IReadOnlyList<Hash32> topic0s)
    {
        var id = Interlocked.Increment(ref _id).ToString(CultureInfo.InvariantCulture);
        var addressList = string.Join(",", addresses.Select(a => $"\"{a}\""));
        var topicList = string.Join(",", topic0s.Select(t => $"\"{t}\""));
        return $$"""{"jsonrpc":"2.0","id":{{id}},"method":"eth_getLogs","params":[{"fromBlock":"{{Hex.EncodeQuantity(from)}}","toBlock":"{{Hex.EncodeQuantity(to)}}","address":[{{addressList}}],"topics":[[{{topicList}}]]}]}""";
    }
}
