using System.Text.Json;
using System.Text.Json.Serialization;

namespace NML.Matching.Api.Persistence;

/// <summary>
/// The one set of JSON options for everything the service stores as JSON: the audit trail's before and after, the
/// outbox payloads, the stored matching rounds and the match snapshots. camelCase names (the web defaults) and enums
/// as their names, so that what is stored reads like what the API answers.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored JSON for {typeof(T).Name} is null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
