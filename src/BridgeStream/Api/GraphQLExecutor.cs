using BridgeStream.Api.Scalars;
using ClickHouse.Driver;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api;

/// <summary>
/// Runs GraphQL requests against <see cref="BridgeStreamSchema"/> with the API's limits: depth and complexity are
/// checked (introspection included) before anything runs, and failures of data access come back as errors that say
/// what happened (QUERY_TIMEOUT, DATA_UNAVAILABLE) while the details go to the log.
/// </summary>
public sealed partial class GraphQLExecutor(
    BridgeStreamSchema schema, IDocumentExecuter executer, IOptions<ApiOptions> options, ILogger<GraphQLExecutor> logger)
{
    /// <summary>Deeper documents are rejected before execution (the standard introspection query needs 13).</summary>
    public const int MaxQueryDepth = 15;

    /// <summary>
    /// Roughly "fields resolved": a page of 500 messages with every field and their history fits; the standard
    /// introspection query fits; several such pages in one document do not.
    /// </summary>
    public const int MaxComplexity = 100_000;

    // ClickHouse's TIMEOUT_EXCEEDED.
    private const int ClickHouseTimeoutExceeded = 159;

    private static readonly IValidationRule[] ValidationRules =
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxQueryDepth, MaxComplexity = MaxComplexity }),
    ];

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
            ValidationRules = ValidationRules,
            UnhandledExceptionDelegate = DescribeUnhandledAsync,
        });
        SayWhyScalarsWereRejected(result);
        return result;
    }

    // GraphQL.NET reports "Unable to convert 'x' to 'Hash'" and keeps the scalar's own explanation as the inner
    // exception; the client gets both.
    private static void SayWhyScalarsWereRejected(ExecutionResult result)
    {
        if (result.Errors is not { } errors || !errors.Any(error => Explanation(error) is not null))
        {
            return;
        }

        var explained = new ExecutionErrors();
        foreach (var error in errors)
        {
            explained.Add(Explanation(error) is { } why ? Explained(error, why) : error);
        }

        result.Errors = explained;
    }

    // Literals are checked by GraphQL.NET's ArgumentsOfCorrectType rule, which keeps no inner exception: say what
    // the expected scalar looks like instead.
    private static string? Explanation(ExecutionError error)
    {
        if (FindScalarProblem(error) is { } problem)
        {
            return problem.Message;
        }

        var literal = LiteralOfWrongType().Match(error.Message);
        return literal.Success && ScalarRules.TryGetValue(literal.Groups[1].Value, out var rule) ? rule : null;
    }

    private static readonly Dictionary<string, string> ScalarRules = new(StringComparer.Ordinal)
    {
        ["Hash"] = new HashGraphType().Description!,
        ["Address"] = new AddressGraphType().Description!,
        ["BigInt"] = new Uint256GraphType().Description!,
        ["DateTime"] = new UtcDateTimeGraphType().Description!,
    };

    [System.Text.RegularExpressions.GeneratedRegex("Expected type '(\\w+)!?'")]
    private static partial System.Text.RegularExpressions.Regex LiteralOfWrongType();

    private static ScalarFormatException? FindScalarProblem(Exception error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is ScalarFormatException problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static ExecutionError Explained(ExecutionError error, string why)
    {
        var explained = new ExecutionError($"{error.Message.TrimEnd('.')}: {why}", error.InnerException)
        {
            Path = error.Path,
            Code = error.Code,
        };
        foreach (var location in error.Locations ?? [])
        {
            explained.AddLocation(location);
        }

        return explained;
    }

    private Task DescribeUnhandledAsync(UnhandledExceptionContext context)
    {
        var field = context.FieldContext?.FieldDefinition.Name;
        if (IsTimeout(context.OriginalException))
        {
            logger.LogWarning("GraphQL field {Field} stopped by the query timeout", field);
            context.Exception = new ExecutionError(
                $"Reading '{field}' took longer than the API's limit of {options.Value.QueryTimeoutSeconds} s and was stopped; narrow the filter or ask for fewer rows.")
            {
                Code = "QUERY_TIMEOUT",
            };
            return Task.CompletedTask;
        }

        logger.LogError(context.OriginalException, "GraphQL field {Field} failed", field);
        if (context.OriginalException is ClickHouseServerException or HttpRequestException)
        {
            context.Exception = new ExecutionError($"Reading '{field}' from ClickHouse failed; see the server log.") { Code = "DATA_UNAVAILABLE" };
        }

        return Task.CompletedTask;
    }

    private static bool IsTimeout(Exception exception) =>
        exception is OperationCanceledException or TimeoutException
        || (exception is ClickHouseServerException server && server.ErrorCode == ClickHouseTimeoutExceeded);
}
