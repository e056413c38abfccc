namespace NML.Matching.Domain.Matching;

/// <summary>The hard rules. A pair failing any of them is ineligible. Codes are stable and returned by the API.</summary>
[Flags]
public enum EligibilityRule
{
    None = 0,
    CandidateNotReady = 1 << 0,
    UnitNotAvailable = 1 << 1,
    GemeenteExcluded = 1 << 2,
    TooFewBedrooms = 1 << 3,
    TooManyOccupants = 1 << 4,
    RentTooHigh = 1 << 5,
    AccessibilityUnmet = 1 << 6,
    PrikkelarmRequired = 1 << 7,
    Needs24x7Support = 1 << 8,
    TargetGroupMismatch = 1 << 9,
    RoomUnsuitableForChildren = 1 << 10,
    NotAvailableInTime = 1 << 11,
    OtherRegion = 1 << 12,
    PreviouslyDeclined = 1 << 13,
}

public static class EligibilityRules
{
    /// <summary>Every rule with its code, in a fixed order.</summary>
    public static IReadOnlyList<(EligibilityRule Rule, string Code)> All { get; } =
    [
        (EligibilityRule.CandidateNotReady, "candidate-not-ready"),
        (EligibilityRule.UnitNotAvailable, "unit-not-available"),
        (EligibilityRule.GemeenteExcluded, "gemeente-excluded"),
        (EligibilityRule.TooFewBedrooms, "too-few-bedrooms"),
        (EligibilityRule.TooManyOccupants, "too-many-occupants"),
        (EligibilityRule.RentTooHigh, "rent-too-high"),
        (EligibilityRule.AccessibilityUnmet, "accessibility-unmet"),
        (EligibilityRule.PrikkelarmRequired, "prikkelarm-required"),
        (EligibilityRule.Needs24x7Support, "needs-24x7-support"),
        (EligibilityRule.TargetGroupMismatch, "target-group-mismatch"),
        (EligibilityRule.RoomUnsuitableForChildren, "room-unsuitable-for-children"),
        (EligibilityRule.NotAvailableInTime, "not-available-in-time"),
        (EligibilityRule.OtherRegion, "other-region"),
        (EligibilityRule.PreviouslyDeclined, "previously-declined"),
    ];

    /// <summary>The codes of every rule in <paramref name="failed"/>, in the fixed order.</summary>
    public static IReadOnlyList<string> Codes(EligibilityRule failed) =>
        [.. All.Where(r => (failed & r.Rule) != 0).Select(r => r.Code)];

    public static string Code(EligibilityRule rule) => All.First(r => r.Rule == rule).Code;
}
