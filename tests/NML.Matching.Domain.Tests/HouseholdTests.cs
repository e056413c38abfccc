using NML.Matching.Domain.Candidates;

namespace NML.Matching.Domain.Tests;

public sealed class HouseholdTests
{
    [Fact]
    public void ASingleAdultNeedsNoSeparateBedroom() =>
        Assert.Equal(0, new Household(1, 0).DefaultBedrooms());

    [Fact]
    public void TwoAdultsNeedOneBedroom() =>
        Assert.Equal(1, new Household(2, 0).DefaultBedrooms());

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(1, 2, 2)]
    [InlineData(1, 3, 3)]
    [InlineData(2, 1, 2)]
    [InlineData(2, 2, 2)]
    [InlineData(2, 3, 3)]
    [InlineData(2, 4, 3)]
    [InlineData(1, 5, 4)]
    [InlineData(2, 8, 5)]
    [InlineData(2, 9, 6)]
    [InlineData(2, 10, 6)]
    [InlineData(1, 10, 6)]
    public void WithChildrenTheAdultsGetOneBedroomAndEveryTwoChildrenAnother(int adults, int children, int expected) =>
        Assert.Equal(expected, new Household(adults, children).DefaultBedrooms());

    [Fact]
    public void WithChildrenItIsOnePlusHalfTheChildrenRoundedUpAtMostSix()
    {
        foreach (var adults in new[] { 1, 2 })
        {
            for (var children = 1; children <= 10; children++)
            {
                var expected = Math.Min(6, 1 + (int)Math.Ceiling(children / 2.0));
                Assert.Equal(expected, new Household(adults, children).DefaultBedrooms());
            }
        }
    }

    [Fact]
    public void TheSizeCountsAdultsAndChildren() =>
        Assert.Equal(5, new Household(2, 3).Size);
}
