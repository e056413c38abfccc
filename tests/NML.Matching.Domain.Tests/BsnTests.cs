using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Tests;

public sealed class BsnTests
{
    // Checked by hand with 9·d1 + 8·d2 + … + 2·d8 − 1·d9:
    // 123456782: 9+16+21+24+25+24+21+16 − 2 = 154 = 14·11
    // 111222333: 9+8+7+12+10+8+9+6 − 3 = 66 = 6·11
    // 012345672: 0+8+14+18+20+20+18+14 − 2 = 110 = 10·11
    // 999999990: 9·(9+8+7+6+5+4+3+2) − 0 = 396 = 36·11 (the digit 9 is a digit too)
    [Theory]
    [InlineData("123456782")]
    [InlineData("111222333")]
    [InlineData("012345672")]
    [InlineData("999999990")]
    public void KnownValidNumbersPassTheElevenTest(string number) =>
        Assert.True(Bsn.PassesElevenTest(number));

    // 123456789: 156 − 9 = 147 = 13·11 + 4
    // 100000009: 9 − 9 = 0, a multiple of 11 but zero
    [Theory]
    [InlineData("123456789")]
    [InlineData("000000000")]
    [InlineData("100000009")]
    [InlineData("12345678")]
    [InlineData("1234567820")]
    [InlineData("12345678a")]
    [InlineData("abcdefghi")]
    [InlineData("1234 5678")]
    [InlineData("")]
    public void NumbersThatAreNotNineDigitsPassingTheTestFail(string number) =>
        Assert.False(Bsn.PassesElevenTest(number));

    [Theory]
    [InlineData("123456782")]
    [InlineData("BSN 123456782 van cliënt")]
    [InlineData("bsn:111222333.")]
    [InlineData("zie dossier (123456782)")]
    [InlineData("1234.56.782")]
    [InlineData("123 456 782")]
    [InlineData("123-456-782")]
    [InlineData("123.456.782")]
    [InlineData("tel 0612345678, bsn 123 456 782")]
    public void ABsnInsideTextOrWithSeparatorsIsFound(string text) =>
        Assert.True(Bsn.ContainsLikelyBsn(text));

    [Theory]
    // Ten or more digits, even when nine of them would pass the test.
    [InlineData("0612345678")]
    [InlineData("bel 0612345678")]
    [InlineData("0123456782")]
    [InlineData("1234567820")]
    [InlineData("11234567822")]
    [InlineData("1234.56.7820")]
    // Eight digits.
    [InlineData("12345678")]
    [InlineData("06-12345678")]
    [InlineData("06 1234 5678")]
    // Postcodes and house numbers.
    [InlineData("5921 AB 12")]
    [InlineData("Hoofdstraat 12, 5921AB Venlo")]
    // Nine digits that fail the test.
    [InlineData("123456789")]
    [InlineData("123 456 789")]
    [InlineData("000000000")]
    [InlineData("100000009")]
    // No digits at all.
    [InlineData("")]
    [InlineData(null)]
    [InlineData("geen nummer")]
    public void TextWithoutALikelyBsnIsNotFlagged(string? text) =>
        Assert.False(Bsn.ContainsLikelyBsn(text));

    [Theory]
    [InlineData("0 123 456 782 1")]
    [InlineData("12 1234.56.782")]
    public void GroupsThatContinueALongerNumberAreNotFlagged(string text) => Assert.False(Bsn.ContainsLikelyBsn(text));

    [Theory]
    [InlineData("2024-123456782")]
    [InlineData("kamer 12 123456782")]
    [InlineData("+31 612345671")]
    public void ANineDigitNumberAfterAnotherNumberIsStillFound(string text) => Assert.True(Bsn.ContainsLikelyBsn(text));
}
