using System.Globalization;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Matching;

/// <summary>
/// The matching engine: <see cref="MatchingInput"/> compiled into flat arrays so that eligibility and score of a
/// pair cost a handful of array reads. Every criterion that depends on one side only, or on the unit's
/// municipality, is computed once. Points are kept in hundredths as integers, so that the score is exactly the sum
/// of its criteria's points and solvers work on exact numbers. Pure: the same input always gives the same output.
/// </summary>
public sealed class MatchingModel
{
    private const int Scale = 100; // hundredths of a point

    private readonly MatchingInput _input;
    private readonly Dictionary<string, int> _gemeenteIndex;
    private readonly MatchGemeente[] _gemeenten;
    private readonly double[] _distanceKm;
    private readonly int _g;

    // Candidates (struct of arrays).
    // Per (candidate, municipality), filled on first use: gemeente points | excluded | provider works there.
    private readonly int[] _cell; // [c * G + g]
    private readonly int[][] _cPreferred; // municipality indexes in order of preference (herkomst when none)
    private readonly int[][] _cReferences; // municipalities to measure distance from
    private readonly int[][] _cExcludedIdx;
    private readonly IReadOnlySet<string>?[] _cWerkgebied;
    private readonly int[] _cBasePoints; // wachttijd + urgentie
    private readonly int[] _cRegion;
    private readonly int[] _cTargetMask;
    private readonly int[] _cEarliest; // day number of max(today, readySince) + window

    // Units.
    private readonly int[] _uGemeente;
    private readonly int[] _uRegion;
    private readonly int[] _uTargetMask;
    private readonly int[] _uAvailableFrom;

    // Per municipality and tables.
    private readonly int[] _spreidingPoints; // [g]
    private readonly int[,,] _supportPoints; // [need, onSite, works]
    private readonly int[,] _prikkelarmPoints; // [need, level]
    private readonly double _weightTotal;
    private readonly HashSet<(Guid, Guid)> _declined;

    public MatchingModel(MatchingInput input)
    {
        // Ties are broken by id: both sides are kept in id order, whatever order they came in.
        input = input with
        {
            Candidates = [.. input.Candidates.OrderBy(c => c.Id)],
            Units = [.. input.Units.OrderBy(u => u.Id)],
            Gemeenten = [.. input.Gemeenten.OrderBy(g => g.Code, StringComparer.Ordinal)],
        };
        _input = input;
        Candidates = input.Candidates;
        Units = input.Units;
        _gemeenten = [.. input.Gemeenten];
        _g = _gemeenten.Length;
        _gemeenteIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _g; i++) _gemeenteIndex[_gemeenten[i].Code] = i;
        _declined = input.DeclinedPairs is null ? [] : [.. input.DeclinedPairs];
        _weightTotal = input.Weights.Total;
        if (_weightTotal <= 0) throw new ArgumentException("The weights must add up to more than zero.", nameof(input));

        _distanceKm = new double[_g * _g];
        for (var a = 0; a < _g; a++)
        {
            for (var b = 0; b < _g; b++)
            {
                _distanceKm[(a * _g) + b] = CriterionValues.HaversineKm(_gemeenten[a].Latitude, _gemeenten[a].Longitude, _gemeenten[b].Latitude, _gemeenten[b].Longitude);
            }
        }

