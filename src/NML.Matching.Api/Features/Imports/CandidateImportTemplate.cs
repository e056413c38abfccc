using System.Text.RegularExpressions;
using FluentValidation.Results;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Candidates;

namespace NML.Matching.Api.Features.Imports;

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

    /// <summary>The waiting list as a kind of import: the cliëntreferentie is the key, the candidate register's validator the rules.</summary>
    public static readonly ImportDefinition<CandidateRequest> Definition = new(
        Required, Reference, Parse, r => r.ExternalReference, new CandidateRequest.Validator(), ColumnOf, DutchMessage);

    /// <summary>The template with its header row only, as an Excel workbook.</summary>
    public static byte[] Xlsx() => XlsxWriter.Write("Wachtlijst", Columns, []);

    /// <summary>The template with its header row only, as a Dutch CSV (UTF-8 with byte-order mark, <c>;</c>).</summary>
    public static byte[] Csv() => new CsvTable(Columns).ToBytes(CsvDialect.ExcelNl);

    /// <summary>The row as a request, and the cells that could not be read (not a number, not a date, an unknown value).</summary>
    public static (CandidateRequest Request, List<ImportIssue> Unreadable) Parse(SheetRow row)
    {
        var cells = new ImportCells(row);
        var adults = cells.Whole(Adults);
        var children = cells.Whole(Children);
        var groundFloor = cells.YesNo(GroundFloor);
        var wheelchair = cells.YesNo(Wheelchair);
        var request = new CandidateRequest(
            cells.Text(Reference), cells.Text(Herkomst)?.ToUpperInvariant(), cells.Choice(Setting, ImportCells.EnumNames<CurrentSetting>()), cells.Choice(Age, AgeNames),
            new HouseholdRequest(adults, children),
            cells.Whole(Bedrooms), cells.Amount(MaxRent),
            groundFloor is null && wheelchair is null ? null : new AccessibilityNeedsRequest(groundFloor, wheelchair),
            cells.Choice(Support, ImportCells.EnumNames<SupportNeed>()), cells.YesNo(Care24x7), cells.Whole(SupportHours), cells.YesNo(Guaranteed), cells.Choice(Prikkelarm, PrikkelarmNames),
            cells.Codes(Preferred), cells.Codes(Excluded), cells.TargetGroups(TargetGroups), cells.Date(ReadySince), cells.YesNo(Urgent), cells.Choice(UrgencyReason, ImportCells.EnumNames<UrgencyReason>()));
        return (request, cells.Issues);
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

    /// <summary>A failure of the register's validator in Dutch (<see cref="ImportCells.DutchMessage"/> with the candidate register's own messages).</summary>
    public static string DutchMessage(ValidationFailure failure) =>
        failure.ErrorCode is "NotEmptyValidator" or "NotNullValidator" && ColumnOf(failure.PropertyName) == Guaranteed
            ? "Vul ja of nee in: gaat de ambulante begeleiding na de verhuizing door?"
            : ImportCells.DutchMessage(failure, RegisterMessages);

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
