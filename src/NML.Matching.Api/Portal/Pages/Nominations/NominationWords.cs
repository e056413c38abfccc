using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;

namespace NML.Matching.Api.Portal.Pages.Nominations;

/// <summary>The Dutch words of the nomination pages (docs/registers.md §3, docs/matching.md).</summary>
public static class NominationWords
{
    public static string Status(MatchStatus status) => status switch
    {
        MatchStatus.Proposed => "voorgesteld (nog niet voorgedragen)",
        MatchStatus.Nominated => "voorgedragen: uw besluit nodig",
        MatchStatus.Accepted => "geaccepteerd: contract tekenen",
        MatchStatus.Contracted => "contract getekend",
        MatchStatus.Declined => "afgewezen",
        MatchStatus.Expired => "verlopen",
        MatchStatus.Withdrawn => "ingetrokken",
        _ => status.ToString(),
    };

    public static string Age(AgeBand band) => band switch
    {
        AgeBand.Age18To22 => "18-22 jaar",
        AgeBand.Age23To26 => "23-26 jaar",
        AgeBand.Age27To49 => "27-49 jaar",
        AgeBand.Age50To64 => "50-64 jaar",
        AgeBand.Age65Plus => "65 jaar of ouder",
        _ => band.ToString(),
    };

    public static string Support(SupportNeed need) => need switch
    {
        SupportNeed.Licht => "licht",
        SupportNeed.Midden => "midden",
        SupportNeed.Intensief => "intensief",
        _ => need.ToString(),
    };

    public static string Prikkelarm(PrikkelarmNeed need) => need switch
    {
        PrikkelarmNeed.None => "geen",
        PrikkelarmNeed.Preferred => "prikkelarm wonen heeft de voorkeur",
        PrikkelarmNeed.Required => "prikkelarm wonen is nodig",
        _ => need.ToString(),
    };

    public static string Household(Household h) =>
        (h.Adults == 1 ? "1 volwassene" : $"{h.Adults} volwassenen") + (h.Children switch { 0 => "", 1 => ", 1 kind", var n => $", {n} kinderen" });

    public static string Criterion(string criterion) => criterion switch
    {
        Criteria.Gemeente => "Gemeente",
        Criteria.Spreiding => "Spreiding over de regio",
        Criteria.Support => "Begeleiding",
        Criteria.Prikkelarm => "Prikkelarm wonen",
        Criteria.Wachttijd => "Wachttijd",
        Criteria.Urgentie => "Urgentie",
        _ => criterion,
    };
}
