using System.Text.Json.Serialization;

namespace NML.Matching.Domain.Candidates;

/// <summary>Where the person lives now.</summary>
public enum CurrentSetting
{
    BeschermdWonen = 1,
    MaatschappelijkeOpvang = 2,
    BeschermdThuis = 3,
    Kliniek = 4,
    Anders = 5,
}

/// <summary>An age band instead of a birth date (no birth dates are stored).</summary>
public enum AgeBand
{
    [JsonStringEnumMemberName("18-22")] Age18To22 = 1,
    [JsonStringEnumMemberName("23-26")] Age23To26 = 2,
    [JsonStringEnumMemberName("27-49")] Age27To49 = 3,
    [JsonStringEnumMemberName("50-64")] Age50To64 = 4,
    [JsonStringEnumMemberName("65+")] Age65Plus = 5,
}

/// <summary>Begeleidingsbehoefte: how much ambulant support the person needs after the move.</summary>
public enum SupportNeed
{
    Licht = 1,
    Midden = 2,
    Intensief = 3,
}

/// <summary>How much the person needs a low-stimulus (prikkelarm) home.</summary>
public enum PrikkelarmNeed
{
    None = 1,
    Preferred = 2,
    Required = 3,
}

public enum UrgencyReason
{
    GezinDreigtDakloos = 1,
    IndicatieLooptAf = 2,
    Veiligheid = 3,
    Anders = 4,
}

/// <summary>The status a caller sees; see <see cref="Candidate.StatusOn"/> for how it is derived.</summary>
public enum CandidateStatus
{
    Registered = 1,
    Ready = 2,
    Matched = 3,
    Housed = 4,
    Parked = 5,
    Withdrawn = 6,
}

/// <summary>The part of the status set by the match workflow, stored as such.</summary>
public enum CandidatePlacement
{
    None = 0,
    Matched = 1,
    Housed = 2,
}
