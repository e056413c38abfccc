using System.Globalization;
using FluentValidation.Results;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Imports;

/// <summary>A message about one field of one row of an import, in Dutch: the row number in the file and the column.</summary>
public sealed record ImportIssue(int Row, string Field, string Message);

/// <summary>
/// Reads the cells of one row of an import as the request fields of the API (text, whole numbers, amounts, ja/nee,
/// dates, known values), for every import's template. It only reads: a cell that cannot become the field's type is an
/// <see cref="Issues"/> entry, and whether a value is allowed is left to the register's own validator. A formula is
/// never taken (D52): its cell is an issue with the stored value in the message.
/// </summary>
public sealed class ImportCells(SheetRow row)
{
    public List<ImportIssue> Issues { get; } = [];

    public int Row => row.Number;

    public string? Text(string column)
    {
        if (!row.Cells.TryGetValue(column, out var cell)) return null;
        if (cell.Formula)
        {
            Issues.Add(new(row.Number, column, $"Deze cel bevat een formule (opgeslagen waarde: '{cell.Text}'). Formules worden niet uitgerekend of overgenomen: zet de waarde zelf in de cel."));
            return null;
        }
        return string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text.Trim();
    }

    public int? Whole(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && Math.Abs(d) < 1_000_000) return (int)d;
        Issues.Add(new(row.Number, column, $"'{text}' is geen geheel getal."));
        return null;
    }

    /// <summary>An amount or a measure: a Dutch 1.234,56 or 750,50, a number cell, with or without €.</summary>
    public decimal? Amount(string column, string kind = "bedrag")
    {
        var text = Text(column);
        if (text is null) return null;
        var normal = text.Replace("€", "", StringComparison.Ordinal).Trim();
        // A Dutch amount has a decimal comma (1.234,56 or 750,50); a number from a workbook cell a decimal point.
        if (normal.Contains(',', StringComparison.Ordinal)) normal = normal.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        if (decimal.TryParse(normal, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
        Issues.Add(new(row.Number, column, $"'{text}' is geen {kind}."));
        return null;
    }

    /// <summary>ja/nee, j/n, waar/onwaar, true/false, 1/0 (and an Excel true/false cell, which the reader gives as ja/nee).</summary>
    public bool? YesNo(string column)
    {
        var text = Text(column);
        switch (text?.ToLowerInvariant())
        {
            case null: return null;
            case "ja" or "j" or "waar" or "true" or "1": return true;
            case "nee" or "n" or "onwaar" or "false" or "0": return false;
            default:
                Issues.Add(new(row.Number, column, $"'{text}' is geen ja of nee."));
                return null;
        }
    }

    /// <summary>A date cell (Excel's day number), or 2026-03-01, 1-3-2026, 1/3/2026.</summary>
    public DateOnly? Date(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        // A date cell of a workbook holds the day number Excel counts from 1900.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 100_000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        Issues.Add(new(row.Number, column, $"'{text}' is geen datum. Schrijf een datum als 2026-03-01 of 1-3-2026."));
        return null;
    }

    public T? Choice<T>(string column, IReadOnlyDictionary<string, T> names) where T : struct
    {
        var text = Text(column);
        if (text is null) return null;
        if (names.TryGetValue(text, out var value)) return value;
        Issues.Add(new(row.Number, column, $"'{text}' is geen bekende waarde. Kies uit: {string.Join(", ", names.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Take(8))}."));
        return null;
    }

    /// <summary>Gemeente codes separated by commas, semicolons or spaces.</summary>
    public IReadOnlyList<string>? Codes(string column) =>
        Text(column) is { } text ? [.. text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;

    /// <summary>Target groups by their names, separated by commas or semicolons.</summary>
    public IReadOnlyList<TargetGroup>? TargetGroups(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        var groups = new List<TargetGroup>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<TargetGroup>(part, ignoreCase: true, out var g) && Enum.IsDefined(g) && !int.TryParse(part, out _)) groups.Add(g);
            else Issues.Add(new(row.Number, column, $"'{part}' is geen bekende doelgroep. Kies uit: {string.Join(", ", Enum.GetNames<TargetGroup>())}."));
        }
        return groups;
    }

    /// <summary>The names of an enum's values, case-insensitive.</summary>
    public static Dictionary<string, T> EnumNames<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A failure of a register's validator in Dutch. The rule is the validator's; only its words change: the generic
    /// checks by their error code and limits, the register's own messages by their text (<paramref name="registerMessages"/>).
    /// </summary>
    public static string DutchMessage(ValidationFailure failure, IReadOnlyDictionary<string, string> registerMessages)
    {
        string Value(string key) => failure.FormattedMessagePlaceholderValues?.TryGetValue(key, out var v) == true
            ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
        if (registerMessages.TryGetValue(failure.ErrorMessage, out var own)) return own;
        return failure.ErrorCode switch
        {
            "NotEmptyValidator" or "NotNullValidator" => "Vul dit veld in.",
            "InclusiveBetweenValidator" => $"Vul een getal van {Value("From")} tot en met {Value("To")} in.",
            "MaximumLengthValidator" => $"Ten hoogste {Value("MaxLength")} tekens.",
            "GreaterThanValidator" => $"Moet groter zijn dan {Value("ComparisonValue")}.",
            "GreaterThanOrEqualValidator" => $"Ten minste {Value("ComparisonValue")}.",
            "LessThanOrEqualValidator" => $"Ten hoogste {Value("ComparisonValue")}.",
            "ScalePrecisionValidator" => "Ten hoogste 2 cijfers achter de komma.",
            "EnumValidator" => "Geen bekende waarde.",
            _ => failure.ErrorMessage,
        };
    }
}
