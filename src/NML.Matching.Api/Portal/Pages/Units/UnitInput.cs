using System.Globalization;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Portal.Forms;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Units;

/// <summary>
/// The unit form as posted: text as typed, a box per feature and target group. <see cref="ToRequest"/> makes the API's
/// <see cref="UnitRequest"/> of it; only text that is not a number or a date at all is refused here (the handler could
/// not tell it from an empty optional field), every rule is the validator's.
/// </summary>
public sealed class UnitInput
{
    public string? Reference { get; set; }
    public string? GemeenteCode { get; set; }
    public string? Kern { get; set; }
    public string? Postcode { get; set; }
    public string? HouseNumber { get; set; }
    public string? UnitType { get; set; }
    public string? Bedrooms { get; set; }
    public string? MaxOccupants { get; set; }
    public string? FloorArea { get; set; }
    public string? BasicRent { get; set; }
    public string? ServiceCosts { get; set; }
    public bool GroundFloorOrLift { get; set; }
    public bool WheelchairAccessible { get; set; }
    public bool OwnFrontDoor { get; set; }
    public bool NoSharedStairwell { get; set; }
    public bool NoDirectNeighbours { get; set; }
    public bool QuietStreet { get; set; }
    public bool EdgeOfNeighbourhood { get; set; }
    public string? SupportOnSite { get; set; }
    public string? ContractForm { get; set; }
    public bool Jongeren { get; set; }
    public bool Gezin { get; set; }
    public bool HuiselijkGeweld { get; set; }
    public bool LHBTIQ { get; set; }
    public bool ExGedetineerde { get; set; }
    public bool HousingFirst { get; set; }
    public string? AvailableFrom { get; set; }

    /// <summary>The version the form was opened with (wijzigen), sent as If-Match.</summary>
    public uint? Version { get; set; }

    /// <summary>The unit's facts when the form was opened (wijzigen), to show what someone else changed in between.</summary>
    public string? Opened { get; set; }

    public bool Feature(string name) => name switch
    {
        nameof(OwnFrontDoor) => OwnFrontDoor,
        nameof(NoSharedStairwell) => NoSharedStairwell,
        nameof(NoDirectNeighbours) => NoDirectNeighbours,
        nameof(QuietStreet) => QuietStreet,
        nameof(EdgeOfNeighbourhood) => EdgeOfNeighbourhood,
        _ => false,
    };

    public bool Group(TargetGroup group) => group switch
    {
        TargetGroup.Jongeren => Jongeren,
        TargetGroup.Gezin => Gezin,
        TargetGroup.HuiselijkGeweld => HuiselijkGeweld,
        TargetGroup.LHBTIQ => LHBTIQ,
        TargetGroup.ExGedetineerde => ExGedetineerde,
        TargetGroup.HousingFirst => HousingFirst,
        _ => false,
    };

    public static UnitInput From(UnitDto u) => new()
    {
        Reference = u.Reference, GemeenteCode = u.GemeenteCode, Kern = u.Kern, Postcode = u.Postcode, HouseNumber = u.HouseNumber,
        UnitType = u.UnitType.ToString(), Bedrooms = Number(u.Bedrooms), MaxOccupants = Number(u.MaxOccupants),
        FloorArea = u.FloorArea?.ToString("0.##", DutchFormat.Numbers), BasicRent = u.BasicRent.ToString("0.00", DutchFormat.Numbers),
        ServiceCosts = u.ServiceCosts.ToString("0.00", DutchFormat.Numbers),
        GroundFloorOrLift = u.Accessibility.GroundFloorOrLift, WheelchairAccessible = u.Accessibility.WheelchairAccessible,
        OwnFrontDoor = u.Prikkelarm.OwnFrontDoor, NoSharedStairwell = u.Prikkelarm.NoSharedStairwell, NoDirectNeighbours = u.Prikkelarm.NoDirectNeighbours,
        QuietStreet = u.Prikkelarm.QuietStreet, EdgeOfNeighbourhood = u.Prikkelarm.EdgeOfNeighbourhood,
        SupportOnSite = u.SupportOnSite.ToString(), ContractForm = u.ContractForm.ToString(),
        Jongeren = u.TargetGroups.Contains(TargetGroup.Jongeren), Gezin = u.TargetGroups.Contains(TargetGroup.Gezin),
        HuiselijkGeweld = u.TargetGroups.Contains(TargetGroup.HuiselijkGeweld), LHBTIQ = u.TargetGroups.Contains(TargetGroup.LHBTIQ),
        ExGedetineerde = u.TargetGroups.Contains(TargetGroup.ExGedetineerde), HousingFirst = u.TargetGroups.Contains(TargetGroup.HousingFirst),
        AvailableFrom = u.AvailableFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Version = u.Version,
    };

