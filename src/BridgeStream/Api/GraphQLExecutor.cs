using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace BridgeStream.Api;

/// <summary>Runs GraphQL requests against <see cref="BridgeStreamSchema"/> with the API's validation limits.</summary>
public sealed class GraphQLExecutor(BridgeStreamSchema schema, IDocumentExecuter executer, ILogger<GraphQLExecutor> logger)
{
    /// <summary>Deeper documents are rejected before execution (the real schema needs about 5 levels).</summary>
    public const int MaxQueryDepth = 15;

    private static readonly IValidationRule[] ValidationRules =
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxQueryDepth }),
    ];

    public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider requestServices, CancellationToken cancellationToken) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
            ValidationRules = ValidationRules,
            UnhandledExceptionDelegate = LogUnhandledAsync,
        });

    // Clients get GraphQL.NET's generic "Error trying to resolve field" message; the cause goes to the log.
    private Task LogUnhandledAsync(GraphQL.Execution.UnhandledExceptionContext context)
    {
        logger.LogError(context.OriginalException, "GraphQL field {Field} failed", context.FieldContext?.FieldDefinition.Name);
        return Task.CompletedTask;
    }
}
