using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BridgeStream.Bench;

/// <summary>The figures of one query kind at one concurrency: latency of each request, requests/s and errors.</summary>
public sealed record ApiLoadResult(string Kind, int Clients, double Seconds, long Requests, long Errors, LatencyStats? Latency, string? FirstError)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>
/// Drives the GraphQL API over HTTP (one HttpClient, loopback) from N concurrent clients, each sending its next request
/// as soon as the previous one answered (closed loop), for a fixed time per scenario. Scenarios: <c>message(id)</c> with
/// ids of generated messages (<see cref="AnalyticsDataGenerator"/>: id n is SHA-256 of n's decimal text) and one in ten
/// unknown; a filtered <c>messages</c> page (protocol + DELIVERED + a sent-at range, first: 50) followed by its second
/// page by cursor; <c>routes(window: LAST_WEEK)</c>. Every answer is checked (no GraphQL errors; a known id found with
/// its id, an unknown one null; pages of at most 50): a wrong answer counts as an error.
/// </summary>
public sealed class ApiLoad(Uri api, long messages, DateTime now, TimeSpan span)
{
    public const string MessageById = "message(id)";
    public const string FirstPage = "messages page 1";
    public const string SecondPage = "messages page 2 (cursor)";
    public const string Routes = "routes LAST_WEEK";
    public const int PageSize = 50;

    private const string MessageQuery =
        "query($id: ID!) { message(id: $id) { id protocol status sourceChainId destinationChainId sender target value sentAt deliveredAt latencySeconds failedAttempts } }";

