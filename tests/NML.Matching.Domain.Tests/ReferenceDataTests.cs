using NML.Matching.Domain.Common;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Tests;

/// <summary>
/// The reference data of docs/operations.md, "Reference data": a file error stops start-up ("a population of 0 or
/// less, or coordinates out of range"), and a municipality can move to another region or point. Dates are Dutch
/// calendar days (docs/monitoring.md: "a moment belongs to the day it happened on in the Netherlands").
/// </summary>
public sealed class ReferenceDataTests
{
    // Venlo as in /work/shared/domain.md: 103,500 inhabitants at 51.370 N, 6.172 E, 253 BW clients in 2020.
    private static Gemeente Venlo() => new("gm0983", "Venlo", "nml", "Noord", 103_500, 51.370, 6.172, 253);

    [Fact]
    public void AMunicipalityKeepsTheFiguresOfTheFile()
    {
        var venlo = Venlo();

        Assert.Equal("GM0983", venlo.Code);
        Assert.Equal("NML", venlo.RegionCode);
        Assert.Equal("Noord", venlo.PointCode);
        Assert.Equal(103_500, venlo.Population);
        Assert.Equal(51.370, venlo.Latitude);
        Assert.Equal(6.172, venlo.Longitude);
        Assert.Equal(253, venlo.BwClients2020);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void APopulationOfZeroOrLessIsRefused(int population)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Venlo().Update("Venlo", population, 51.370, 6.172, 253));
        Assert.Equal("invalid-population", violation.Code);
        Assert.Contains("GM0983", violation.Message);
    }

    [Fact]
    public void APopulationOfOneIsAccepted() => Assert.Equal(1, new Gemeente("GM0983", "Venlo", "NML", "Noord", 1, 51.370, 6.172, null).Population);

    /// <summary>Latitudes lie in [−90, 90] and longitudes in [−180, 180]; the ends themselves are places on earth.</summary>
    [Theory]
    [InlineData(90.0001, 6.172)]
    [InlineData(-90.0001, 6.172)]
    [InlineData(51.370, 180.0001)]
    [InlineData(51.370, -180.0001)]
    public void CoordinatesOutOfRangeAreRefused(double latitude, double longitude)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Venlo().Update("Venlo", 103_500, latitude, longitude, 253));
        Assert.Equal("invalid-coordinates", violation.Code);
        Assert.Contains("GM0983", violation.Message);
    }

    [Theory]
    [InlineData(90, 180)]
    [InlineData(-90, -180)]
    public void CoordinatesAtTheEndsOfTheirRangeAreAccepted(double latitude, double longitude)
    {
        var gemeente = Venlo();
        gemeente.Update("Venlo", 103_500, latitude, longitude, 253);

        Assert.Equal(latitude, gemeente.Latitude);
        Assert.Equal(longitude, gemeente.Longitude);
    }

    [Fact]
    public void AMunicipalityCanMoveToAnotherRegionOrPoint()
    {
        var venlo = Venlo();

        venlo.MoveTo(" mh ", "Heuvelland");

        Assert.Equal("MH", venlo.RegionCode);
        Assert.Equal("Heuvelland", venlo.PointCode);
    }

    /// <summary>docs/architecture.md: CBS codes, input case-insensitive and stored in upper case; an empty slot is not well formed.</summary>
    [Fact]
    public void AMissingCodeNormalisesToEmptyAndIsNotWellFormed()
    {
        Assert.Equal(string.Empty, GemeenteCode.Normalize(null));
        Assert.False(GemeenteCode.IsWellFormed(null));
        Assert.True(GemeenteCode.IsWellFormed(" gm0983 "));
    }

    /// <summary>A point is found case-insensitively and renamed rather than added twice.</summary>
    [Fact]
    public void APointIsAddedOnceAndRenamedAfterwards()
    {
        var region = new Region(" nml ", "Noord- en Midden-Limburg");

        region.UpsertPoint("Noord", "Transferpunt");
        region.UpsertPoint("noord", "Transferpunt Noord");

        var point = Assert.Single(region.Points);
        Assert.Equal("NML", region.Code);
        Assert.Equal("NML", point.RegionCode);
        Assert.Equal("Noord", point.Code);
        Assert.Equal("Transferpunt Noord", point.Name);
        Assert.Same(point, region.FindPoint(" NOORD "));
        Assert.Null(region.FindPoint("Midden"));
    }

    /// <summary>Europe/Amsterdam is UTC+1 in winter and UTC+2 in summer, so late evening in UTC is already the next Dutch day.</summary>
    [Theory]
    [InlineData("2026-03-01T22:59:59Z", "2026-03-01")]
    [InlineData("2026-03-01T23:00:00Z", "2026-03-02")]
    [InlineData("2026-07-01T21:59:59Z", "2026-07-01")]
    [InlineData("2026-07-01T22:00:00Z", "2026-07-02")]
    public void AMomentBelongsToTheDutchCalendarDay(string moment, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            RegionalDate.DateOf(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-01-15", "2026-01-14T23:00:00Z")]
    [InlineData("2026-07-15", "2026-07-14T22:00:00Z")]
    public void ADutchDayBeginsAtLocalMidnight(string day, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            RegionalDate.StartOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
}
