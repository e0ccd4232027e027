using System.Text.RegularExpressions;

namespace BridgeStream.Kafka;

/// <summary>Kafka's own rule for topic names, checked up front so a bad name fails with a clear message, not a broker error code.</summary>
public static partial class TopicNames
{
    public const int MaxLength = 249;

    public static void Validate(string name, string paramName = "name")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (name.Length > MaxLength)
        {
            throw new ArgumentException($"Kafka topic name '{name}' is longer than {MaxLength} characters.", paramName);
        }

        if (name is "." or ".." || !LegalCharacters().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a legal Kafka topic name (allowed: letters, digits, '.', '_', '-'; not '.' or '..').", paramName);
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex LegalCharacters();
}
