namespace BridgeStream.Api.Scalars;

/// <summary>
/// Thrown by the API's scalars for a malformed input; <see cref="GraphQLExecutor"/> appends its message (which says
/// what the scalar expects) to GraphQL.NET's generic "Unable to convert" validation error.
/// </summary>
public sealed class ScalarFormatException(string message) : FormatException(message);
