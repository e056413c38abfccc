using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation.Results;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Imports;

/// <summary>A message about one field of one row of an import, in Dutch: the row number in the file and the column.</summary>
public sealed record ImportIssue(int Row, string Field, string Message);

/// <summary>
/// The columns of the waiting-list template (docs/portal.md, "Importeren en exporteren"), in the words of
/// docs/registers.md §1.1, and how a row of a spreadsheet becomes the <see cref="CandidateRequest"/> of the API. This
/// class only reads the cells: whether the values are allowed is decided by <see cref="CandidateRequest.Validator"/>,
/// the register's own rules, whose failures <see cref="DutchMessage"/> puts into Dutch.
/// </summary>
public static partial class CandidateImportTemplate
{
    public const string Reference = "Cliëntreferentie";
    public const string Herkomst = "Herkomstgemeente";
    public const string Setting = "Huidige woonsituatie";
    public const string Age = "Leeftijdscategorie";
    public const string Adults = "Volwassenen";
    public const string Children = "Kinderen";
    public const string Bedrooms = "Benodigde slaapkamers";
    public const string MaxRent = "Maximale huur";
    public const string GroundFloor = "Gelijkvloers of lift";
    public const string Wheelchair = "Rolstoeltoegankelijk";
    public const string Support = "Begeleidingsbehoefte";
    public const string Care24x7 = "24/7 zorg nabij";
    public const string SupportHours = "Begeleidingsuren per week";
    public const string Guaranteed = "Begeleiding gegarandeerd";
    public const string Prikkelarm = "Behoefte aan prikkelarm wonen";
    public const string Preferred = "Voorkeursgemeenten";
    public const string Excluded = "Uitgesloten gemeenten";
    public const string TargetGroups = "Doelgroepen";
    public const string ReadySince = "Uitstroom-gereed sinds";
    public const string Urgent = "Urgent";
    public const string UrgencyReason = "Reden van urgentie";

    /// <summary>The columns in the template's order.</summary>
    public static readonly string[] Columns =
    [
        Reference, Herkomst, Setting, Age, Adults, Children, Bedrooms, MaxRent, GroundFloor, Wheelchair, Support, Care24x7,
        SupportHours, Guaranteed, Prikkelarm, Preferred, Excluded, TargetGroups, ReadySince, Urgent, UrgencyReason,
    ];

    /// <summary>The required columns: a file without one of them is refused as a whole.</summary>
    public static readonly string[] Required = [Reference, Herkomst, Setting, Age, Adults, MaxRent, Support, Guaranteed, Prikkelarm, ReadySince];

    /// <summary>The template with its header row only, as an Excel workbook.</summary>
    public static byte[] Xlsx() => XlsxWriter.Write("Wachtlijst", Columns, []);

    /// <summary>The template with its header row only, as a Dutch CSV (UTF-8 with byte-order mark, <c>;</c>).</summary>
    public static byte[] Csv() => new CsvTable(Columns).ToBytes(CsvDialect.ExcelNl);

