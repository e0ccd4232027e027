using System.Text.Json;

namespace BridgeStream.Api.Subscriptions;

/// <summary>A graphql-ws message from a client: type, optional id, optional payload.</summary>
internal sealed record ProtocolMessage(string Type, string? Id, JsonElement? Payload)
{
    public static bool TryParse(string text, out ProtocolMessage message)
    {
        message = null!;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            string? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            JsonElement? payload = root.TryGetProperty("payload", out var payloadElement) ? payloadElement.Clone() : null;
            message = new ProtocolMessage(type.GetString()!, id, payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A string property of the payload object, or null.</summary>
    public string? PayloadString(string name) =>
        Payload is { ValueKind: JsonValueKind.Object } payload
        && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
