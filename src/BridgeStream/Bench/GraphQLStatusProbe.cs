using System.Net.Http.Json;
using System.Text.Json;

namespace BridgeStream.Bench;

/// <summary>Asks the pipeline's GraphQL API (HTTP POST, as any client would) for a message's status.</summary>
public sealed class GraphQLStatusProbe(HttpClient http, Uri apiBase)
{
    private const string Query = "query($id: ID!) { message(id: $id) { status } }";
    private readonly Uri _endpoint = new(apiBase, "/graphql");

    /// <summary>The status ("SENT", "DELIVERED", ...) or null while the message is unknown.</summary>
    public async Task<string?> StatusAsync(string messageId, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(_endpoint, new { query = Query, variables = new { id = messageId } }, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), default, ct).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException($"GraphQL answered errors: {errors.GetRawText()}");
        }

        var message = root.GetProperty("data").GetProperty("message");
        return message.ValueKind == JsonValueKind.Null ? null : message.GetProperty("status").GetString();
    }

    /// <summary>Polls every <paramref name="interval"/> until the status is <paramref name="wanted"/>; the Stopwatch timestamp it was seen, or null on timeout.</summary>
    public async Task<long?> WaitForAsync(string messageId, string wanted, TimeSpan interval, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
        {
            if (await StatusAsync(messageId, ct).ConfigureAwait(false) == wanted)
            {
                return System.Diagnostics.Stopwatch.GetTimestamp();
            }

            await Task.Delay(interval, ct).ConfigureAwait(false);
        }

        return null;
    }
}
