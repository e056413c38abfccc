namespace NML.Matching.Domain.Matches;

/// <summary>Who declines a match.</summary>
public enum DeclineParty
{
    Verhuurder = 1,
    Kandidaat = 2,
    Zorgaanbieder = 3,
    Matchingspunt = 4,
}

/// <summary>Whether a decline lies with the client, or with a provider (landlord, care provider, Matchingspunt).</summary>
public enum DeclineSide
{
    ClientSide = 1,
    ProviderSide = 2,
}

/// <summary>A decline reason: its stable code, the party that may give it, its side and the default parking period.</summary>
public sealed record DeclineReason(string Code, DeclineParty Party, DeclineSide Side, int DefaultParkDays, string Description);

/// <summary>
/// The fixed list of decline reasons (after the structured, client- or provider-side reasons of coordinated-entry
/// systems). Each reason belongs to one party. Only refusing a suitable offer, being unreachable and no longer
/// being ready park the candidate by default; the Matchingspunt can override the period in the same call.
/// </summary>
public static class DeclineReasons
{
    public const string ExpiredCode = "deadline-verstreken";

    public static IReadOnlyList<DeclineReason> All { get; } =
    [
        new("kandidaat-weigert-passend-aanbod", DeclineParty.Kandidaat, DeclineSide.ClientSide, 30, "De kandidaat weigert een passend aanbod."),
        new("kandidaat-niet-bereikbaar", DeclineParty.Kandidaat, DeclineSide.ClientSide, 14, "De kandidaat is niet bereikbaar."),
        new("kandidaat-niet-meer-gereed", DeclineParty.Kandidaat, DeclineSide.ClientSide, 30, "De kandidaat is (tijdelijk) niet meer klaar om te verhuizen."),
        new("kandidaat-woning-ongeschikt", DeclineParty.Kandidaat, DeclineSide.ClientSide, 0, "De woning past niet bij de kandidaat (ligging, indeling, omgeving)."),
        new("kandidaat-elders-gehuisvest", DeclineParty.Kandidaat, DeclineSide.ClientSide, 0, "De kandidaat heeft elders woonruimte gevonden."),
        new("zorgaanbieder-begeleiding-niet-rond", DeclineParty.Zorgaanbieder, DeclineSide.ProviderSide, 0, "De ambulante begeleiding op deze plek is niet te regelen."),
        new("zorgaanbieder-onveilige-omgeving", DeclineParty.Zorgaanbieder, DeclineSide.ProviderSide, 0, "De omgeving van de woning is niet veilig voor de kandidaat."),
        new("verhuurder-woning-niet-beschikbaar", DeclineParty.Verhuurder, DeclineSide.ProviderSide, 0, "De woning is toch niet beschikbaar."),
        new("verhuurder-past-niet-in-complex", DeclineParty.Verhuurder, DeclineSide.ProviderSide, 0, "De kandidaat past niet in het complex of de buurt."),
        new("verhuurder-huurschuld", DeclineParty.Verhuurder, DeclineSide.ProviderSide, 0, "Er is een openstaande huurschuld bij de verhuurder."),
        new("verhuurder-inkomen-onvoldoende", DeclineParty.Verhuurder, DeclineSide.ProviderSide, 0, "Het inkomen is onvoldoende voor de huur."),
        new("matchingspunt-betere-match", DeclineParty.Matchingspunt, DeclineSide.ProviderSide, 0, "Het Matchingspunt ziet een betere match."),
        new("matchingspunt-gegevens-onjuist", DeclineParty.Matchingspunt, DeclineSide.ProviderSide, 0, "De gegevens van kandidaat of woning blijken onjuist."),
    ];

    public static DeclineReason? Find(string? code) => All.FirstOrDefault(r => r.Code == code);
}