    /// <summary>The row as a request, and the cells that could not be read (not a number, not a date, an unknown value).</summary>
    public static (CandidateRequest Request, List<ImportIssue> Unreadable) Parse(SheetRow row)
    {
        var issues = new List<ImportIssue>();
        string? Text(string column)
        {
            if (!row.Cells.TryGetValue(column, out var cell)) return null;
            if (cell.Formula)
            {
                issues.Add(new(row.Number, column, $"Deze cel bevat een formule (opgeslagen waarde: '{cell.Text}'). Formules worden niet uitgerekend of overgenomen: zet de waarde zelf in de cel."));
                return null;
            }
            return string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text.Trim();
        }
        int? Whole(string column)
        {
            var text = Text(column);
            if (text is null) return null;
            if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && Math.Abs(d) < 1_000_000) return (int)d;
            issues.Add(new(row.Number, column, $"'{text}' is geen geheel getal."));
            return null;
        }
        decimal? Amount(string column)
        {
            var text = Text(column);
            if (text is null) return null;
            var normal = text.Replace("€", "", StringComparison.Ordinal).Trim();
            // A Dutch amount has a decimal comma (1.234,56 or 750,50); a number from a workbook cell a decimal point.
            if (normal.Contains(',', StringComparison.Ordinal)) normal = normal.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
            if (decimal.TryParse(normal, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
            issues.Add(new(row.Number, column, $"'{text}' is geen bedrag."));
            return null;
        }
        bool? YesNo(string column)
        {
            var text = Text(column);
            switch (text?.ToLowerInvariant())
            {
                case null: return null;
                case "ja" or "j" or "waar" or "true" or "1": return true;
                case "nee" or "n" or "onwaar" or "false" or "0": return false;
                default:
                    issues.Add(new(row.Number, column, $"'{text}' is geen ja of nee."));
                    return null;
            }
        }
        DateOnly? Date(string column)
        {
            var text = Text(column);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            // A date cell of a workbook holds the day number Excel counts from 1900.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 100_000)
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            issues.Add(new(row.Number, column, $"'{text}' is geen datum. Schrijf een datum als 2026-03-01 of 1-3-2026."));
            return null;
        }
        T? Choice<T>(string column, IReadOnlyDictionary<string, T> names) where T : struct
        {
            var text = Text(column);
            if (text is null) return null;
            if (names.TryGetValue(text, out var value)) return value;
            issues.Add(new(row.Number, column, $"'{text}' is geen bekende waarde. Kies uit: {string.Join(", ", names.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Take(8))}."));
            return null;
        }
        IReadOnlyList<string>? Codes(string column) => Text(column) is { } text ? [.. text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;
        IReadOnlyList<TargetGroup>? Groups()
        {
            var text = Text(TargetGroups);
            if (text is null) return null;
            var groups = new List<TargetGroup>();
            foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<TargetGroup>(part, ignoreCase: true, out var g) && Enum.IsDefined(g) && !int.TryParse(part, out _)) groups.Add(g);
                else issues.Add(new(row.Number, TargetGroups, $"'{part}' is geen bekende doelgroep. Kies uit: {string.Join(", ", Enum.GetNames<TargetGroup>())}."));
            }
            return groups;
        }

        var adults = Whole(Adults);
        var children = Whole(Children);
        var groundFloor = YesNo(GroundFloor);
        var wheelchair = YesNo(Wheelchair);
        var request = new CandidateRequest(
            Text(Reference), Text(Herkomst)?.ToUpperInvariant(), Choice(Setting, EnumNames<CurrentSetting>()), Choice(Age, AgeNames),
            new HouseholdRequest(adults, children),
            Whole(Bedrooms), Amount(MaxRent),
            groundFloor is null && wheelchair is null ? null : new AccessibilityNeedsRequest(groundFloor, wheelchair),
            Choice(Support, EnumNames<SupportNeed>()), YesNo(Care24x7), Whole(SupportHours), YesNo(Guaranteed), Choice(Prikkelarm, PrikkelarmNames),
            Codes(Preferred), Codes(Excluded), Groups(), Date(ReadySince), YesNo(Urgent), Choice(UrgencyReason, EnumNames<UrgencyReason>()));
        return (request, issues);
    }

    /// <summary>The column of a validator's property name (<c>Household.Adults</c>, <c>PreferredGemeenten[2]</c>).</summary>
    public static string ColumnOf(string propertyName) => Index().Replace(propertyName, string.Empty).TrimStart('.').ToLowerInvariant() switch
    {
        "externalreference" => Reference,
        "herkomstgemeentecode" => Herkomst,
        "currentsetting" => Setting,
        "ageband" => Age,
        "household" or "household.adults" => Adults,
        "household.children" => Children,
        "requiredbedrooms" => Bedrooms,
        "maxrent" => MaxRent,
        "accessibility.needsgroundfloororlift" => GroundFloor,
        "accessibility.needswheelchairaccess" => Wheelchair,
        "supportneed" => Support,
        "needs24x7nearby" => Care24x7,
        "supporthoursperweek" => SupportHours,
        "supportguaranteed" => Guaranteed,
        "prikkelarmneed" => Prikkelarm,
        "preferredgemeenten" => Preferred,
        "excludedgemeenten" => Excluded,
        "targetgroups" => TargetGroups,
        "readysince" => ReadySince,
        "urgent" => Urgent,
        "urgencyreason" => UrgencyReason,
        _ => propertyName,
    };

