using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>
/// The counts about people that the monitoring shows and how they add up, for <see cref="Suppression"/>
/// (docs/monitoring.md, D39). The monitoring page shows the summary, spreiding and supply side by side, and they share
/// figures: the queue (summary) and the candidates per need (supply); the placements, which spreiding breaks down by
/// municipality and quarter, supply by municipality and owner, and the summary (for the whole region) by quarter.
/// Each endpoint builds the families it shows here, in the same way and from the same rows, and with the same readers
/// who know counts of their own (every municipality, every owner of units, whoever calls), so that a figure gets the
/// same mark wherever it appears and for every caller under the rule.
/// </summary>
public static class MonitoringCounts
{
    public const string Queue = "queue";
    public const string Urgent = "queue.urgent";
    public const string Placements = "placements";

    public static string Status(CandidateStatus status) => $"queue.status.{status}";

    public static string Setting(CurrentSetting setting) => $"queue.setting.{setting}";

    public static string Support(SupportNeed need) => $"queue.support.{need}";

    public static string Prikkelarm(PrikkelarmNeed need) => $"queue.prikkelarm.{need}";

    public static string QueueGemeente(string code) => $"queue.gemeente.{code}";

    /// <summary>Candidates with a need of <see cref="Shortages.Needs"/>; "prikkelarm vereist" is the queue's own count of it.</summary>
    public static string Need(string need) => need == "prikkelarm" ? Prikkelarm(PrikkelarmNeed.Required) : $"queue.need.{need}";

    public static string PlacementGemeente(string code) => $"placements.gemeente.{code}";

    public static string PlacementQuarter(string quarter) => $"placements.quarter.{quarter}";

    public static string PlacementOwner(string code, Guid owner) => $"placements.gemeente.{code}.owner.{owner}";

    /// <summary>A municipality as a reader that knows its own residents and the placements in its territory (D39).</summary>
    public static string GemeenteReader(string code) => $"gemeente:{code}";

    /// <summary>An owner of units as a reader that knows its own lettings (D39).</summary>
    public static string OwnerReader(Guid owner) => $"owner:{owner}";

    /// <summary>
    /// Today's queue (of the region, the point or the municipality's residents): its total, by status, setting,
    /// support need, prikkelarm need and herkomstgemeente (each municipality knows its own count), urgent, and per
    /// need of the supply's shortages.
    /// </summary>
    public static void AddQueue(AdditiveCounts counts, MonitoringScope scope, IReadOnlyList<Candidate> queue)
    {
        counts.Add(Queue, queue.Count);
        var statuses = queue.Select(c => c.StatusOn(scope.Today)).ToList();
        AddBreakdown(counts, Queue, Enum.GetValues<CandidateStatus>().Where(s => s is not (CandidateStatus.Housed or CandidateStatus.Withdrawn))
            .Select(s => (Status(s), statuses.Count(x => x == s))));
        AddBreakdown(counts, Queue, Enum.GetValues<CurrentSetting>().Select(s => (Setting(s), queue.Count(c => c.CurrentSetting == s))));
        AddBreakdown(counts, Queue, Enum.GetValues<SupportNeed>().Select(s => (Support(s), queue.Count(c => c.SupportNeed == s))));
        AddBreakdown(counts, Queue, Enum.GetValues<PrikkelarmNeed>().Select(s => (Prikkelarm(s), queue.Count(c => c.PrikkelarmNeed == s))));
        // With a municipality, its one row is the total itself.
        if (scope.Gemeente is null)
        {
            var gemeenten = scope.Gemeenten.Where(g => scope.FocusCodes.Contains(g.Code)).ToList();
            AddBreakdown(counts, Queue, gemeenten.Select(g => (QueueGemeente(g.Code), queue.Count(c => c.HerkomstGemeenteCode == g.Code))));
            foreach (var g in gemeenten) counts.KnownTo(GemeenteReader(g.Code), QueueGemeente(g.Code));
        }
        // Part of the queue; the rest follows by subtraction.
        counts.Add(Urgent, queue.Count(c => c.Urgent)).Breakdown(Queue, [Urgent], complete: false);
        foreach (var need in Shortages.Needs.Where(n => !counts.Contains(Need(n.Code))))
            counts.Add(Need(need.Code), queue.Count(need.IsNeededBy)).Breakdown(Queue, [Need(need.Code)], complete: false);
    }

