namespace NML.Matching.Domain.Units;

public enum UnitType
{
    Appartement = 1,
    Eengezinswoning = 2,
    Studio = 3,
    /// <summary>A room with shared facilities.</summary>
    Kamer = 4,
    Trainingswoning = 5,
    Tussenvoorziening = 6,
}

public enum UnitStatus
{
    Available = 1,
    Reserved = 2,
    Let = 3,
    Withdrawn = 4,
}

/// <summary>What the building offers in access.</summary>
public sealed record UnitAccessibility(bool GroundFloorOrLift, bool WheelchairAccessible);

/// <summary>The low-stimulus features of a unit (seed 004, "Aandacht voor bijzondere woonwensen").</summary>
public sealed record PrikkelarmFeatures(bool OwnFrontDoor, bool NoSharedStairwell, bool NoDirectNeighbours, bool QuietStreet, bool EdgeOfNeighbourhood)
{
    public static readonly PrikkelarmFeatures None = new(false, false, false, false, false);

    /// <summary>
    /// The prikkelarm level, 0-3, derived from the features:
    /// 3 = own front door, no shared stairwell, no direct neighbours, and a quiet street or the edge of the neighbourhood;
    /// 2 = own front door, no shared stairwell, and at least one of the other three;
    /// 1 = any two features;
    /// 0 = otherwise.
    /// Every condition only asks for features, so adding a feature never lowers the level.
    /// </summary>
    public int Level()
    {
        var entrance = OwnFrontDoor && NoSharedStairwell;
        var surroundings = (NoDirectNeighbours ? 1 : 0) + (QuietStreet ? 1 : 0) + (EdgeOfNeighbourhood ? 1 : 0);
        if (entrance && NoDirectNeighbours && (QuietStreet || EdgeOfNeighbourhood)) return 3;
        if (entrance && surroundings >= 1) return 2;
        return (OwnFrontDoor ? 1 : 0) + (NoSharedStairwell ? 1 : 0) + surroundings >= 2 ? 1 : 0;
    }
}
