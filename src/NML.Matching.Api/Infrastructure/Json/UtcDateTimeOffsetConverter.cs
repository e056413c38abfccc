using System.Text.Json;
using System.Text.Json.Serialization;

namespace NML.Matching.Api.Infrastructure.Json;

/// <summary>
/// Accepts timestamps with any offset and keeps them as UTC, which is how PostgreSQL's timestamptz
/// stores them (Npgsql refuses other offsets). Writes them back in UTC.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime());
}
