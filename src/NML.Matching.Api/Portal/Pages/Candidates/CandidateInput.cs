using System.Globalization;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Portal.Forms;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Candidates;

/// <summary>
/// The registration form as posted: text as typed (so that nothing is lost when the handler refuses it), turned into
/// the API's <see cref="CandidateRequest"/> for the handler. Only what a text cannot be (a number that is no number, a
/// date that is no date) is said here; every rule is the validator's.
/// </summary>
public sealed class CandidateInput
{
    public string? ExternalReference { get; set; }
    public string? HerkomstGemeenteCode { get; set; }
    public string? CurrentSetting { get; set; }
    public string? AgeBand { get; set; }
    public string? Adults { get; set; }
    public string? Children { get; set; }
    public string? RequiredBedrooms { get; set; }
    public string? MaxRent { get; set; }
    public bool NeedsGroundFloorOrLift { get; set; }
    public bool NeedsWheelchairAccess { get; set; }
    public string? SupportNeed { get; set; }
    public bool Needs24x7Nearby { get; set; }
    public string? SupportHoursPerWeek { get; set; }
    /// <summary><c>true</c>, <c>false</c> or nothing chosen.</summary>
    public string? SupportGuaranteed { get; set; }
    public string? PrikkelarmNeed { get; set; }
    public string? ReadySince { get; set; }
    public bool Urgent { get; set; }
    public string? UrgencyReason { get; set; }
    /// <summary>The version the form was opened with (edit only).</summary>
    public string? Version { get; set; }

    /// <summary>Checkbox groups: posted under their own names and read from the form, in the form's order.</summary>
    public List<string> PreferredGemeenten { get; set; } = [];
    public List<string> ExcludedGemeenten { get; set; } = [];
    public List<string> TargetGroups { get; set; } = [];

    public static CandidateInput From(CandidateDto c) => new()
    {
        ExternalReference = c.ExternalReference,
        HerkomstGemeenteCode = c.HerkomstGemeenteCode,
        CurrentSetting = c.CurrentSetting.ToString(),
        AgeBand = c.AgeBand.ToString(),
        Adults = Number(c.Household.Adults),
        Children = Number(c.Household.Children),
        RequiredBedrooms = Number(c.RequiredBedrooms),
        MaxRent = c.MaxRent.ToString("0.00", DutchFormat.Numbers),
        NeedsGroundFloorOrLift = c.Accessibility.NeedsGroundFloorOrLift,
        NeedsWheelchairAccess = c.Accessibility.NeedsWheelchairAccess,
        SupportNeed = c.SupportNeed.ToString(),
        Needs24x7Nearby = c.Needs24x7Nearby,
        SupportHoursPerWeek = c.SupportHoursPerWeek is { } hours ? Number(hours) : null,
        SupportGuaranteed = c.SupportGuaranteed ? "true" : "false",
        PrikkelarmNeed = c.PrikkelarmNeed.ToString(),
        ReadySince = c.ReadySince.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Urgent = c.Urgent,
        UrgencyReason = c.UrgencyReason?.ToString(),
        Version = c.Version.ToString(CultureInfo.InvariantCulture),
        PreferredGemeenten = [.. c.PreferredGemeenten],
        ExcludedGemeenten = [.. c.ExcludedGemeenten],
        TargetGroups = [.. c.TargetGroups.Select(t => t.ToString())],
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The request for the handler. A value that cannot be read (a letter in a number, an impossible date) is added to
    /// <paramref name="errors"/> and the request is not sent; an empty optional field is left out, as the API allows.
    /// </summary>
    public CandidateRequest ToRequest(FormErrors errors)
    {
        int? Whole(string? text, string field, string message)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(field, message);
            return null;
        }
        T? Choice<T>(string? text) where T : struct, Enum =>
            !string.IsNullOrEmpty(text) && !int.TryParse(text, out _) && Enum.TryParse<T>(text, out var value) ? value : null;

        decimal? rent = null;
        if (!string.IsNullOrWhiteSpace(MaxRent))
        {
            var text = MaxRent.Trim().Replace("€", "", StringComparison.Ordinal).Trim();
            // A Dutch amount: a decimal comma, and a thousands point only when followed by three digits.
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\.(?=\d{3}(\D|$))", "").Replace(',', '.');
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) rent = value;
            else errors.Add("maxRent", "Vul een bedrag in euro in, zoals 650,00.");
        }
        DateOnly? ready = null;
        if (!string.IsNullOrWhiteSpace(ReadySince))
        {
            if (DateOnly.TryParseExact(ReadySince.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) ready = date;
            else errors.Add("readySince", "Vul een geldige datum in.");
        }
        return new CandidateRequest(
            ExternalReference,
            string.IsNullOrWhiteSpace(HerkomstGemeenteCode) ? null : HerkomstGemeenteCode,
            Choice<CurrentSetting>(CurrentSetting),
            Choice<AgeBand>(AgeBand),
            new HouseholdRequest(Whole(Adults, "household.adults", "Vul het aantal volwassenen in als getal: 1 of 2."),
                Whole(Children, "household.children", "Vul het aantal kinderen in als getal.")),
            Whole(RequiredBedrooms, "requiredBedrooms", "Vul het aantal slaapkamers in als getal, of laat het leeg."),
            rent,
            new AccessibilityNeedsRequest(NeedsGroundFloorOrLift, NeedsWheelchairAccess),
            Choice<SupportNeed>(SupportNeed),
            Needs24x7Nearby,
            Whole(SupportHoursPerWeek, "supportHoursPerWeek", "Vul het aantal uren in als heel getal, of laat het leeg."),
            SupportGuaranteed switch { "true" => true, "false" => false, _ => null },
            Choice<PrikkelarmNeed>(PrikkelarmNeed),
            [.. PreferredGemeenten],
            [.. ExcludedGemeenten],
            [.. TargetGroups.Select(t => Choice<TargetGroup>(t)).OfType<TargetGroup>()],
            ready,
            Urgent,
            Urgent ? Choice<UrgencyReason>(UrgencyReason) : null);
    }
}
