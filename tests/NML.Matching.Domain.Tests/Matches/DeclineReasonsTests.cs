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
    public void Codes_are_unique()
    {
        var codes = DeclineReasons.All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_expiry_code_is_not_a_reason_a_party_can_give()
    {
        Assert.Null(DeclineReasons.Find(DeclineReasons.ExpiredCode));
    }

    [Theory]
    [MemberData(nameof(Parties))]
    public void Every_party_has_at_least_one_reason(DeclineParty party)
    {
        Assert.Contains(DeclineReasons.All, r => r.Party == party);
    }

    [Fact]
    public void Candidate_reasons_are_client_side_and_all_others_provider_side()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r =>
            Assert.Equal(r.Party == DeclineParty.Kandidaat ? DeclineSide.ClientSide : DeclineSide.ProviderSide, r.Side));
    }

    [Fact]
    public void Park_days_are_never_negative()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r => Assert.True(r.DefaultParkDays >= 0, r.Code));
    }

    [Fact]
    public void Refusing_a_suitable_offer_parks_the_candidate_30_days_by_default()
    {
        var reason = DeclineReasons.Find("kandidaat-weigert-passend-aanbod");

        Assert.NotNull(reason);
        Assert.Equal(DeclineParty.Kandidaat, reason.Party);
        Assert.Equal(30, reason.DefaultParkDays);
    }

    [Fact]
    public void Find_returns_each_listed_reason_by_its_code()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r => Assert.Same(r, DeclineReasons.Find(r.Code)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bestaat-niet")]
    [InlineData("KANDIDAAT-WEIGERT-PASSEND-AANBOD")]
    public void Find_returns_null_for_an_unknown_code(string? code)
    {
        Assert.Null(DeclineReasons.Find(code));
    }
}
