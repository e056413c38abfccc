using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests;

public sealed class PrikkelarmLevelTests
{
    private const int FeatureCount = 5;

    private static PrikkelarmFeatures FromMask(int mask) => new(
        OwnFrontDoor: (mask & 1) != 0,
        NoSharedStairwell: (mask & 2) != 0,
        NoDirectNeighbours: (mask & 4) != 0,
        QuietStreet: (mask & 8) != 0,
        EdgeOfNeighbourhood: (mask & 16) != 0);

    private static IEnumerable<int> AllMasks() => Enumerable.Range(0, 1 << FeatureCount);

    /// <summary>The rule exactly as the XML comment on <see cref="PrikkelarmFeatures.Level"/> states it.</summary>
    private static int DocumentedLevel(PrikkelarmFeatures f)
    {
        var entrance = f.OwnFrontDoor && f.NoSharedStairwell;
        bool[] all = [f.OwnFrontDoor, f.NoSharedStairwell, f.NoDirectNeighbours, f.QuietStreet, f.EdgeOfNeighbourhood];
        if (entrance && f.NoDirectNeighbours && (f.QuietStreet || f.EdgeOfNeighbourhood)) return 3;
        if (entrance && (f.NoDirectNeighbours || f.QuietStreet || f.EdgeOfNeighbourhood)) return 2;
        return all.Count(x => x) >= 2 ? 1 : 0;
    }

    [Fact]
    public void EveryCombinationHasALevelFromZeroToThree()
    {
        foreach (var mask in AllMasks())
        {
            Assert.InRange(FromMask(mask).Level(), 0, 3);
        }
    }

    [Fact]
    public void AddingAFeatureNeverLowersTheLevel()
    {
        foreach (var mask in AllMasks())
        {
            for (var bit = 0; bit < FeatureCount; bit++)
            {
                var withFeature = mask | (1 << bit);
                Assert.True(
                    FromMask(withFeature).Level() >= FromMask(mask).Level(),
                    $"{FromMask(mask)} has level {FromMask(mask).Level()}, but {FromMask(withFeature)} has {FromMask(withFeature).Level()}");
            }
        }
    }

    [Fact]
    public void EveryCombinationFollowsTheDocumentedRule()
    {
        foreach (var mask in AllMasks())
        {
            var features = FromMask(mask);
            Assert.True(DocumentedLevel(features) == features.Level(), $"{features}: expected {DocumentedLevel(features)}, got {features.Level()}");
        }
    }

    [Fact]
    public void EveryLevelIsReachable() =>
        Assert.Equal([0, 1, 2, 3], AllMasks().Select(m => FromMask(m).Level()).Distinct().Order());

    [Fact]
    public void NoFeaturesIsLevelZero()
    {
        Assert.Equal(0, PrikkelarmFeatures.None.Level());
        Assert.Equal(0, new PrikkelarmFeatures(false, false, false, false, false).Level());
    }

    [Fact]
    public void AllFeaturesIsLevelThree() =>
        Assert.Equal(3, new PrikkelarmFeatures(true, true, true, true, true).Level());

    [Theory]
    [InlineData(true, false, false, false, false)]
    [InlineData(false, false, false, true, false)]
    public void ASingleFeatureIsLevelZero(bool ownFrontDoor, bool noSharedStairwell, bool noDirectNeighbours, bool quietStreet, bool edge) =>
        Assert.Equal(0, new PrikkelarmFeatures(ownFrontDoor, noSharedStairwell, noDirectNeighbours, quietStreet, edge).Level());

    [Fact]
    public void AnOwnEntranceAloneIsLevelOne() =>
        Assert.Equal(1, new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: true, NoDirectNeighbours: false, QuietStreet: false, EdgeOfNeighbourhood: false).Level());

    [Fact]
    public void AnyTwoFeaturesWithoutTheOwnEntranceAreLevelOne()
    {
        Assert.Equal(1, new PrikkelarmFeatures(OwnFrontDoor: false, NoSharedStairwell: false, NoDirectNeighbours: false, QuietStreet: true, EdgeOfNeighbourhood: true).Level());
        Assert.Equal(1, new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: false, NoDirectNeighbours: true, QuietStreet: true, EdgeOfNeighbourhood: true).Level());
    }

    [Fact]
    public void AnOwnEntranceOnAQuietStreetIsLevelTwo() =>
        Assert.Equal(2, new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: true, NoDirectNeighbours: false, QuietStreet: true, EdgeOfNeighbourhood: false).Level());

    [Fact]
    public void AnOwnEntranceWithoutDirectNeighboursButNothingElseIsLevelTwo() =>
        Assert.Equal(2, new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: true, NoDirectNeighbours: true, QuietStreet: false, EdgeOfNeighbourhood: false).Level());

    [Fact]
    public void AnOwnEntranceWithoutDirectNeighboursAtTheEdgeOfTheNeighbourhoodIsLevelThree() =>
        Assert.Equal(3, new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: true, NoDirectNeighbours: true, QuietStreet: false, EdgeOfNeighbourhood: true).Level());
}
