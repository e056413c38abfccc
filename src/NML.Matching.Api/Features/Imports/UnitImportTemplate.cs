using System.Text.RegularExpressions;
using FluentValidation.Results;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Imports;

/// <summary>
/// The columns of the units template (docs/portal.md, "Importeren: woningen"), in the words of docs/registers.md §2.1,
/// and how a row becomes the <see cref="UnitRequest"/> of POST /api/v1/units. Only the cells are read here: whether the
/// values are allowed is decided by <see cref="UnitRequest.Validator"/>, the register's own rules.
/// </summary>
public static partial class UnitImportTemplate
{
    public const string Reference = "Referentie";
    public const string Gemeente = "Gemeente";
    public const string Kern = "Kern";
    public const string Postcode = "Postcode";
    public const string HouseNumber = "Huisnummer";
    public const string UnitType = "Woningtype";
    public const string Bedrooms = "Slaapkamers";
    public const string MaxOccupants = "Maximale bezetting";
    public const string FloorArea = "Woonoppervlak";
    public const string BasicRent = "Kale huur";
    public const string ServiceCosts = "Servicekosten";
    public const string GroundFloor = "Gelijkvloers of lift";
    public const string Wheelchair = "Rolstoeltoegankelijk";
    public const string OwnFrontDoor = "Eigen voordeur";
    public const string NoSharedStairwell = "Geen gedeeld trappenhuis";
    public const string NoDirectNeighbours = "Geen directe buren";
    public const string QuietStreet = "Rustige straat";
    public const string EdgeOfNeighbourhood = "Rand van de wijk";
    public const string Support = "Ondersteuning ter plaatse";
    public const string Contract = "Contractvorm";
    public const string TargetGroups = "Doelgroepen";
    public const string AvailableFrom = "Beschikbaar per";

    /// <summary>The columns in the template's order.</summary>
    public static readonly string[] Columns =
    [
        Reference, Gemeente, Kern, Postcode, HouseNumber, UnitType, Bedrooms, MaxOccupants, FloorArea, BasicRent, ServiceCosts,
        GroundFloor, Wheelchair, OwnFrontDoor, NoSharedStairwell, NoDirectNeighbours, QuietStreet, EdgeOfNeighbourhood,
        Support, Contract, TargetGroups, AvailableFrom,
    ];

    /// <summary>The required columns (the required fields of docs/registers.md §2.1): a file without one of them is refused as a whole.</summary>
    public static readonly string[] Required = [Reference, Gemeente, Postcode, UnitType, Bedrooms, MaxOccupants, BasicRent, Support, Contract, AvailableFrom];

    /// <summary>Units as a kind of import: the own reference is the key, the units register's validator the rules.</summary>
    public static readonly ImportDefinition<UnitRequest> Definition = new(
        Required, Reference, Parse, r => r.Reference, new UnitRequest.Validator(), ColumnOf, DutchMessage);

    public static byte[] Xlsx() => XlsxWriter.Write("Woningen", Columns, []);

    public static byte[] Csv() => new CsvTable(Columns).ToBytes(CsvDialect.ExcelNl);

    public static (UnitRequest Request, List<ImportIssue> Unreadable) Parse(SheetRow row)
    {
        var cells = new ImportCells(row);
        var groundFloor = cells.YesNo(GroundFloor);
        var wheelchair = cells.YesNo(Wheelchair);
        var prikkelarm = new PrikkelarmRequest(cells.YesNo(OwnFrontDoor), cells.YesNo(NoSharedStairwell), cells.YesNo(NoDirectNeighbours),
            cells.YesNo(QuietStreet), cells.YesNo(EdgeOfNeighbourhood));
        var request = new UnitRequest(
            cells.Text(Reference), cells.Text(Gemeente)?.ToUpperInvariant(), cells.Text(Kern), cells.Text(Postcode), cells.Text(HouseNumber),
            cells.Choice(UnitType, TypeNames), cells.Whole(Bedrooms), cells.Whole(MaxOccupants), cells.Amount(FloorArea, "getal"),
            cells.Amount(BasicRent), cells.Amount(ServiceCosts),
            groundFloor is null && wheelchair is null ? null : new UnitAccessibilityRequest(groundFloor, wheelchair),
            prikkelarm == new PrikkelarmRequest(null, null, null, null, null) ? null : prikkelarm,
            cells.Choice(Support, SupportNames), cells.Choice(Contract, ImportCells.EnumNames<ContractForm>()),
            cells.TargetGroups(TargetGroups), cells.Date(AvailableFrom));
        return (request, cells.Issues);
    }

    /// <summary>The column of a validator's property name (<c>Accessibility.GroundFloorOrLift</c>, <c>TargetGroups[2]</c>).</summary>
    public static string ColumnOf(string propertyName) => Index().Replace(propertyName, string.Empty).TrimStart('.').ToLowerInvariant() switch
    {
        "reference" => Reference,
        "gemeentecode" => Gemeente,
        "kern" => Kern,
        "postcode" => Postcode,
        "housenumber" => HouseNumber,
        "unittype" => UnitType,
        "bedrooms" => Bedrooms,
        "maxoccupants" => MaxOccupants,
        "floorarea" => FloorArea,
        "basicrent" => BasicRent,
        "servicecosts" => ServiceCosts,
        "accessibility.groundfloororlift" => GroundFloor,
        "accessibility.wheelchairaccessible" => Wheelchair,
        "supportonsite" => Support,
        "contractform" => Contract,
        "targetgroups" => TargetGroups,
        "availablefrom" => AvailableFrom,
        _ => propertyName,
    };

    public static string DutchMessage(ValidationFailure failure) => ImportCells.DutchMessage(failure, RegisterMessages);

    /// <summary>The units register validator's own messages (UnitRequest.Validator) in Dutch.</summary>
    private static readonly Dictionary<string, string> RegisterMessages = new(StringComparer.Ordinal)
    {
        ["Use 1-64 printable characters."] = "Gebruik 1 tot 64 leesbare tekens.",
        ["A gemeente code looks like GM0983."] = "Een gemeentecode is GM met vier cijfers, zoals GM0983.",
        ["A Dutch postcode looks like 1234 AB."] = "Een postcode is vier cijfers en twee letters, zoals 1234 AB.",
        ["A wheelchair-accessible unit is on the ground floor or has a lift."] = "Een rolstoeltoegankelijke woning is gelijkvloers of heeft een lift: vul hier ja in.",
        ["At most 6 target groups."] = "Ten hoogste 6 doelgroepen.",
        ["availableFrom must be a plausible date."] = "Vul een datum tussen 2000 en 2100 in.",
    };

    private static readonly Dictionary<string, UnitType> TypeNames = ImportCells.EnumNames<UnitType>();

    private static readonly Dictionary<string, SupportOnSite> SupportNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Geen"] = SupportOnSite.None, ["Nabij"] = SupportOnSite.Nearby, ["24/7"] = SupportOnSite.TwentyFourSeven,
        ["None"] = SupportOnSite.None, ["Nearby"] = SupportOnSite.Nearby, ["TwentyFourSeven"] = SupportOnSite.TwentyFourSeven,
    };

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
