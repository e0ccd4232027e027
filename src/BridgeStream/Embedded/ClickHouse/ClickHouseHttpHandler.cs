using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>Answers ClickHouse HTTP-interface requests from the chDB session, with the headers ClickHouse sends.</summary>
internal sealed class ClickHouseHttpHandler(ChdbSession session, string serverTimezone, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/ping" || (path == "/" && HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey("query")))
        {
            await context.Response.WriteAsync("Ok.\n", context.RequestAborted);
        }
        else if (path == "/" && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsGet(context.Request.Method)))
        {
            await HandleStatementAsync(context);
        }
        else
        {
            await WriteErrorAsync(context.Response, StatusCodes.Status404NotFound, new ChdbException(
                $"Code: 1. DB::Exception: There is no handler for {context.Request.Method} {path}; use POST / or GET /ping. (UNSUPPORTED_METHOD)"));
        }
    }

    private async Task HandleStatementAsync(HttpContext context)
    {
        var response = context.Response;
        try
        {
            await using var request = await ClickHouseHttpRequest.ReadAsync(context.Request, context.RequestAborted);
            using var result = await RunAsync(request, context.RequestAborted);
            response.Headers["X-ClickHouse-Query-Id"] = request.QueryId;
            response.Headers["X-ClickHouse-Format"] = request.OutputFormat;
            response.Headers["X-ClickHouse-Timezone"] = serverTimezone;
            response.Headers["X-ClickHouse-Summary"] = Summary(result);
            response.ContentType = "application/octet-stream";
            response.ContentLength = result.Length;
            // Straight from chDB's native buffer to the socket.
            await response.Body.WriteAsync(result.Memory, context.RequestAborted);
        }
        catch (ChdbException error)
        {
            logger.LogDebug("Statement failed with code {Code}: {Message}", error.Code, error.Message);
            await WriteErrorAsync(response, StatusCodes.Status500InternalServerError, error);
        }
        catch (InvalidDataException error)
        {
            await WriteErrorAsync(response, StatusCodes.Status500InternalServerError, new ChdbException(
                $"Code: 354. DB::Exception: Cannot decompress the request body: {error.Message} (CANNOT_DECOMPRESS)"));
        }
    }

    private Task<ChdbResult> RunAsync(ClickHouseHttpRequest request, CancellationToken cancellationToken) =>
        request.InsertData is null
            ? session.QueryAsync(request.Sql, request.OutputFormat, request.Parameters, request.Database, request.Settings, cancellationToken)
            : session.InsertAsync(request.Sql, request.InsertFormat!, request.InsertData, request.Parameters, request.Database, request.Settings, cancellationToken);

    private static string Summary(ChdbResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"read_rows":"{{result.RowsRead}}","read_bytes":"{{result.BytesRead}}","written_rows":"{{result.RowsWritten}}","written_bytes":"{{result.BytesWritten}}","total_rows_to_read":"{{result.RowsRead}}","result_rows":"0","result_bytes":"{{result.Length}}","elapsed_ns":"{{(long)(result.Elapsed.TotalMilliseconds * 1_000_000)}}"}""");

    private static async Task WriteErrorAsync(HttpResponse response, int status, ChdbException error)
    {
        if (response.HasStarted)
        {
            // Headers are gone; the client sees a truncated body, as with a real server failing mid-stream.
            throw error;
        }

        response.Clear();
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=UTF-8";
        response.Headers["X-ClickHouse-Exception-Code"] = error.Code.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsync(error.ServerText + "\n");
    }
}
