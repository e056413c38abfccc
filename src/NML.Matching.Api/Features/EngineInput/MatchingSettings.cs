using NML.Matching.Domain.Matching;

namespace NML.Matching.Api.Features.EngineInput;

/// <summary>The <c>Matching</c> configuration section. Defaults follow docs/matching.md.</summary>
public sealed class MatchingSettings
{
    public MatchingWeights Weights { get; set; } = new();
    public int AvailabilityWindowDays { get; set; } = 90;
    public double MaxDistanceKm { get; set; } = 40;
    public bool AllowCrossRegion { get; set; }
    public FairShareKey FairShareKey { get; set; } = FairShareKey.Population;
    public double SpreidingPseudoCount { get; set; } = 10;

    /// <summary>Placements older than this count no more for spreading.</summary>
    public int PlacementWindowMonths { get; set; } = 12;

    public MatchingOptions Options() => new(AvailabilityWindowDays, MaxDistanceKm, AllowCrossRegion, FairShareKey, SpreidingPseudoCount);
}
