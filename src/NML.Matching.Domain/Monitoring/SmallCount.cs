using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// A count about people as a caller may see it: the number, or the string "fewer than 5" marker (see
/// <see cref="HiddenText"/>) when it lies between 1 and 4 and the caller's role gets the small-number rule (the usual
/// rule for statistics on small groups: nobody can be singled out). JSON: an integer, or that string.
/// </summary>
[JsonConverter(typeof(SmallCountJsonConverter))]
public readonly record struct SmallCount(int Value, bool Hidden)
{
    public const string HiddenText = "<5";
    public const int Threshold = 5;

    /// <summary>The count under the rule: hidden when <paramref name="suppress"/> and 1 ≤ count ≤ 4.</summary>
    public static SmallCount Of(int count, bool suppress) => new(count, suppress && IsSmall(count));

    /// <summary>1 to 4: small enough to single someone out.</summary>
    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>The number when shown, otherwise null.</summary>
    public int? Shown => Hidden ? null : Value;

    public override string ToString() => Hidden ? HiddenText : Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Writes a <see cref="SmallCount"/> as a number or <c>"&lt;5"</c>, and reads both back.</summary>
public sealed class SmallCountJsonConverter : JsonConverter<SmallCount>
{
    public override SmallCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new SmallCount(reader.GetInt32(), false),
        JsonTokenType.String when reader.GetString() == SmallCount.HiddenText => new SmallCount(0, true),
        _ => throw new JsonException($"A count is a number or \"{SmallCount.HiddenText}\"."),
    };

    public override void Write(Utf8JsonWriter writer, SmallCount value, JsonSerializerOptions options)
    {
        if (value.Hidden) writer.WriteStringValue(SmallCount.HiddenText);
        else writer.WriteNumberValue(value.Value);
    }
}
