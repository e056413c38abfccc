using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Candidates;

/// <summary>
/// The words of the provider's client pages, from docs/registers.md: the Dutch names of the register's values, and the
/// Dutch sentence for each field and refusal. The rules themselves stay in the handlers (Features/Candidates), whose
/// validators and codes speak English for the API; this class only says in Dutch what the refused field asks for, as
/// the monitoring page does (D47).
/// </summary>
public static class CandidateWords
{
    public const string BsnMessage = "Vul geen BSN in; gebruik uw eigen cliëntnummer.";

    public static string Of(CandidateStatus status) => status switch
    {
        CandidateStatus.Registered => "aangemeld",
        CandidateStatus.Ready => "uitstroom-gereed",
        CandidateStatus.Matched => "in een match",
        CandidateStatus.Housed => "gehuisvest",
        CandidateStatus.Parked => "geparkeerd",
        CandidateStatus.Withdrawn => "teruggetrokken",
        _ => status.ToString(),
    };

    public static string Of(CurrentSetting setting) => setting switch
    {
        CurrentSetting.BeschermdWonen => "beschermd wonen",
        CurrentSetting.MaatschappelijkeOpvang => "maatschappelijke opvang",
        CurrentSetting.BeschermdThuis => "beschermd thuis",
        CurrentSetting.Kliniek => "kliniek",
        _ => "anders",
    };

    public static string Of(AgeBand band) => band switch
    {
        AgeBand.Age18To22 => "18-22 jaar",
        AgeBand.Age23To26 => "23-26 jaar",
        AgeBand.Age27To49 => "27-49 jaar",
        AgeBand.Age50To64 => "50-64 jaar",
        _ => "65 jaar of ouder",
    };

    public static string Of(SupportNeed need) => need switch
    {
        SupportNeed.Licht => "licht",
        SupportNeed.Midden => "midden",
        _ => "intensief",
    };

    public static string Of(PrikkelarmNeed need) => need switch
    {
        PrikkelarmNeed.None => "geen behoefte",
        PrikkelarmNeed.Preferred => "liefst prikkelarm",
        _ => "prikkelarm nodig",
    };

    public static string Of(UrgencyReason reason) => reason switch
    {
        UrgencyReason.GezinDreigtDakloos => "gezin dreigt dakloos te worden",
        UrgencyReason.IndicatieLooptAf => "indicatie loopt af",
        UrgencyReason.Veiligheid => "veiligheid",
        _ => "anders",
    };

    public static string Of(TargetGroup group) => group switch
    {
        TargetGroup.Jongeren => "jongeren (18-27)",
        TargetGroup.Gezin => "gezin met kinderen",
        TargetGroup.HuiselijkGeweld => "huiselijk geweld",
        TargetGroup.LHBTIQ => "LHBTIQ+",
        TargetGroup.ExGedetineerde => "ex-gedetineerde",
        _ => "Housing First",
    };

