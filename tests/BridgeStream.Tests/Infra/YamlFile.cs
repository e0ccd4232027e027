using YamlDotNet.RepresentationModel;

namespace BridgeStream.Tests.Infra;

/// <summary>Small navigation helpers over YamlDotNet's representation model, failing with the path that was missing.</summary>
internal static class YamlFile
{
    public static YamlMappingNode LoadMapping(string text, string source)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        Assert.True(stream.Documents.Count == 1, $"{source}: expected one YAML document, found {stream.Documents.Count}.");
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public static YamlNode? Find(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    public static YamlMappingNode Mapping(YamlNode node, params string[] path) =>
        Find(node, path) as YamlMappingNode ?? throw new InvalidDataException($"No mapping at {string.Join('.', path)}.");

    public static YamlSequenceNode Sequence(YamlNode node, params string[] path) =>
        Find(node, path) as YamlSequenceNode ?? throw new InvalidDataException($"No sequence at {string.Join('.', path)}.");

    public static string? Scalar(YamlNode node, params string[] path) => (Find(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(YamlMappingNode mapping) =>
        mapping.Children.Select(entry => new KeyValuePair<string, YamlNode>(((YamlScalarNode)entry.Key).Value ?? string.Empty, entry.Value));
}