        // Region codes as numbers; a code no municipality names still gets its own number.
        var regions = _gemeenten.Select(g => g.RegionCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int RegionOf(string code)
        {
            var i = regions.IndexOf(code);
            if (i >= 0) return i;
            regions.Add(code);
            return regions.Count - 1;
        }

        _spreidingPoints = new int[_g];
        var spreiding = new SpreidingFacts[_g];
        SpreidingInfo = spreiding;
        for (var g = 0; g < _g; g++)
        {
            var region = _gemeenten[g].RegionCode;
            var peers = _gemeenten.Where(x => x.RegionCode == region).ToList();
            var share = input.Options.FairShareKey == FairShareKey.Equal
                ? 1.0 / peers.Count
                : _gemeenten[g].Population / (double)Math.Max(1, peers.Sum(x => x.Population));
            var placements = input.Placements.GetValueOrDefault(_gemeenten[g].Code);
            var regionPlacements = peers.Sum(x => input.Placements.GetValueOrDefault(x.Code));
            var value = CriterionValues.Spreiding(placements, regionPlacements, share, input.Options.SpreidingPseudoCount);
            _spreidingPoints[g] = Points(input.Weights.Spreiding, value);
            spreiding[g] = new SpreidingFacts(placements, regionPlacements, share,
                CriterionValues.SpreidingRatio(placements, regionPlacements, share, input.Options.SpreidingPseudoCount), value);
        }

        _supportPoints = new int[4, 4, 2];
        foreach (var need in Enum.GetValues<SupportNeed>())
        {
            foreach (var onSite in Enum.GetValues<SupportOnSite>())
            {
                _supportPoints[(int)need, (int)onSite, 0] = Points(input.Weights.Support, CriterionValues.Support(need, onSite, false));
                _supportPoints[(int)need, (int)onSite, 1] = Points(input.Weights.Support, CriterionValues.Support(need, onSite, true));
            }
        }
        _prikkelarmPoints = new int[4, 4];
        foreach (var need in Enum.GetValues<PrikkelarmNeed>())
        {
            for (var level = 0; level <= 3; level++) _prikkelarmPoints[(int)need, level] = Points(input.Weights.Prikkelarm, CriterionValues.Prikkelarm(need, level));
        }

        var nc = input.Candidates.Count;
        _cell = new int[nc * _g];
        _cPreferred = new int[nc][];
        _cReferences = new int[nc][];
        _cExcludedIdx = new int[nc][];
        _cWerkgebied = new IReadOnlySet<string>?[nc];
        _cBasePoints = new int[nc];
        _cRegion = new int[nc];
        _cTargetMask = new int[nc];
        _cEarliest = new int[nc];
        var today = input.Today.DayNumber;
        for (var c = 0; c < nc; c++)
        {
            var candidate = input.Candidates[c];
            _cRegion[c] = RegionOf(candidate.RegionCode);
            _cTargetMask[c] = Mask(candidate.TargetGroups);
            _cEarliest[c] = Math.Max(today, candidate.ReadySince.DayNumber) + input.Options.AvailabilityWindowDays;
            _cBasePoints[c] = Points(input.Weights.Wachttijd, CriterionValues.Wachttijd(today - candidate.ReadySince.DayNumber))
                + Points(input.Weights.Urgentie, CriterionValues.Urgentie(candidate.Urgent));
            CompilePreferences(candidate, out _cPreferred[c], out _cReferences[c], out _cExcludedIdx[c]);
            _cWerkgebied[c] = input.Werkgebied.TryGetValue(candidate.ProviderId, out var werkgebied) ? werkgebied : null;
        }

        var nu = input.Units.Count;
        _uGemeente = new int[nu];
        _uRegion = new int[nu];
        _uTargetMask = new int[nu];
        _uAvailableFrom = new int[nu];
        for (var u = 0; u < nu; u++)
        {
            var unit = input.Units[u];
            _uGemeente[u] = _gemeenteIndex.TryGetValue(unit.Gemeente, out var gi) ? gi
                : throw new ArgumentException($"Unit {unit.Id} lies in {unit.Gemeente}, which the input does not describe.", nameof(input));
            _uRegion[u] = RegionOf(unit.RegionCode);
            _uTargetMask[u] = Mask(unit.TargetGroups);
            _uAvailableFrom[u] = unit.AvailableFrom.DayNumber;
        }
    }

    /// <summary>The candidates in id order; pair methods take indexes into this list.</summary>
    public IReadOnlyList<MatchCandidate> Candidates { get; }

    /// <summary>The units in id order; pair methods take indexes into this list.</summary>
    public IReadOnlyList<MatchUnit> Units { get; }

    /// <summary>The municipality index of a unit (into <see cref="Gemeenten"/>).</summary>
    public int GemeenteOf(int u) => _uGemeente[u];

    /// <summary>The municipalities in code order.</summary>
    public IReadOnlyList<MatchGemeente> Gemeenten => _gemeenten;

    /// <summary>The input as the model uses it (both sides in id order).</summary>
    public MatchingInput Input => _input;

    /// <summary>The spreading facts per municipality (in the order of <see cref="Gemeenten"/>), for explanations and monitoring.</summary>
    public IReadOnlyList<SpreidingFacts> SpreidingInfo { get; }

