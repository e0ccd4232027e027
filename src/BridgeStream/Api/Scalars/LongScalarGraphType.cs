using GraphQL.Types;

namespace BridgeStream.Api.Scalars;

/// <summary>The schema's <c>Long</c> scalar: GraphQL.NET's 64-bit integer with the contract's description.</summary>
public sealed class LongScalarGraphType : LongGraphType
{
    public LongScalarGraphType()
    {
        Name = "Long";
        Description = "A 64-bit integer (chain ids, block numbers, counts).";
    }
}
