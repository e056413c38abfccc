using NML.Matching.Api.Features.Regions;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Candidates;

/// <summary>
/// Where two versions of the registration form differ, field by field, in Dutch: what a person entered against the
/// client as it is stored now (after someone else changed it), or against the client a first post of the same form
/// registered.
/// </summary>
public static class CandidateDifferences
{
    public static List<(string Label, string Yours, string Now)> Between(CandidateInput yours, CandidateInput now, IReadOnlyList<GemeenteDto> gemeenten)
    {
        string Gemeente(string? code) => string.IsNullOrWhiteSpace(code) ? "–"
            : gemeenten.FirstOrDefault(g => string.Equals(g.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))?.Name ?? code;
        string Gemeenten(IEnumerable<string> codes) => codes.Any() ? string.Join(", ", codes.Select(Gemeente)) : "–";
        static string Text(string? text) => string.IsNullOrWhiteSpace(text) ? "–" : text.Trim();
        static string YesNo(bool value) => value ? "ja" : "nee";
        static string Choice<T>(string? text, Func<T, string> words) where T : struct, Enum =>
            Enum.TryParse<T>(text, out var value) ? words(value) : "–";
        static string Amount(string? text) =>
            decimal.TryParse(text?.Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? DutchFormat.Euro(value) : Text(text);
        static string Whole(string? text) => int.TryParse(text, out var value) ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Text(text);

        (string, Func<CandidateInput, string>)[] fields =
        [
            ("Cliëntreferentie", i => Text(i.ExternalReference)),
            ("Herkomstgemeente", i => Gemeente(i.HerkomstGemeenteCode)),
            ("Huidige woonsituatie", i => Choice<CurrentSetting>(i.CurrentSetting, CandidateWords.Of)),
            ("Leeftijdscategorie", i => Choice<AgeBand>(i.AgeBand, CandidateWords.Of)),
            ("Uitstroom-gereed sinds", i => DateOnly.TryParseExact(i.ReadySince, "yyyy-MM-dd", out var d) ? DutchFormat.Date(d) : Text(i.ReadySince)),
            ("Urgent", i => i.Urgent ? "ja: " + Choice<UrgencyReason>(i.UrgencyReason, CandidateWords.Of) : "nee"),
            ("Volwassenen", i => Whole(i.Adults)),
            ("Kinderen", i => Whole(string.IsNullOrWhiteSpace(i.Children) ? "0" : i.Children)),
            ("Maximale huur", i => Amount(i.MaxRent)),
            ("Benodigde slaapkamers", i => Whole(i.RequiredBedrooms)),
            ("Gelijkvloers of lift", i => YesNo(i.NeedsGroundFloorOrLift)),
            ("Rolstoeltoegankelijk", i => YesNo(i.NeedsWheelchairAccess)),
            ("Begeleidingsbehoefte", i => Choice<SupportNeed>(i.SupportNeed, CandidateWords.Of)),
            ("24/7 zorg nabij", i => YesNo(i.Needs24x7Nearby)),
            ("Begeleidingsuren per week", i => Whole(i.SupportHoursPerWeek)),
            ("Begeleiding gegarandeerd", i => i.SupportGuaranteed switch { "true" => "ja", "false" => "nee", _ => "–" }),
            ("Prikkelarm wonen", i => Choice<PrikkelarmNeed>(i.PrikkelarmNeed, CandidateWords.Of)),
            ("Voorkeursgemeenten", i => Gemeenten(i.PreferredGemeenten)),
            ("Uitgesloten gemeenten", i => Gemeenten(i.ExcludedGemeenten.Order())),
            ("Doelgroepen", i => i.TargetGroups.Count == 0 ? "–"
                : string.Join(", ", i.TargetGroups.Select(t => Enum.TryParse<TargetGroup>(t, out var g) ? g : (TargetGroup?)null).OfType<TargetGroup>().Distinct().Order().Select(CandidateWords.Of))),
        ];
        return [.. fields.Select(f => (f.Item1, Yours: f.Item2(yours), Now: f.Item2(now))).Where(d => d.Yours != d.Now)];
    }
}
