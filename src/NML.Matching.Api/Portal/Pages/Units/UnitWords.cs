using FluentValidation.Results;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Portal.Forms;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Portal.Pages.Units;

/// <summary>
/// The words of the corporation's pages (docs/registers.md §2 and §3): the Dutch names of the unit's values, a unit's
/// facts as label and text, and a Dutch sentence for each field and code the handlers refuse (their validators speak
/// English for the API; as on the monitoring page, D47, the page words them, it does not check anything itself).
/// </summary>
public static class UnitWords
{
    public static string Type(UnitType type) => type switch
    {
        UnitType.Appartement => "appartement",
        UnitType.Eengezinswoning => "eengezinswoning",
        UnitType.Studio => "studio",
        UnitType.Kamer => "kamer (gedeelde voorzieningen)",
        UnitType.Trainingswoning => "trainingswoning",
        UnitType.Tussenvoorziening => "tussenvoorziening",
        _ => type.ToString(),
    };

    public static string Status(UnitStatus status) => status switch
    {
        UnitStatus.Available => "beschikbaar",
        UnitStatus.Reserved => "gereserveerd",
        UnitStatus.Let => "verhuurd",
        UnitStatus.Withdrawn => "ingetrokken",
        _ => status.ToString(),
    };

    public static string Support(SupportOnSite support) => support switch
    {
        SupportOnSite.None => "geen",
        SupportOnSite.Nearby => "begeleiding in de buurt",
        SupportOnSite.TwentyFourSeven => "24/7 begeleiding",
        _ => support.ToString(),
    };

    public static string Contract(ContractForm form) => form switch
    {
        ContractForm.Regulier => "regulier huurcontract",
        ContractForm.Omklap => "omklapconstructie",
        ContractForm.HousingFirst => "Housing First (eigen huurcontract vanaf dag één)",
        ContractForm.Tijdelijk => "tijdelijk contract",
        _ => form.ToString(),
    };

    public static string Group(TargetGroup group) => group switch
    {
        TargetGroup.Jongeren => "jongeren",
        TargetGroup.Gezin => "gezin met kinderen",
        TargetGroup.HuiselijkGeweld => "na huiselijk geweld",
        TargetGroup.LHBTIQ => "LHBTIQ+",
        TargetGroup.ExGedetineerde => "ex-gedetineerden",
        TargetGroup.HousingFirst => "Housing First",
        _ => group.ToString(),
    };

    /// <summary>The five prikkelarm features: the form's name, the label and what it means (docs/registers.md §2.1).</summary>
    public static IReadOnlyList<(string Name, string Label, string Explanation)> PrikkelarmFeatures { get; } =
    [
        ("OwnFrontDoor", "Eigen voordeur", "De woning heeft een eigen voordeur aan de straat of galerij."),
        ("NoSharedStairwell", "Geen gedeeld trappenhuis", "Geen gedeeld trappenhuis of gedeelde entree."),
        ("NoDirectNeighbours", "Geen directe buren", "Geen buren direct boven of onder de woning."),
        ("QuietStreet", "Rustige straat", "De woning ligt in een rustige straat."),
        ("EdgeOfNeighbourhood", "Rand van de wijk", "De woning ligt aan de rand van de wijk."),
    ];

    /// <summary>What the derived prikkelarm level (0-3) means (docs/registers.md §2.2).</summary>
    public static string PrikkelarmLevel(int level) => level switch
    {
        3 => "3: eigen entree (eigen voordeur en geen gedeeld trappenhuis), geen directe buren, en een rustige straat of de rand van de wijk",
        2 => "2: eigen entree (eigen voordeur en geen gedeeld trappenhuis) en nog minstens één kenmerk",
        1 => "1: twee kenmerken",
        _ => "0: geen prikkelarme woning",
    };