    /// <summary>The request, and a message per field whose text is no number or date at all.</summary>
    public UnitRequest ToRequest(FormErrors errors)
    {
        int? WholeNumber(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(field, UnitWords.Message(field));
            return null;
        }
        decimal? Amount(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var plain = text.Trim().Replace("€", "", StringComparison.Ordinal).Trim();
            // Dutch first: a comma is the decimal sign; a point before three digits groups thousands.
            plain = plain.Contains(',', StringComparison.Ordinal) ? plain.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : plain;
            if (decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(field, UnitWords.Message(field));
            return null;
        }
        TEnum? Choice<TEnum>(string? text) where TEnum : struct, Enum =>
            Enum.TryParse<TEnum>(text, out var value) && Enum.IsDefined(value) ? value : null;

        DateOnly? availableFrom = null;
        if (!string.IsNullOrWhiteSpace(AvailableFrom))
        {
            if (DateOnly.TryParseExact(AvailableFrom.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || DateOnly.TryParseExact(AvailableFrom.Trim(), "d-M-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                availableFrom = date;
            else errors.Add(nameof(AvailableFrom), UnitWords.Message(nameof(AvailableFrom)));
        }

        var groups = Enum.GetValues<TargetGroup>().Where(Group).ToList();
        return new UnitRequest(
            Reference, GemeenteCode, Kern, Postcode, HouseNumber, Choice<Domain.Units.UnitType>(UnitType),
            WholeNumber(nameof(Bedrooms), Bedrooms), WholeNumber(nameof(MaxOccupants), MaxOccupants), Amount(nameof(FloorArea), FloorArea),
            Amount(nameof(BasicRent), BasicRent), Amount(nameof(ServiceCosts), ServiceCosts),
            new UnitAccessibilityRequest(GroundFloorOrLift, WheelchairAccessible),
            new PrikkelarmRequest(OwnFrontDoor, NoSharedStairwell, NoDirectNeighbours, QuietStreet, EdgeOfNeighbourhood),
            Choice<Domain.Registers.SupportOnSite>(SupportOnSite), Choice<Domain.Registers.ContractForm>(ContractForm), groups, availableFrom);
    }

    /// <summary>
    /// Whether two requests state the same facts, ignoring spaces, case and trailing zeros (a second click of the same
    /// change finds the unit already as it asks, and is no conflict).
    /// </summary>
    public static bool SameFacts(UnitRequest a, UnitRequest b) => Key(a) == Key(b);

    private static string Key(UnitRequest r)
    {
        static string N(string? s) => (s ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        static string D(decimal? d) => d?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        return string.Join("|", N(r.Reference), N(r.GemeenteCode), N(r.Kern), N(r.Postcode), N(r.HouseNumber), r.UnitType, r.Bedrooms, r.MaxOccupants,
            D(r.FloorArea), D(r.BasicRent), D(r.ServiceCosts ?? 0), r.Accessibility, r.Prikkelarm, r.SupportOnSite, r.ContractForm,
            string.Join(",", (r.TargetGroups ?? []).Distinct().Order()), r.AvailableFrom);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