    /// <summary>The hard rules that the pair fails (none when eligible). Checks every rule, not just the first.</summary>
    public EligibilityRule Check(int c, int u)
    {
        var candidate = Candidates[c];
        var unit = Units[u];
        var g = _uGemeente[u];
        var failed = EligibilityRule.None;
        if (!candidate.IsReady || !candidate.SupportGuaranteed) failed |= EligibilityRule.CandidateNotReady;
        if (!unit.IsAvailable) failed |= EligibilityRule.UnitNotAvailable;
        if ((Cell(c, g) & ExcludedBit) != 0) failed |= EligibilityRule.GemeenteExcluded;
        if (unit.Bedrooms < candidate.RequiredBedrooms) failed |= EligibilityRule.TooFewBedrooms;
        if (candidate.Adults + candidate.Children > unit.MaxOccupants) failed |= EligibilityRule.TooManyOccupants;
        if (unit.BasicRent > candidate.MaxRent) failed |= EligibilityRule.RentTooHigh;
        if ((candidate.NeedsGroundFloorOrLift && !unit.GroundFloorOrLift) || (candidate.NeedsWheelchairAccess && !unit.WheelchairAccessible))
            failed |= EligibilityRule.AccessibilityUnmet;
        if (candidate.PrikkelarmNeed == PrikkelarmNeed.Required && unit.PrikkelarmLevel < 2) failed |= EligibilityRule.PrikkelarmRequired;
        if (candidate.Needs24x7Nearby && unit.SupportOnSite != SupportOnSite.TwentyFourSeven) failed |= EligibilityRule.Needs24x7Support;
        if (_uTargetMask[u] != 0 && (_uTargetMask[u] & _cTargetMask[c]) == 0) failed |= EligibilityRule.TargetGroupMismatch;
        if (candidate.Children > 0 && unit.UnitType == UnitType.Kamer) failed |= EligibilityRule.RoomUnsuitableForChildren;
        if (_uAvailableFrom[u] > _cEarliest[c]) failed |= EligibilityRule.NotAvailableInTime;
        if (!_input.Options.AllowCrossRegion && _uRegion[u] != _cRegion[c]) failed |= EligibilityRule.OtherRegion;
        if (_declined.Count > 0 && _declined.Contains((unit.Id, candidate.Id))) failed |= EligibilityRule.PreviouslyDeclined;
        return failed;
    }

    /// <summary>The score of a pair in hundredths of a point (0-10000), whether or not it is eligible.</summary>
    public int ScoreHundredths(int c, int u)
    {
        var g = _uGemeente[u];
        var unit = Units[u];
        var candidate = Candidates[c];
        var cell = Cell(c, g);
        return (cell & PointsMask)
            + _spreidingPoints[g]
            + _supportPoints[(int)candidate.SupportNeed, (int)unit.SupportOnSite, (cell & WorksBit) != 0 ? 1 : 0]
            + _prikkelarmPoints[(int)candidate.PrikkelarmNeed, Math.Clamp(unit.PrikkelarmLevel, 0, 3)]
            + _cBasePoints[c];
    }

    /// <summary>The full verdict on a pair with an explanation per criterion (the slow path, for results people read).</summary>
    public PairEvaluation Evaluate(int c, int u)
    {
        var failed = Check(c, u);
        return new PairEvaluation(Units[u].Id, Candidates[c].Id, failed == EligibilityRule.None, EligibilityRules.Codes(failed), Explain(c, u));
    }

    public ScoreBreakdown Explain(int c, int u)
    {
        var candidate = Candidates[c];
        var unit = Units[u];
        var g = _uGemeente[u];
        var weights = _input.Weights;
        var gemeenteValue = GemeenteValue(candidate, g, out var gemeenteReason);
        var facts = SpreidingInfo[g];
        var works = (Cell(c, g) & WorksBit) != 0;
        var supportValue = CriterionValues.Support(candidate.SupportNeed, unit.SupportOnSite, works);
        var prikkelarmValue = CriterionValues.Prikkelarm(candidate.PrikkelarmNeed, unit.PrikkelarmLevel);
        var days = _input.Today.DayNumber - candidate.ReadySince.DayNumber;
        var name = _gemeenten[g].Name;
        List<CriterionScore> criteria =
        [
            Line(Criteria.Gemeente, weights.Gemeente, gemeenteValue, gemeenteReason),
            Line(Criteria.Spreiding, weights.Spreiding, facts.Value,
                string.Create(Numbers, $"{name}: {facts.Placements} recente plaatsingen, eerlijk aandeel {facts.FairShare * facts.RegionPlacements:0.0} van {facts.RegionPlacements} (verhouding {facts.Ratio:0.00})")),
            Line(Criteria.Support, weights.Support, supportValue, SupportReason(candidate.SupportNeed, unit.SupportOnSite, works, name)),
            Line(Criteria.Prikkelarm, weights.Prikkelarm, prikkelarmValue, PrikkelarmReason(candidate.PrikkelarmNeed, unit.PrikkelarmLevel)),
            Line(Criteria.Wachttijd, weights.Wachttijd, CriterionValues.Wachttijd(days),
                days <= 0 ? "Nog niet wachtend" : days >= CriterionValues.WaitCapDays ? $"{days} dagen wachttijd (maximum telt)" : $"{days} dagen wachttijd"),
            Line(Criteria.Urgentie, weights.Urgentie, CriterionValues.Urgentie(candidate.Urgent), candidate.Urgent ? "Urgent" : "Niet urgent"),
        ];
        return new ScoreBreakdown(criteria.Sum(x => (int)Math.Round(x.Points * Scale)) / (double)Scale, criteria);
    }