    /// <summary>A unit's facts, label and text, in the order of the form (for the detail page and for "what changed").</summary>
    public static IReadOnlyList<(string Label, string Text)> Facts(UnitDto u) =>
    [
        ("Referentie", u.Reference),
        ("Gemeente", u.GemeenteCode),
        ("Kern", u.Kern ?? "–"),
        ("Postcode", u.Postcode),
        ("Huisnummer", u.HouseNumber ?? "–"),
        ("Woningtype", Type(u.UnitType)),
        ("Slaapkamers", u.Bedrooms.ToString(DutchFormat.Numbers)),
        ("Maximale bezetting", u.MaxOccupants.ToString(DutchFormat.Numbers)),
        ("Woonoppervlak", u.FloorArea is { } area ? area.ToString("0.##", DutchFormat.Numbers) + " m²" : "–"),
        ("Kale huur", DutchFormat.Euro(u.BasicRent)),
        ("Servicekosten", DutchFormat.Euro(u.ServiceCosts)),
        ("Gelijkvloers of lift", YesNo(u.Accessibility.GroundFloorOrLift)),
        ("Rolstoeltoegankelijk", YesNo(u.Accessibility.WheelchairAccessible)),
        ("Eigen voordeur", YesNo(u.Prikkelarm.OwnFrontDoor)),
        ("Geen gedeeld trappenhuis", YesNo(u.Prikkelarm.NoSharedStairwell)),
        ("Geen directe buren", YesNo(u.Prikkelarm.NoDirectNeighbours)),
        ("Rustige straat", YesNo(u.Prikkelarm.QuietStreet)),
        ("Rand van de wijk", YesNo(u.Prikkelarm.EdgeOfNeighbourhood)),
        ("Ondersteuning ter plaatse", Support(u.SupportOnSite)),
        ("Contractvorm", Contract(u.ContractForm)),
        ("Doelgroepen", u.TargetGroups.Count == 0 ? "open voor iedereen" : string.Join(", ", u.TargetGroups.Select(Group))),
        ("Beschikbaar per", DutchFormat.Date(u.AvailableFrom)),
    ];

    private static string YesNo(bool value) => value ? "ja" : "nee";

    /// <summary>The form's field key for a property name of the validator or a handler's refusal (camelCase or not).</summary>
    public static string FieldOf(string propertyName)
    {
        var name = propertyName.TrimStart('.');
        if (name.StartsWith("Body.", StringComparison.OrdinalIgnoreCase)) name = name[5..];
        return string.Join('.', name.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
    }

    /// <summary>The Dutch sentence for a refused field of the unit form (its rule in the words of docs/registers.md §2.1).</summary>
    public static string Message(string field) => field switch
    {
        "Reference" => "Vul de eigen referentie in: 1 tot 64 tekens, niet alleen spaties.",
        "GemeenteCode" => "Vul de CBS-code van de gemeente in, zoals GM0983.",
        "Kern" => "De kern heeft hoogstens 100 tekens.",
        "Postcode" => "Vul een Nederlandse postcode in, zoals 1234 AB.",
        "HouseNumber" => "Het huisnummer met toevoeging heeft hoogstens 16 tekens.",
        "UnitType" => "Kies het woningtype.",
        "Bedrooms" => "Vul het aantal slaapkamers in: 0 tot en met 8.",
        "MaxOccupants" => "Vul de maximale bezetting in: 1 tot en met 12 personen.",
        "FloorArea" => "Het woonoppervlak is meer dan 0 en hoogstens 1000 m², met hoogstens 2 decimalen.",
        "BasicRent" => "Vul de kale huur in: 0 tot en met 10.000 euro, met hoogstens 2 decimalen.",
        "ServiceCosts" => "De servicekosten zijn 0 tot en met 10.000 euro, met hoogstens 2 decimalen.",
        "Accessibility.GroundFloorOrLift" => "Een rolstoeltoegankelijke woning is gelijkvloers of heeft een lift.",
        "SupportOnSite" => "Kies de ondersteuning ter plaatse.",
        "ContractForm" => "Kies de contractvorm.",
        "TargetGroups" => "Kies hoogstens 6 doelgroepen.",
        "AvailableFrom" => "Vul een geldige datum in (tussen 2000 en 2100).",
        _ => "Dit veld is niet goed ingevuld.",
    };

    /// <summary>The Dutch sentence for a handler's refusal by its code.</summary>
    public static string Refusal(string code, string field) => code switch
    {
        "unknown-gemeente" => "Er is geen gemeente met deze code.",
        "gemeente-outside-werkgebied" => "Deze gemeente ligt niet in het werkgebied van uw organisatie.",
        "duplicate-reference" => "U heeft al een woning met deze referentie.",
        "unit-withdrawn" => "Deze woning is ingetrokken en kan niet meer worden gewijzigd.",
        "unit-not-withdrawable" => "Alleen een beschikbare woning kan worden ingetrokken; deze woning is gereserveerd of verhuurd.",
        _ => Message(field),
    };

    /// <summary>The validator's failures as the form's messages: one Dutch sentence per refused field.</summary>
    public static void AddFailures(FormErrors errors, IEnumerable<ValidationFailure> failures)
    {
        foreach (var field in failures.Select(f => FieldOf(f.PropertyName)).Distinct())
            if (errors.For(field).Count == 0) errors.Add(field, Message(field));
    }
}
