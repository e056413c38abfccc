using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Tests.Matches;

public sealed class DeclineReasonsTests
{
    public static TheoryData<DeclineParty> Parties()
    {
        var data = new TheoryData<DeclineParty>();
        foreach (var party in Enum.GetValues<DeclineParty>()) data.Add(party);
        return data;
    }

    [Fact]
    public void CodesAreUnique()
    {
        var codes = DeclineReasons.All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheExpiryCodeIsNotAReasonAPartyCanGive()
    {
        Assert.Null(DeclineReasons.Find(DeclineReasons.ExpiredCode));
    }

    [Theory]
    [MemberData(nameof(Parties))]
    public void EveryPartyHasAtLeastOneReason(DeclineParty party)
    {
        Assert.Contains(DeclineReasons.All, r => r.Party == party);
    }

    [Fact]
    public void CandidateReasonsAreClientSideAndAllOthersProviderSide()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r =>
            Assert.Equal(r.Party == DeclineParty.Kandidaat ? DeclineSide.ClientSide : DeclineSide.ProviderSide, r.Side));
    }

    [Fact]
    public void ParkDaysAreNeverNegative()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r => Assert.True(r.DefaultParkDays >= 0, r.Code));
    }

    [Fact]
    public void RefusingASuitableOfferParksTheCandidate30DaysByDefault()
    {
        var reason = DeclineReasons.Find("kandidaat-weigert-passend-aanbod");

        Assert.NotNull(reason);
        Assert.Equal(DeclineParty.Kandidaat, reason.Party);
        Assert.Equal(30, reason.DefaultParkDays);
    }

    [Fact]
    public void FindReturnsEachListedReasonByItsCode()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r => Assert.Same(r, DeclineReasons.Find(r.Code)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bestaat-niet")]
    [InlineData("KANDIDAAT-WEIGERT-PASSEND-AANBOD")]
    public void FindReturnsNullForAnUnknownCode(string? code)
    {
        Assert.Null(DeclineReasons.Find(code));
    }
}
