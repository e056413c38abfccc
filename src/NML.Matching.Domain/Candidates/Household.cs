namespace NML.Matching.Domain.Candidates;

/// <summary>Who moves: 1-2 adults and 0-10 children.</summary>
public sealed record Household(int Adults, int Children)
{
    public int Size => Adults + Children;

    /// <summary>
    /// The bedrooms a household needs when the care provider does not say: a single adult 0 (a studio
    /// or room will do), two adults 1, and with children one bedroom for the adults plus one for every
    /// two children (rounded up), at most 6.
    /// </summary>
    public int DefaultBedrooms() => Children == 0 ? (Adults >= 2 ? 1 : 0) : Math.Min(6, 1 + ((Children + 1) / 2));
}

/// <summary>What the person needs of the building.</summary>
public sealed record AccessibilityNeeds(bool NeedsGroundFloorOrLift, bool NeedsWheelchairAccess);
