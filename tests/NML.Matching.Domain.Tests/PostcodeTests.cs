using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests;

public sealed class PostcodeTests
{
    [Theory]
    [InlineData("5921ab", "5921 AB")]
    [InlineData("5921AB", "5921 AB")]
    [InlineData("5921 ab", "5921 AB")]
    [InlineData(" 5921 AB ", "5921 AB")]
    [InlineData("5921 AB", "5921 AB")]
    [InlineData("1000 AA", "1000 AA")]
    [InlineData("9999 ZZ", "9999 ZZ")]
    public void AValidPostcodeIsNormalisedToFourDigitsSpaceTwoCapitals(string input, string expected) =>
        Assert.Equal(expected, Postcode.Normalize(input));

    [Theory]
    [InlineData("0921 AB")]
    [InlineData("5921 SA")]
    [InlineData("5921 sd")]
    [InlineData("5921SS")]
    [InlineData("59211AB")]
    [InlineData("592 AB")]
    [InlineData("5921 A")]
    [InlineData("5921 ABC")]
    [InlineData("5921  AB")]
    [InlineData("5921-AB")]
    [InlineData("ABCD 12")]
    [InlineData("")]
    [InlineData("   ")]
    public void AnInvalidPostcodeIsRejected(string input) =>
        Assert.Null(Postcode.Normalize(input));

    [Fact]
    public void NoPostcodeStaysNull() =>
        Assert.Null(Postcode.Normalize(null));
}
