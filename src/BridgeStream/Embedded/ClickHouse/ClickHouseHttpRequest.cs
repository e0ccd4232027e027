using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// One request of ClickHouse's HTTP interface, read the way ClickHouse reads it: the SQL in the <c>query</c> URL
/// parameter or in the body (when both, the body follows the query on a new line, unless the query is an
/// <c>INSERT ... FORMAT X</c>, in which case the body is that insert's data and is streamed).
/// </summary>
internal sealed partial class ClickHouseHttpRequest : IAsyncDisposable
{
    private static readonly HashSet<string> HttpOnlyParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "query", "database", "default_format", "query_id", "user", "password", "compress", "decompress",
        "enable_http_compression", "http_zlib_compression_level", "wait_end_of_query", "buffer_size",
        "session_id", "session_timeout", "session_check", "send_progress_in_http_headers", "role",
    };

    private const int InsertPrologueLimit = 64 * 1024;

    public required string Sql { get; init; }

    /// <summary>Set for a streamed <c>INSERT ... FORMAT X</c>: the decoded body, <see cref="Sql"/> without its FORMAT clause.</summary>
    public Stream? InsertData { get; init; }

    public string? InsertFormat { get; init; }

    private bool OwnsInsertData { get; init; }

    public required string OutputFormat { get; init; }

    public string? Database { get; init; }

    public required string QueryId { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>URL parameters that are ClickHouse settings for this statement (everything but the HTTP interface's own).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    /// <summary>Releases the body decoder of a streamed insert (the request body itself stays Kestrel's).</summary>
    public ValueTask DisposeAsync() => OwnsInsertData && InsertData is not null ? InsertData.DisposeAsync() : ValueTask.CompletedTask;

    public static async Task<ClickHouseHttpRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = DecodeBody(request.Body, request.Headers.ContentEncoding.ToString());
        var urlQuery = request.Query["query"].ToString();
        var statement = urlQuery.Length > 0
            ? await SplitUrlQueryAsync(urlQuery, body, cancellationToken)
            : await SplitBodyAsync(body, cancellationToken);
        if (string.IsNullOrWhiteSpace(statement.Sql))
        {
            throw new ChdbException("Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)");
        }

        return new ClickHouseHttpRequest
        {
            Sql = statement.Sql,
            InsertData = statement.InsertData,
            InsertFormat = statement.InsertFormat,
            OwnsInsertData = statement.InsertData is not null && !ReferenceEquals(statement.InsertData, request.Body),
            OutputFormat = FirstOf(request.Query["default_format"], request.Headers["X-ClickHouse-Format"]) ?? "TabSeparated",
            Database = FirstOf(request.Query["database"], request.Headers["X-ClickHouse-Database"]),
            QueryId = FirstOf(request.Query["query_id"], default) ?? Guid.NewGuid().ToString(),
            Parameters = [.. request.Query.Where(p => p.Key.StartsWith("param_", StringComparison.Ordinal))
                .Select(p => KeyValuePair.Create(p.Key["param_".Length..], p.Value.ToString()))],
            Settings = [.. request.Query.Where(p => !p.Key.StartsWith("param_", StringComparison.Ordinal) && !HttpOnlyParameters.Contains(p.Key))
                .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()))],
        };
    }

    /// <summary>SQL in the URL: the body is either an INSERT's data or more SQL text.</summary>
    private static async Task<Statement> SplitUrlQueryAsync(string urlQuery, Stream body, CancellationToken cancellationToken)
    {
        var insert = InsertWithFormat().Match(urlQuery);
        if (insert.Success)
        {
            return new Statement(insert.Groups["insert"].Value, body, insert.Groups["format"].Value);
        }

        var bodyText = await ReadTextAsync(ReadOnlyMemory<byte>.Empty, body, cancellationToken);
        return new Statement(bodyText.Length == 0 ? urlQuery : urlQuery + "\n" + bodyText, null, null);
    }

    /// <summary>
    /// SQL in the body. An <c>INSERT ... FORMAT X</c> line may be followed by its data (the driver's default), which
    /// is then streamed rather than read as text: only the first bytes are inspected.
    /// </summary>
    private static async Task<Statement> SplitBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var head = new byte[InsertPrologueLimit];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        // Latin-1 maps each byte to one char, so match positions are byte offsets even if binary rows follow.
        var prologue = InsertPrologue().Match(Encoding.Latin1.GetString(head, 0, headLength));
        if (!prologue.Success)
        {
            return new Statement(await ReadTextAsync(head.AsMemory(0, headLength), body, cancellationToken), null, null);
        }

        var insert = prologue.Groups["insert"];
        var sql = Encoding.UTF8.GetString(head, insert.Index, insert.Length);
        var data = new PrefixedStream(head.AsMemory(prologue.Length, headLength - prologue.Length), body);
        return new Statement(sql, data, prologue.Groups["format"].Value);
    }

    private static async Task<string> ReadTextAsync(ReadOnlyMemory<byte> head, Stream rest, CancellationToken cancellationToken)
    {
        using var all = new MemoryStream();
        await all.WriteAsync(head, cancellationToken);
        await rest.CopyToAsync(all, cancellationToken);
        await rest.DisposeAsync();
        return Encoding.UTF8.GetString(all.GetBuffer(), 0, (int)all.Length);
    }

    private static Stream DecodeBody(Stream body, string contentEncoding) => contentEncoding.Trim().ToLowerInvariant() switch
    {
        "" or "identity" => body,
        "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
        "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
        "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
        "zstd" => new ZstdSharp.DecompressionStream(body, leaveOpen: true),
        _ => throw new ChdbException($"Code: 1. DB::Exception: Unknown Content-Encoding '{contentEncoding}' (supported: gzip, deflate, br, zstd). (UNSUPPORTED_METHOD)"),
    };

    private static string? FirstOf(Microsoft.Extensions.Primitives.StringValues first, Microsoft.Extensions.Primitives.StringValues second)
    {
        var value = first.Count > 0 ? first.ToString() : second.ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    // The start of a body holding "INSERT ... FORMAT X", then one line break, then the data.
    [GeneratedRegex(@"\A\s*(?<insert>INSERT\s+INTO\s+.+?)\s+FORMAT\s+(?<format>\w+)[ \t]*(?:\r?\n|\z)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InsertPrologue();

    private sealed record Statement(string Sql, Stream? InsertData, string? InsertFormat);

    // An INSERT whose data follows in the body: everything up to a trailing "FORMAT <name>".
    [GeneratedRegex(@"^\s*(?<insert>INSERT\s+INTO\s+.+?)\s+FORMAT\s+(?<format>\w+)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InsertWithFormat();
}
