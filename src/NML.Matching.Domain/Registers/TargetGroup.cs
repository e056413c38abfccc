namespace NML.Matching.Domain.Registers;

/// <summary>Groups that need special attention (seed 004, ambition 5), used by candidates and units alike.</summary>
public enum TargetGroup
{
    Jongeren = 1,
    Gezin = 2,
    HuiselijkGeweld = 3,
    LHBTIQ = 4,
    ExGedetineerde = 5,
    HousingFirst = 6,
}

/// <summary>The contract under which a unit is let.</summary>
public enum ContractForm
{
    Regulier = 1,
    Omklap = 2,
    HousingFirst = 3,
    Tijdelijk = 4,
}

/// <summary>How much support is available at or near a unit.</summary>
public enum SupportOnSite
{
    None = 1,
    Nearby = 2,
    TwentyFourSeven = 3,
}
