using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NML.Matching.Domain.Monitoring;

/// <summary>How a count about people is shown to a caller (docs/monitoring.md, D26 and D39).</summary>
public enum CountMark
{
    /// <summary>The number itself.</summary>
    Shown,

    /// <summary>A count of 1 to 4: <c>"&lt;5"</c>.</summary>
    Small,

    /// <summary>
    /// Withheld (<c>"x"</c>): a count that would give a <c>"&lt;5"</c> away by subtraction, or one of a breakdown
    /// of fewer than five people (see <see cref="Suppression"/>).
    /// </summary>
    Withheld,
}

/// <summary>
/// A count about people as a caller may see it: the number; the "fewer than 5" marker when it lies between 1 and 4
/// and the caller's role gets the small-number rule (the usual rule for statistics on small groups: nobody can be
/// singled out); or the string "x" when the rule withholds it because it would give such a count back, or because it
/// belongs to a breakdown of fewer than five people (see Suppression). JSON: an integer, or one of those strings.
/// </summary>
[JsonConverter(typeof(SmallCountJsonConverter))]
public readonly record struct SmallCount(int Value, CountMark Mark)
{
    public const string HiddenText = "<5";

    /// <summary>The sign of a withheld count, as statistical tables (CBS's among them) mark a figure kept secret.</summary>
    public const string WithheldText = "x";

    public const int Threshold = 5;

    /// <summary>The count under the primary rule only: hidden when <paramref name="suppress"/> and 1 ≤ count ≤ 4.</summary>
    public static SmallCount Of(int count, bool suppress) => new(count, suppress && IsSmall(count) ? CountMark.Small : CountMark.Shown);

    /// <summary>1 to 4: small enough to single someone out.</summary>
    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>True when the number is not shown (<c>"&lt;5"</c> or <c>"x"</c>).</summary>
    public bool Hidden => Mark != CountMark.Shown;

    /// <summary>The number when shown, otherwise null.</summary>
    public int? Shown => Hidden ? null : Value;

    public override string ToString() => Mark switch
    {
        CountMark.Small => HiddenText,
        CountMark.Withheld => WithheldText,
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Writes a <see cref="SmallCount"/> as a number, <c>"&lt;5"</c> or <c>"x"</c>, and reads them back.</summary>
public sealed class SmallCountJsonConverter : JsonConverter<SmallCount>
{
    public override SmallCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new SmallCount(reader.GetInt32(), CountMark.Shown),
        JsonTokenType.String when reader.GetString() == SmallCount.HiddenText => new SmallCount(0, CountMark.Small),
        JsonTokenType.String when reader.GetString() == SmallCount.WithheldText => new SmallCount(0, CountMark.Withheld),
        _ => throw new JsonException($"A count is a number, \"{SmallCount.HiddenText}\" or \"{SmallCount.WithheldText}\"."),
    };

    public override void Write(Utf8JsonWriter writer, SmallCount value, JsonSerializerOptions options)
    {
        if (value.Hidden) writer.WriteStringValue(value.ToString());
        else writer.WriteNumberValue(value.Value);
    }
}
