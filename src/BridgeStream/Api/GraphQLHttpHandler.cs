using System.Text.Json;
using BridgeStream.Api.Access;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using Microsoft.Extensions.Primitives;

namespace BridgeStream.Api;

/// <summary>
/// GraphQL over HTTP: POST with an application/json body {query, variables, operationName}, or GET with the
/// same as URL parameters (variables as JSON text). Problems with the request itself (not JSON, no query) are
/// answered 400 with a GraphQL-shaped error body; everything else is 200 with the standard GraphQL response.
/// Requests without a valid API key (when keys are required) are 401, over their rate limit 429, also GraphQL-shaped.
/// </summary>
internal sealed class GraphQLHttpHandler(GraphQLExecutor executor, GraphQLSerializer serializer, ApiAccessGate gate)
{
    public async Task HandlePostAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status415UnsupportedMediaType,
                "POST /graphql needs Content-Type: application/json.");
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (JsonException exception)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {exception.Message}");
            return;
        }

        await ExecuteAsync(http, request);
    }

    public async Task HandleGetAsync(HttpContext http)
    {
        var query = http.Request.Query;
        Inputs? variables = null;
        if (!StringValues.IsNullOrEmpty(query["variables"]))
        {
            try
            {
                variables = serializer.Deserialize<Inputs>(query["variables"].ToString());
            }
            catch (JsonException exception)
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, $"The 'variables' parameter is not valid JSON: {exception.Message}");
                return;
            }
        }

        var request = new GraphQLRequest
        {
            Query = query["query"].ToString(),
            OperationName = StringValues.IsNullOrEmpty(query["operationName"]) ? null : query["operationName"].ToString(),
            Variables = variables,
        };
        await ExecuteAsync(http, request);
    }

    private async Task ExecuteAsync(HttpContext http, GraphQLRequest? request)
    {
        var access = gate.Admit(http.Request.Headers[ApiAccessGate.HeaderName]);
        if (!access.Allowed)
        {
            await WriteAccessDeniedAsync(http, access);
            return;
        }

        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, "The request has no 'query'.");
            return;
        }

        var result = await executor.ExecuteAsync(request, http.RequestServices, http.RequestAborted);
        await WriteAsync(http, StatusCodes.Status200OK, result);
    }

    public Task WriteRequestErrorAsync(HttpContext http, int statusCode, string message) =>
        WriteAsync(http, statusCode, new ExecutionResult { Errors = [new ExecutionError(message) { Code = "BAD_REQUEST" }] });

    public Task WriteAccessDeniedAsync(HttpContext http, AccessDecision access)
    {
        if (access.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            http.Response.Headers.RetryAfter = "60";
        }

        return WriteAsync(http, access.StatusCode, new ExecutionResult { Errors = [new ExecutionError(access.Message!) { Code = access.Code }] });
    }

    private async Task WriteAsync(HttpContext http, int statusCode, ExecutionResult result)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