    /// <summary>The options of an enum for a select: the value posted (its name) and its Dutch text.</summary>
    public static IReadOnlyList<(string Value, string Text)> Options<T>(Func<T, string> text) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => (v.ToString(), text(v)))];

    /// <summary>
    /// The form field a validator's or handler's field name belongs to: the camelCase JSON path without an index
    /// (<c>Household.Adults</c> and <c>household.adults</c> are <c>household.adults</c>; <c>preferredGemeenten[2]</c> is
    /// <c>preferredGemeenten</c>).
    /// </summary>
    public static string FieldOf(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0) name = name[..bracket];
        return string.Join('.', name.Trim('.').Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
    }

    /// <summary>What a field asks for, in Dutch: the sentence shown when the handler refuses it.</summary>
    public static string MessageFor(string field) => field switch
    {
        "externalReference" => "Vul uw eigen cliëntnummer in: 1 tot en met 64 tekens, zonder naam of BSN.",
        "herkomstGemeenteCode" => "Kies de herkomstgemeente.",
        "currentSetting" => "Kies de huidige woonsituatie.",
        "ageBand" => "Kies de leeftijdscategorie.",
        "household" or "household.adults" => "Vul het aantal volwassenen in: 1 of 2.",
        "household.children" => "Vul het aantal kinderen in: 0 tot en met 10.",
        "requiredBedrooms" => "Vul het aantal slaapkamers in: 0 tot en met 6, of laat het leeg.",
        "maxRent" => "Vul de maximale huur in: meer dan € 0 en hoogstens € 2.500, met hoogstens 2 cijfers achter de komma.",
        "supportNeed" => "Kies de begeleidingsbehoefte.",
        "needs24x7Nearby" => "24/7 zorg nabij kan alleen bij een intensieve begeleidingsbehoefte.",
        "supportHoursPerWeek" => "Vul de begeleidingsuren per week in: 0 tot en met 40, of laat het leeg.",
        "supportGuaranteed" => "Geef aan of de ambulante begeleiding na de verhuizing doorloopt.",
        "prikkelarmNeed" => "Kies de behoefte aan prikkelarm wonen.",
        "preferredGemeenten" => "Kies hoogstens 5 voorkeursgemeenten.",
        "excludedGemeenten" => "Kies hoogstens 20 uitgesloten gemeenten, en geen gemeente die ook voorkeursgemeente is.",
        "targetGroups" => "Kies hoogstens 6 doelgroepen.",
        "readySince" => "Vul de datum in waarop de cliënt uitstroom-gereed is (of wordt).",
        "urgencyReason" or "urgent" => "Kies een reden van urgentie bij een urgente cliënt, en alleen dan.",
        "until" => "Vul een datum na vandaag in.",
        "reason" => "Vul een reden in van hoogstens 200 tekens.",
        _ => "Dit is niet goed ingevuld.",
    };

    /// <summary>A handler's refusal in Dutch: the field it concerns (null for the whole form) and the sentence.</summary>
    public static (string? Field, string Message) Refusal(string code, string? field) => code switch
    {
        "unknown-gemeente" => (FieldOf(field), "Deze gemeente kennen we niet."),
        "duplicate-external-reference" or "duplicate" => ("externalReference", "U heeft al een cliënt met deze cliëntreferentie."),
        "park-until-in-past" => ("until", "Vul een datum na vandaag in: parkeren duurt tot een dag na vandaag."),
        "park-reason-required" or "withdraw-reason-required" => ("reason", MessageFor("reason")),
        "candidate-withdrawn" => (null, "Deze cliënt is teruggetrokken en kan niet meer veranderen."),
        "candidate-not-parkable" => (null, "Een cliënt in een match of die gehuisvest is, kan niet geparkeerd worden."),
        "candidate-not-parked" => (null, "Deze cliënt is niet (meer) geparkeerd."),
        "candidate-not-withdrawable" => (null, "Een cliënt in een match of die gehuisvest is, kan hier niet worden teruggetrokken; beëindig eerst de match."),
        "precondition-failed" or "concurrent-update" => (null, "Iemand anders heeft deze cliënt intussen gewijzigd."),
        _ => (field is null ? null : FieldOf(field), field is null ? "Dit kon niet worden opgeslagen." : MessageFor(FieldOf(field))),
    };

    /// <summary>
    /// The first posted form field whose text holds a likely BSN, as the API's BSN guard (<c>BsnGuardMiddleware</c>)
    /// refuses it in a JSON body; null when none does. A portal form is not JSON, so a page asks this before it sends
    /// anything to a handler. The antiforgery token, the form's name and the version the form carries are not text
    /// a person typed, and are left out.
    /// </summary>
    public static string? FieldWithBsn(IFormCollection form) =>
        form.Where(f => !f.Key.StartsWith('_') && !f.Key.EndsWith("Version", StringComparison.Ordinal))
            .FirstOrDefault(f => f.Value.Any(v => Bsn.ContainsLikelyBsn(v))).Key;
}