    private const string PageQuery = """
        query($protocol: Protocol, $after: DateTime, $before: DateTime, $cursor: String) {
          messages(first: 50, after: $cursor, filter: { protocol: $protocol, status: DELIVERED, sentAfter: $after, sentBefore: $before }) {
            edges { node { id protocol status sourceChainId destinationChainId sentAt deliveredAt latencySeconds value } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string RoutesQuery =
        "{ routes(window: LAST_WEEK) { sourceChainId destinationChainId protocol proofSystem sent delivered failedAttempts successRate latency { count p50 p95 p99 max } stages { stage count p50 p95 max } } }";

    private static readonly string[] PageProtocols = ["CCTP_V1", "OP_STACK_MESSENGER", "ARBITRUM_RETRYABLE", "HYPERLANE", "OP_STACK_PORTAL"];

    /// <summary>Runs the three scenarios one after the other at <paramref name="clients"/> clients, <paramref name="duration"/> each.</summary>
    public async Task<IReadOnlyList<ApiLoadResult>> RunAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromMinutes(5) };
        var results = new List<ApiLoadResult>();
        results.AddRange(await RunScenarioAsync(http, clients, duration, [MessageById], MessageByIdAsync, ct).ConfigureAwait(false));
        results.AddRange(await RunScenarioAsync(http, clients, duration, [FirstPage, SecondPage], PagesAsync, ct).ConfigureAwait(false));
        results.AddRange(await RunScenarioAsync(http, clients, duration, [Routes], RoutesAsync, ct).ConfigureAwait(false));
        return results;
    }

    /// <summary>The id the generator gives message n.</summary>
    public static string GeneratedId(long n) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture))));

    private delegate Task Step(HttpClient http, Random random, Recorder[] recorders, CancellationToken ct);

    private static async Task<IReadOnlyList<ApiLoadResult>> RunScenarioAsync(
        HttpClient http, int clients, TimeSpan duration, string[] kinds, Step step, CancellationToken ct)
    {
        // Warm-up, untimed: connections opened, the query plans and ClickHouse's caches in the state a running server has.
        var warmUp = Enumerable.Range(0, kinds.Length).Select(_ => new Recorder()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => step(http, new Random(1000 + c), warmUp, ct))).ConfigureAwait(false);

        var perClient = Enumerable.Range(0, clients).Select(_ => kinds.Select(_ => new Recorder()).ToArray()).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(c);
            while (clock.Elapsed < duration)
            {
                ct.ThrowIfCancellationRequested();
                await step(http, random, perClient[c], ct).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        return kinds.Select((kind, k) =>
        {
            var merged = Recorder.Merge(perClient.Select(recorders => recorders[k]));
            return new ApiLoadResult(kind, clients, seconds, merged.Millis.Count, merged.Errors, LatencyStats.Of(merged.Millis), merged.FirstError);
        }).ToList();
    }

    private async Task MessageByIdAsync(HttpClient http, Random random, Recorder[] recorders, CancellationToken ct)
    {
        var known = random.Next(10) != 0;
        var id = known ? GeneratedId(random.NextInt64(messages)) : "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var answer = await PostAsync(http, MessageQuery, new Dictionary<string, object?> { ["id"] = id }, recorders[0], ct).ConfigureAwait(false);
        if (answer is { } data)
        {
            var message = data.GetProperty("message");
            var found = message.ValueKind == JsonValueKind.Object;
            if (found != known || (found && message.GetProperty("id").GetString() != id))
            {
                recorders[0].Fail($"message({id}): expected {(known ? "the message" : "null")}, got {message}");
            }
        }
    }

    private async Task PagesAsync(HttpClient http, Random random, Recorder[] recorders, CancellationToken ct)
    {
        // A day of sends (the whole span when the data set is small, so that a first page has a second).
        var window = TimeSpan.FromSeconds(Math.Clamp(span.TotalSeconds * 20_000 / Math.Max(1, messages), 86_400, span.TotalSeconds));
        var from = now - span + TimeSpan.FromSeconds(random.NextDouble() * (span - window).TotalSeconds);
        var variables = new Dictionary<string, object?>
        {
            ["protocol"] = PageProtocols[random.Next(PageProtocols.Length)],
            ["after"] = from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["before"] = (from + window).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var first = await PostAsync(http, PageQuery, variables, recorders[0], ct).ConfigureAwait(false);
        if (first is not { } data || !CheckPage(data, recorders[0], out var pageInfo) || !pageInfo.GetProperty("hasNextPage").GetBoolean())
        {
            return;
        }

        variables["cursor"] = pageInfo.GetProperty("endCursor").GetString();
        if (await PostAsync(http, PageQuery, variables, recorders[1], ct).ConfigureAwait(false) is { } second)
        {
            CheckPage(second, recorders[1], out _);
        }
    }

    private static bool CheckPage(JsonElement data, Recorder recorder, out JsonElement pageInfo)
    {
        var page = data.GetProperty("messages");
        pageInfo = page.GetProperty("pageInfo");
        var edges = page.GetProperty("edges").GetArrayLength();
        var full = edges == PageSize || !pageInfo.GetProperty("hasNextPage").GetBoolean();
        if (!full)
        {
            recorder.Fail($"a page of {edges} messages that says another page follows");
        }

        return full;
    }

    private static async Task RoutesAsync(HttpClient http, Random random, Recorder[] recorders, CancellationToken ct)
    {
        _ = random;
        if (await PostAsync(http, RoutesQuery, null, recorders[0], ct).ConfigureAwait(false) is { } data && data.GetProperty("routes").ValueKind != JsonValueKind.Array)
        {
            recorders[0].Fail($"routes: not a list: {data}");
        }
    }

    // One timed request; the data element when the answer has no errors, else null (and the error recorded).
    private static async Task<JsonElement?> PostAsync(
        HttpClient http, string query, Dictionary<string, object?>? variables, Recorder recorder, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsJsonAsync("/graphql", new { query, variables }, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            recorder.Millis.Add(clock.Elapsed.TotalMilliseconds);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!response.IsSuccessStatusCode || root.TryGetProperty("errors", out _) || !root.TryGetProperty("data", out var data))
            {
                recorder.Fail($"HTTP {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
                return null;
            }

            return data.Clone();
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            recorder.Millis.Add(clock.Elapsed.TotalMilliseconds);
            recorder.Fail($"{ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private sealed class Recorder
    {
        public List<double> Millis { get; } = [];

        public long Errors { get; private set; }

        public string? FirstError { get; private set; }

        public void Fail(string error)
        {
            Errors++;
            FirstError ??= error;
        }

        public static Recorder Merge(IEnumerable<Recorder> recorders)
        {
            var merged = new Recorder();
            foreach (var recorder in recorders)
            {
                merged.Millis.AddRange(recorder.Millis);
                merged.Errors += recorder.Errors;
                merged.FirstError ??= recorder.FirstError;
            }

            return merged;
        }
    }
}
