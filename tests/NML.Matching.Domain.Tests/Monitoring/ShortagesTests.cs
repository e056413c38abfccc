using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Monitoring;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;
using static NML.Matching.Domain.Tests.Monitoring.MonitoringRegisters;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Shortages as docs/monitoring.md defines them: per need, the queue today with that need against the units on offer
/// today that meet it, and gap = candidates − units. Needs: prikkelarm (need Required; unit level ≥ 2), rolstoel,
/// gelijkvloers, begeleiding-24x7 (24/7 support on site), meer-slaapkamers (two or more bedrooms). Prikkelarm levels
/// as docs/registers.md §2.2: own front door and no shared stairwell and one more feature is level 2; any two is 1.
/// </summary>
public sealed class ShortagesTests
{
    private static readonly Guid Owner = Guid.Parse("ffffffff-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset Posted = new(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly PrikkelarmFeatures Level2 = new(OwnFrontDoor: true, NoSharedStairwell: true, NoDirectNeighbours: false, QuietStreet: true, EdgeOfNeighbourhood: false);
    private static readonly PrikkelarmFeatures Level1 = new(OwnFrontDoor: false, NoSharedStairwell: false, NoDirectNeighbours: false, QuietStreet: true, EdgeOfNeighbourhood: true);

    [Fact]
    public void TheNeedsAreThoseOfTheDocumentInOrder() =>
        Assert.Equal(["prikkelarm", "rolstoel", "gelijkvloers", "begeleiding-24x7", "meer-slaapkamers"], Shortages.Needs.Select(n => n.Code));

    [Fact]
    public void EachNeedCountsTheQueueWithItAgainstTheOpenUnitsThatMeetIt()
    {
        Candidate[] queue =
        [
            Candidate(prikkelarm: PrikkelarmNeed.Required, wheelchair: true),
            Candidate(prikkelarm: PrikkelarmNeed.Required, needs24x7: true, bedrooms: 2),
            Candidate(prikkelarm: PrikkelarmNeed.Preferred, groundFloor: true),
            Candidate(bedrooms: 1),
        ];
        var withdrawn = Unit("GM0983", Owner, Posted, supportOnSite: SupportOnSite.TwentyFourSeven, bedrooms: 3);
        withdrawn.Withdraw(null, Posted.AddDays(3));
        HousingUnit[] units =
        [
            Unit("GM0983", Owner, Posted, prikkelarm: Level2, wheelchair: true),
            Unit("GM0983", Owner, Posted, prikkelarm: Level1, groundFloorOrLift: true, bedrooms: 2),
            Unit("GM0957", Owner, Posted, supportOnSite: SupportOnSite.Nearby, bedrooms: 2),
            withdrawn, // not on offer: its 24/7 support and three bedrooms do not count
        ];

        var shortages = Shortages.Of(queue, units);

        Assert.NotEmpty(shortages);
        Assert.Equal(
            [("prikkelarm", 2, 1, 1), ("rolstoel", 1, 1, 0), ("gelijkvloers", 1, 2, -1), ("begeleiding-24x7", 1, 0, 1), ("meer-slaapkamers", 1, 2, -1)],
            shortages.Select(s => (s.Need.Code, s.Candidates, s.Units, s.Gap)));
    }
}