    /// <summary>
    /// A failure of the register's validator in Dutch. The rule is the validator's; only its words change: the
    /// generic checks by their error code and limits, the register's own messages by their text.
    /// </summary>
    public static string DutchMessage(ValidationFailure failure)
    {
        string Value(string key) => failure.FormattedMessagePlaceholderValues?.TryGetValue(key, out var v) == true
            ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
        return failure.ErrorCode switch
        {
            "NotEmptyValidator" or "NotNullValidator" when ColumnOf(failure.PropertyName) == Guaranteed =>
                "Vul ja of nee in: gaat de ambulante begeleiding na de verhuizing door?",
            "NotEmptyValidator" or "NotNullValidator" => "Vul dit veld in.",
            "InclusiveBetweenValidator" => $"Vul een getal van {Value("From")} tot en met {Value("To")} in.",
            "MaximumLengthValidator" => $"Ten hoogste {Value("MaxLength")} tekens.",
            "GreaterThanValidator" => $"Moet groter zijn dan {Value("ComparisonValue")}.",
            "LessThanOrEqualValidator" => $"Ten hoogste {Value("ComparisonValue")}.",
            "ScalePrecisionValidator" => "Ten hoogste 2 cijfers achter de komma.",
            "EnumValidator" => "Geen bekende waarde.",
            _ => RegisterMessages.TryGetValue(failure.ErrorMessage, out var dutch) ? dutch : failure.ErrorMessage,
        };
    }

    /// <summary>The register validator's own messages (CandidateRequest.Validator) in Dutch.</summary>
    private static readonly Dictionary<string, string> RegisterMessages = new(StringComparer.Ordinal)
    {
        ["Use 1-64 printable characters."] = "Gebruik 1 tot 64 leesbare tekens.",
        ["A gemeente code looks like GM0983."] = "Een gemeentecode is GM met vier cijfers, zoals GM0983.",
        ["needs24x7Nearby can only be true with supportNeed Intensief."] = "24/7 zorg nabij kan alleen bij begeleidingsbehoefte Intensief.",
        ["Confirm whether ambulant support continues after the move (supportGuaranteed)."] = "Vul ja of nee in: gaat de ambulante begeleiding na de verhuizing door?",
        [$"At most {CandidateRequest.MaxPreferred} preferred municipalities."] = $"Ten hoogste {CandidateRequest.MaxPreferred} voorkeursgemeenten.",
        [$"At most {CandidateRequest.MaxExcluded} excluded municipalities."] = $"Ten hoogste {CandidateRequest.MaxExcluded} uitgesloten gemeenten.",
        ["Each municipality appears once."] = "Noem elke gemeente één keer.",
        ["A municipality cannot be both preferred and excluded."] = "Een gemeente kan niet tegelijk voorkeursgemeente en uitgesloten zijn.",
        ["At most 6 target groups."] = "Ten hoogste 6 doelgroepen.",
        ["readySince must be a plausible date."] = "Vul een datum tussen 2000 en 2100 in.",
        ["An urgent candidate needs an urgencyReason."] = "Bij urgent: ja hoort een reden van urgentie.",
        ["urgencyReason only goes with urgent: true."] = "Een reden van urgentie hoort alleen bij urgent: ja.",
    };

    private static Dictionary<string, T> EnumNames<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, AgeBand> AgeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["18-22"] = AgeBand.Age18To22, ["23-26"] = AgeBand.Age23To26, ["27-49"] = AgeBand.Age27To49, ["50-64"] = AgeBand.Age50To64, ["65+"] = AgeBand.Age65Plus,
    };

    private static readonly Dictionary<string, PrikkelarmNeed> PrikkelarmNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Geen"] = PrikkelarmNeed.None, ["Gewenst"] = PrikkelarmNeed.Preferred, ["Vereist"] = PrikkelarmNeed.Required,
        ["None"] = PrikkelarmNeed.None, ["Preferred"] = PrikkelarmNeed.Preferred, ["Required"] = PrikkelarmNeed.Required,
    };

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