    /// <summary>Numbers in the (Dutch) reasons are written with a decimal point, as in docs/matching.md, whatever the server's culture.</summary>
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    private CriterionScore Line(string criterion, double weight, double value, string reason) =>
        new(criterion, weight, Math.Round(value, 4), Points(weight, value) / (double)Scale, reason);

    /// <summary>Points in hundredths: 100 · weight / total weight · value, rounded half away from zero.</summary>
    private int Points(double weight, double value) =>
        (int)Math.Round(100.0 * Scale * weight / _weightTotal * value, MidpointRounding.AwayFromZero);

    private const int PointsMask = (1 << 20) - 1;
    private const int ExcludedBit = 1 << 20;
    private const int WorksBit = 1 << 21;
    private const int ComputedBit = 1 << 22;

    /// <summary>
    /// The per (candidate, municipality) facts, computed on first use and kept in one int, so that concurrent
    /// readers in a parallel round either see nothing yet or the whole value.
    /// </summary>
    private int Cell(int c, int g)
    {
        var index = (c * _g) + g;
        var cell = Volatile.Read(ref _cell[index]);
        if (cell != 0) return cell;
        cell = ComputedBit | Points(_input.Weights.Gemeente, GemeenteValue(c, g));
        if (Array.IndexOf(_cExcludedIdx[c], g) >= 0) cell |= ExcludedBit;
        if (_cWerkgebied[c]?.Contains(_gemeenten[g].Code) == true) cell |= WorksBit;
        Volatile.Write(ref _cell[index], cell);
        return cell;
    }

    /// <summary>The gemeente criterion: rank in the preferences, else distance to the nearest reference municipality.</summary>
    private double GemeenteValue(int c, int g)
    {
        var preferred = _cPreferred[c];
        for (var rank = 0; rank < preferred.Length; rank++)
        {
            if (preferred[rank] == g) return CriterionValues.PreferredRank(rank);
        }
        var references = _cReferences[c];
        if (references.Length == 0) return 0;
        var nearest = double.MaxValue;
        foreach (var r in references) nearest = Math.Min(nearest, _distanceKm[(g * _g) + r]);
        return CriterionValues.Distance(nearest, _input.Options.MaxDistanceKm);
    }

    /// <summary>
    /// Preferences in order (the herkomstgemeente when the list is empty, unless it is excluded), and the
    /// municipalities that distances are measured from (the preferences and the herkomstgemeente unless excluded).
    /// </summary>
    private static (IReadOnlyList<string> Preferred, IReadOnlyList<string> References) PreferenceCodes(MatchCandidate candidate)
    {
        var herkomstExcluded = candidate.ExcludedGemeenten.Contains(candidate.HerkomstGemeente);
        IReadOnlyList<string> preferred = candidate.PreferredGemeenten.Count > 0 ? candidate.PreferredGemeenten
            : herkomstExcluded ? [] : [candidate.HerkomstGemeente];
        IReadOnlyList<string> references = [.. preferred.Concat(herkomstExcluded ? [] : [candidate.HerkomstGemeente]).Distinct()];
        return (preferred, references);
    }

