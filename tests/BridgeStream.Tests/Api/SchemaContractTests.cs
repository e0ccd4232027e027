using BridgeStream.Api;
using GraphQL;
using GraphQL.Utilities;

namespace BridgeStream.Tests.Api;

public sealed class SchemaContractTests
{
    private static readonly string ContractPath = Path.Combine(BridgeStream.Embedded.EmbeddedTools.RepositoryRoot, "schemas", "graphql", "schema.graphql");

    [Fact]
    public void Served_schema_matches_the_contract_file()
    {
        var served = SdlNormalizer.Normalize(PrintServedSchema());
        var contract = SdlNormalizer.Normalize(File.ReadAllText(ContractPath));

        Assert.Equal(contract, served);
    }

    [Theory]
    [InlineData("  failedAttempts: Int!\n", "")]                                   // a field removed
    [InlineData("  FAILED\n", "  FAILED\n  EXPIRED\n")]                            // an enum value added
    [InlineData("first: Int = 20", "first: Int = 10")]                             // a default changed
    [InlineData("Seconds from the send's block", "Seconds from the send")]        // a description changed
    [InlineData("sender: Address\n", "sender: Address!\n")]                        // nullability changed
    public void Normalised_comparison_detects_drift(string original, string drifted)
    {
        var contractText = File.ReadAllText(ContractPath);
        Assert.Contains(original, contractText, StringComparison.Ordinal);

        var driftedText = contractText.Replace(original, drifted, StringComparison.Ordinal);

        Assert.NotEqual(SdlNormalizer.Normalize(contractText), SdlNormalizer.Normalize(driftedText));
    }

    [Fact]
    public void Normalised_comparison_ignores_comments_layout_and_definition_order()
    {
        const string a = "# a comment\ntype A { x: Int }\n\nscalar Long";
        const string b = "scalar   Long\ntype A {\n  x: Int\n}\n";

        Assert.Equal(SdlNormalizer.Normalize(a), SdlNormalizer.Normalize(b));
    }

    private static string PrintServedSchema()
    {
        using var schema = new BridgeStreamSchema();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = null });
    }
}

/// <summary>Every stored protocol and proof system name has a GraphQL enum value, or rows of it could not be served.</summary>
public sealed class EnumCoverageTests
{
    [Fact]
    public void Every_protocol_and_proof_system_is_a_graphql_enum_value()
    {
        var protocols = new ProtocolGraphType().Values.Select(v => (string)v.Value!).ToHashSet();
        var proofSystems = new ProofSystemGraphType().Values.Select(v => (string)v.Value!).ToHashSet();

        Assert.All(Enum.GetValues<BridgeStream.Core.Events.Protocol>().Where(p => p != BridgeStream.Core.Events.Protocol.Unspecified),
            p => Assert.Contains(BridgeStream.ClickHouse.ClickHouseRows.ProtocolName(p), protocols));
        Assert.All(Enum.GetValues<BridgeStream.Core.Protocols.ProofSystem>().Where(p => p != BridgeStream.Core.Protocols.ProofSystem.Unspecified),
            p => Assert.Contains(BridgeStream.ClickHouse.ClickHouseRows.UpperSnake(p.ToString()), proofSystems));
    }
}
