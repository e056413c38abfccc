using NML.Matching.Domain.Common;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Domain.Tests;

public sealed class OrganisationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WerkgebiedIsNormalisedSortedAndWithoutDuplicates()
    {
        var organisation = Organisation.Create(Guid.NewGuid(), "  Zorg  ", OrganisationType.Zorgaanbieder, "nml", null, null, ["gm0983", "GM0889", "GM0983 "], Now);

        Assert.Equal(["GM0889", "GM0983"], organisation.Werkgebied);
        Assert.Equal("Zorg", organisation.Name);
        Assert.Equal("NML", organisation.RegionCode);
        Assert.True(organisation.WorksIn("gm0983"));
        Assert.False(organisation.WorksIn("GM0957"));
    }

    [Fact]
    public void AGemeenteWorksInItsOwnMunicipality()
    {
        var organisation = Organisation.Create(Guid.NewGuid(), "Gemeente Venlo", OrganisationType.Gemeente, "NML", "gm0983", null, null, Now);

        Assert.Equal("GM0983", organisation.GemeenteCode);
        Assert.Equal(["GM0983"], organisation.Werkgebied);
    }

    [Fact]
    public void AGemeenteWithoutItsMunicipalityIsRefused()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() =>
            Organisation.Create(Guid.NewGuid(), "Gemeente ?", OrganisationType.Gemeente, "NML", null, null, null, Now));
        Assert.Equal("gemeenteCode", violation.Field);
    }

    [Theory]
    [InlineData(OrganisationType.Corporatie)]
    [InlineData(OrganisationType.Zorgaanbieder)]
    public void CorporationsAndProvidersNeedAWerkgebied(OrganisationType type)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Organisation.Create(Guid.NewGuid(), "X", type, "NML", null, null, [], Now));
        Assert.Equal("werkgebied", violation.Field);
    }

    [Fact]
    public void OnlyAMatchingspuntRunsAPoint() =>
        Assert.Throws<DomainRuleViolation>(() => Organisation.Create(Guid.NewGuid(), "X", OrganisationType.Corporatie, "NML", null, "Noord", ["GM0983"], Now));

    [Fact]
    public void UpdatingMovesTheUpdateTimeButNotTheCreationTime()
    {
        var organisation = Organisation.Create(Guid.NewGuid(), "X", OrganisationType.Matchingspunt, "NML", null, "Noord", null, Now);

        organisation.Update("Y", null, "Midden", null, active: true, Now.AddDays(1));

        Assert.Equal(Now, organisation.CreatedAt);
        Assert.Equal(Now.AddDays(1), organisation.UpdatedAt);
        Assert.Equal("Midden", organisation.PointCode);
    }

    [Theory]
    [InlineData("GM0983", true)]
    [InlineData("gm0983", true)]
    [InlineData(" GM0983 ", true)]
    [InlineData("GM983", false)]
    [InlineData("XX0983", false)]
    [InlineData(null, false)]
    public void GemeenteCodesAreRecognised(string? code, bool wellFormed) => Assert.Equal(wellFormed, GemeenteCode.IsWellFormed(code));

    [Fact]
    public void ARegionFindsItsPointsCaseInsensitively()
    {
        var region = new Region("nml", "Noord- en Midden-Limburg");
        region.UpsertPoint("Noord", "Transferpunt Noord-Limburg");
        region.UpsertPoint("noord", "Transferpunt Noord");

        Assert.Equal("NML", region.Code);
        Assert.Equal("Transferpunt Noord", Assert.Single(region.Points).Name);
        Assert.NotNull(region.FindPoint("NOORD"));
        Assert.Null(region.FindPoint("Zuid"));
    }

    [Fact]
    public void AMunicipalityNeedsAPositivePopulationAndValidCoordinates()
    {
        Assert.Throws<DomainRuleViolation>(() => new Gemeente("GM0983", "Venlo", "NML", "Noord", 0, 51.37, 6.17, null));
        Assert.Throws<DomainRuleViolation>(() => new Gemeente("GM0983", "Venlo", "NML", "Noord", 1000, 91, 6.17, null));
    }
}