    /// <summary>
    /// The same sets as <see cref="PreferenceCodes"/>, as municipality indexes (unknown codes dropped), built
    /// without LINQ: this runs once per candidate on every ranking request.
    /// </summary>
    private void CompilePreferences(MatchCandidate candidate, out int[] preferred, out int[] references, out int[] excluded)
    {
        excluded = IndexesOf(candidate.ExcludedGemeenten);
        var herkomst = _gemeenteIndex.TryGetValue(candidate.HerkomstGemeente, out var h) ? h : -1;
        var herkomstExcluded = false;
        foreach (var code in candidate.ExcludedGemeenten) herkomstExcluded |= code == candidate.HerkomstGemeente;
        preferred = candidate.PreferredGemeenten.Count > 0 ? IndexesOf(candidate.PreferredGemeenten)
            : herkomstExcluded || herkomst < 0 ? [] : [herkomst];
        references = !herkomstExcluded && herkomst >= 0 && Array.IndexOf(preferred, herkomst) < 0 ? [.. preferred, herkomst] : preferred;
    }

    private int[] IndexesOf(IReadOnlyList<string> codes)
    {
        if (codes.Count == 0) return [];
        var result = new int[codes.Count];
        var n = 0;
        foreach (var code in codes)
        {
            if (_gemeenteIndex.TryGetValue(code, out var i)) result[n++] = i;
        }
        return n == result.Length ? result : result[..n];
    }

    /// <summary>The same value as <see cref="GemeenteValue(int, int)"/>, with the sentence that explains it.</summary>
    private double GemeenteValue(MatchCandidate candidate, int g, out string reason)
    {
        var code = _gemeenten[g].Code;
        var name = _gemeenten[g].Name;
        var (allPreferred, references) = PreferenceCodes(candidate);
        // Ranks count only the municipalities the input describes, exactly as the fast path does.
        var preferred = allPreferred.Where(_gemeenteIndex.ContainsKey).ToList();
        for (var rank = 0; rank < preferred.Count; rank++)
        {
            if (preferred[rank] != code) continue;
            reason = candidate.PreferredGemeenten.Count > 0 ? $"{name} is {rank + 1}e voorkeur" : $"{name} is de herkomstgemeente (geen voorkeuren opgegeven)";
            return CriterionValues.PreferredRank(rank);
        }

        var nearest = references.Where(_gemeenteIndex.ContainsKey)
            .Select(r => (Code: r, Km: _distanceKm[(g * _g) + _gemeenteIndex[r]]))
            .OrderBy(x => x.Km).ThenBy(x => x.Code, StringComparer.Ordinal).FirstOrDefault();
        if (nearest.Code is null)
        {
            reason = $"{name} is geen voorkeur en er is geen herkomst- of voorkeursgemeente om afstand aan af te meten";
            return 0;
        }
        var value = CriterionValues.Distance(nearest.Km, _input.Options.MaxDistanceKm);
        reason = string.Create(Numbers, $"{name} ligt {nearest.Km:0} km van {_gemeenten[_gemeenteIndex[nearest.Code]].Name} (geen voorkeur)");
        return value;
    }

    private static string SupportReason(SupportNeed need, SupportOnSite onSite, bool works, string gemeente)
    {
        var onSiteText = onSite switch
        {
            SupportOnSite.TwentyFourSeven => "24/7 begeleiding",
            SupportOnSite.Nearby => "begeleiding in de buurt",
            _ => "geen begeleiding ter plaatse",
        };
        var fit = CriterionValues.SupportFit(need, onSite) switch
        {
            >= 1 => "past goed bij",
            >= 0.7 => "past redelijk bij",
            _ => need == SupportNeed.Licht ? "is meer dan nodig bij" : "is weinig bij",
        };
        var text = $"{onSiteText} {fit} begeleidingsbehoefte {need}";
        return works ? text : $"{text}; zorgaanbieder werkt niet in {gemeente}, begeleiding moet worden overgedragen";
    }

    private static string PrikkelarmReason(PrikkelarmNeed need, int level) => need switch
    {
        PrikkelarmNeed.Required => $"Prikkelarm nodig; woning heeft niveau {level}",
        PrikkelarmNeed.Preferred => $"Prikkelarm gewenst; woning heeft niveau {level}",
        _ => level == 0 ? "Geen prikkelarme wens; gewone woning" : $"Geen prikkelarme wens; woning met niveau {level} blijft liever voor wie het nodig heeft",
    };

    private static int Mask(IReadOnlyList<TargetGroup> groups)
    {
        var mask = 0;
        foreach (var group in groups) mask |= 1 << (int)group;
        return mask;
    }
}

/// <summary>The spreading facts of one municipality: its placements, the region's, its fair share, the smoothed ratio and the value.</summary>
public sealed record SpreidingFacts(int Placements, int RegionPlacements, double FairShare, double Ratio, double Value);
