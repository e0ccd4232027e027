using BridgeStream.Api.Subscriptions;
using GraphQL;
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
        Subscription = new SubscriptionGraphType();
        // Introspection counts towards the complexity limit, at a tenth: the standard introspection query of GraphiQL
        // and code generators (about 390,000 at full weight) must pass, thirty copies of a wide one must not.
        this.WithIntrospectionComplexityImpact(0.1);
    }
}
