using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Portal.Pages.Proposals;

/// <summary>
/// The Dutch words of the care provider's pages (Voorstellen, Nazorg): the match step as the client's provider sees it
/// (docs/registers.md §3, the workflow of docs/architecture.md: voorstel, voordracht, acceptatie, contract), the
/// deadline of that step, and the follow-up outcomes.
/// </summary>
public static class ProposalWords
{
    /// <summary>The step of a match, from the client's side.</summary>
    public static string Step(MatchStatus status) => status switch
    {
        MatchStatus.Proposed => "voorgesteld: het Matchingspunt beslist over de voordracht",
        MatchStatus.Nominated => "voorgedragen: de verhuurder beslist",
        MatchStatus.Accepted => "geaccepteerd door de verhuurder: contract tekenen",
        MatchStatus.Contracted => "contract getekend",
        MatchStatus.Declined => "afgewezen",
        MatchStatus.Expired => "verlopen",
        MatchStatus.Withdrawn => "ingetrokken",
        _ => status.ToString(),
    };

    /// <summary>A short form of the step for lists, filters and exports.</summary>
    public static string StepShort(MatchStatus status) => status switch
    {
        MatchStatus.Proposed => "voorgesteld",
        MatchStatus.Nominated => "voorgedragen",
        MatchStatus.Accepted => "geaccepteerd",
        MatchStatus.Contracted => "contract getekend",
        MatchStatus.Declined => "afgewezen",
        MatchStatus.Expired => "verlopen",
        MatchStatus.Withdrawn => "ingetrokken",
        _ => status.ToString(),
    };

    /// <summary>Whether the step is still open (the match has a deadline and can be declined).</summary>
    public static bool Active(MatchStatus status) => status is MatchStatus.Proposed or MatchStatus.Nominated or MatchStatus.Accepted;

    /// <summary>What has to happen before the deadline of an open step.</summary>
    public static string DeadlineOf(MatchStatus status) => status switch
    {
        MatchStatus.Proposed => "Voordragen vóór",
        MatchStatus.Nominated => "Verhuurder beslist vóór",
        MatchStatus.Accepted => "Contract tekenen vóór",
        _ => "Termijn",
    };

    /// <summary>The reasons a care provider may give: the client's (Kandidaat) and its own (Zorgaanbieder), as DeclineReasons lists them.</summary>
    public static IReadOnlyList<DeclineReason> ProviderReasons { get; } =
        [.. DeclineReasons.All.Where(r => r.Party is DeclineParty.Kandidaat or DeclineParty.Zorgaanbieder)];

    public static string Party(DeclineParty party) => party switch
    {
        DeclineParty.Verhuurder => "de verhuurder",
        DeclineParty.Kandidaat => "de kandidaat",
        DeclineParty.Zorgaanbieder => "de zorgaanbieder",
        DeclineParty.Matchingspunt => "het Matchingspunt",
        _ => party.ToString(),
    };

    /// <summary>Who took a step, by the role the history records.</summary>
    public static string Actor(string role) => role switch
    {
        "Corporatie" => "de verhuurder",
        "Zorgaanbieder" => "de zorgaanbieder",
        "Matchingspunt" => "het Matchingspunt",
        "Gemeente" => "de gemeente",
        "Admin" => "functioneel beheer",
        "System" => "automatisch",
        _ => role,
    };

    public static string Outcome(FollowUpOutcome outcome) => outcome switch
    {
        FollowUpOutcome.Stabiel => "stabiel",
        FollowUpOutcome.Zorgen => "zorgen",
        FollowUpOutcome.Huurachterstand => "huurachterstand",
        FollowUpOutcome.Overlast => "overlast",
        FollowUpOutcome.Verhuisd => "verhuisd",
        FollowUpOutcome.Uitgezet => "uitgezet",
        FollowUpOutcome.Terugval => "terugval",
        FollowUpOutcome.Overleden => "overleden",
        FollowUpOutcome.Anders => "anders",
        _ => outcome.ToString(),
    };

    public static string Contract(ContractForm form) => Units.UnitWords.Contract(form);
}
