using GraphQL.Types;

namespace BridgeStream.Api;

/// <summary>
/// The served schema, code-first. schemas/graphql/schema.graphql is the contract: a test prints this schema
/// and fails when the two differ. Resolvers get their services from the request's scope, so the schema itself
/// has no dependencies and is built once per application.
/// </summary>
public sealed class BridgeStreamSchema : Schema
{
    public BridgeStreamSchema()
    {
        Query = new QueryGraphType();
    }
}