    /// <summary>
    /// The placements in the period in the region (or point): by municipality and by quarter, and each municipality
    /// by owner, with a zero for each row of <paramref name="rowsWithoutLets"/> (the supply's rows of owners that let
    /// nothing there). Every municipality of the region (or point) counts as shown, also under a <c>gemeente</c>
    /// filter, which only narrows the rows a report lists: so a figure has the same mark whichever municipality is
    /// chosen, and two filters cannot be played off against each other. A municipality knows its placements and their
    /// owners; an owner its own lettings.
    /// </summary>
    public static void AddPlacements(AdditiveCounts counts, MonitoringScope scope, IReadOnlyList<PlacedTenancy> placements,
        IEnumerable<(string GemeenteCode, Guid OwnerOrganisationId)>? rowsWithoutLets = null)
    {
        counts.Add(Placements, placements.Count);
        AddBreakdown(counts, Placements, scope.Gemeenten.Select(g => (PlacementGemeente(g.Code), placements.Count(p => p.GemeenteCode == g.Code))));
        AddBreakdown(counts, Placements, scope.Period.Quarters().Select(q => (PlacementQuarter(q.Label), placements.Count(p => q.Period.Contains(p.StartDate)))));
        var zeroRows = (rowsWithoutLets ?? []).ToLookup(r => r.GemeenteCode, r => r.OwnerOrganisationId);
        foreach (var gemeente in scope.Gemeenten)
        {
            var owners = placements.Where(p => p.GemeenteCode == gemeente.Code).GroupBy(p => p.OwnerOrganisationId).ToDictionary(g => g.Key, g => g.Count());
            foreach (var owner in zeroRows[gemeente.Code]) owners.TryAdd(owner, 0);
            counts.KnownTo(GemeenteReader(gemeente.Code), PlacementGemeente(gemeente.Code));
            if (owners.Count == 0) continue;
            AddBreakdown(counts, PlacementGemeente(gemeente.Code), owners.OrderBy(o => o.Key).Select(o => (PlacementOwner(gemeente.Code, o.Key), o.Value)));
            foreach (var owner in owners.Keys)
            {
                counts.KnownTo(GemeenteReader(gemeente.Code), PlacementOwner(gemeente.Code, owner));
                counts.KnownTo(OwnerReader(owner), PlacementOwner(gemeente.Code, owner));
            }
        }
    }

    /// <summary>
    /// Parts that add up to the total by definition (complete); if the rows ever disagreed, the difference is taken as
    /// a rest that is not shown, so that the rule never works from a wrong sum.
    /// </summary>
    public static void AddBreakdown(AdditiveCounts counts, string total, IEnumerable<(string Key, int Count)> parts)
    {
        var list = parts.ToList();
        foreach (var (key, count) in list) counts.Add(key, count);
        counts.Breakdown(total, list.Select(p => p.Key), complete: list.Sum(p => p.Count) == counts[total]);
    }

    /// <summary>
    /// Whether a figure computed from counts (the spreidingsindex) may be shown: without the rule always; with it only
    /// when none of <paramref name="behind"/> is 1 to 4 and none of the counts shown for them is hidden, because the
    /// figure would give a hidden count back.
    /// </summary>
    public static bool MayShowFigureOf(MonitoringScope scope, IEnumerable<int> behind, IEnumerable<SmallCount> shownBehind) =>
        !scope.Suppress || (!behind.Any(SmallCount.IsSmall) && !shownBehind.Any(c => c.Hidden));
}
