using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Monitoring;

/// <summary>A need whose shortage is shown: who has it, and which unit meets it (the matching's hard rules).</summary>
public sealed record ShortageNeed(string Code, string Label, Func<Candidate, bool> IsNeededBy, Func<HousingUnit, bool> IsMetBy);

/// <summary>The queue today with a need against the units on offer today that meet it.</summary>
public sealed record Shortage(ShortageNeed Need, int Candidates, int Units)
{
    /// <summary><c>gap</c> = candidates − units (negative: more units than people).</summary>
    public int Gap => Candidates - Units;
}

/// <summary>
/// Supply's <c>shortages[]</c> (docs/monitoring.md): per need, the queue today with that need (by herkomstgemeente)
/// against the units on offer today that meet it, and <c>gap</c> = candidates − units. Needs: <c>prikkelarm</c>
/// (need Required; unit level ≥ 2), <c>rolstoel</c>, <c>gelijkvloers</c>, <c>begeleiding-24x7</c> (24/7 support on
/// site), <c>meer-slaapkamers</c> (two or more bedrooms): the same tests as the matching's hard rules.
/// </summary>
public static class Shortages
{
    public static readonly IReadOnlyList<ShortageNeed> Needs =
    [
        new("prikkelarm", "Prikkelarme woning vereist", c => c.PrikkelarmNeed == PrikkelarmNeed.Required, u => u.PrikkelarmLevel >= 2),
        new("rolstoel", "Rolstoeltoegankelijk", c => c.Accessibility.NeedsWheelchairAccess, u => u.Accessibility.WheelchairAccessible),
        new("gelijkvloers", "Gelijkvloers of met lift", c => c.Accessibility.NeedsGroundFloorOrLift, u => u.Accessibility.GroundFloorOrLift),
        new("begeleiding-24x7", "24/7 begeleiding nabij", c => c.Needs24x7Nearby, u => u.SupportOnSite == SupportOnSite.TwentyFourSeven),
        new("meer-slaapkamers", "Twee of meer slaapkamers", c => c.RequiredBedrooms >= 2, u => u.Bedrooms >= 2),
    ];

    /// <summary>
    /// Each of <see cref="Needs"/>, in that order: the candidates of <paramref name="queue"/> (today's queue) with the
    /// need, against the units of <paramref name="units"/> on offer (<see cref="Supply.IsOnOffer"/>) that meet it.
    /// </summary>
    public static IReadOnlyList<Shortage> Of(IReadOnlyList<Candidate> queue, IEnumerable<HousingUnit> units)
    {
        var open = units.Where(Supply.IsOnOffer).ToList();
        return [.. Needs.Select(n => new Shortage(n, queue.Count(n.IsNeededBy), open.Count(n.IsMetBy)))];
    }
}
