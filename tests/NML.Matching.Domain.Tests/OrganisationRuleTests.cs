using NML.Matching.Domain.Common;
using NML.Matching.Domain.Organisations;
using static NML.Matching.Domain.Tests.RuleViolations;

namespace NML.Matching.Domain.Tests;

/// <summary>
/// The rules per organisation type (docs/api.md, "Organisations") with the codes, statuses and fields of docs/api.md,
/// "Errors" (the backstop codes are listed at the end of its table), and the keys an organisation holds
/// (docs/security.md, "API keys").
/// </summary>
public sealed class OrganisationRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Organisation Create(OrganisationType type, string? gemeente = null, string? point = null, IEnumerable<string>? werkgebied = null, string name = "Org") =>
        Organisation.Create(Guid.NewGuid(), name, type, "NML", gemeente, point, werkgebied, Now);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnOrganisationNeedsAName(string name) =>
        AssertInvalidInput(() => Create(OrganisationType.Corporatie, werkgebied: ["GM0983"], name: name), "name-required", "name");

    [Fact]
    public void AGemeenteOrganisationNeedsItsMunicipality() =>
        AssertInvalidInput(() => Create(OrganisationType.Gemeente), "gemeente-required", "gemeenteCode");

    [Theory]
    [InlineData(OrganisationType.Corporatie)]
    [InlineData(OrganisationType.Zorgaanbieder)]
    public void CorporationsAndProvidersNeedAWerkgebied(OrganisationType type) =>
        AssertInvalidInput(() => Create(type, werkgebied: []), "werkgebied-required", "werkgebied");

    [Theory]
    [InlineData(OrganisationType.Corporatie)]
    [InlineData(OrganisationType.Zorgaanbieder)]
    [InlineData(OrganisationType.Matchingspunt)]
    public void OnlyAGemeenteOrganisationHasAGemeenteCode(OrganisationType type) =>
        AssertInvalidInput(() => Create(type, gemeente: "GM0983", werkgebied: ["GM0983"]), "gemeente-not-allowed", "gemeenteCode");

    [Theory]
    [InlineData(OrganisationType.Corporatie)]
    [InlineData(OrganisationType.Zorgaanbieder)]
    [InlineData(OrganisationType.Gemeente)]
    public void OnlyAMatchingspuntRunsAPoint(OrganisationType type) =>
        AssertInvalidInput(
            () => Create(type, gemeente: type == OrganisationType.Gemeente ? "GM0983" : null, point: "Noord", werkgebied: ["GM0983"]),
            "point-not-allowed", "pointCode");

    [Fact]
    public void AMatchingspuntRunsAPointOrTheWholeRegion()
    {
        Assert.Equal("Noord", Create(OrganisationType.Matchingspunt, point: " Noord ").PointCode);
        Assert.Null(Create(OrganisationType.Matchingspunt).PointCode);
    }

    /// <summary>docs/api.md: "werkgebied in upper case, sorted and without duplicates. A Gemeente always has its own municipality in its werkgebied."</summary>
    [Fact]
    public void AGemeenteWithAWiderWerkgebiedHasItsOwnMunicipalityInItInCodeOrder()
    {
        var venlo = Create(OrganisationType.Gemeente, gemeente: "gm0983", werkgebied: ["GM1507", "gm0889"]);

        Assert.Equal(["GM0889", "GM0983", "GM1507"], venlo.Werkgebied);
        Assert.True(venlo.WorksIn("GM0983"));
    }

    /// <summary>docs/api.md: "400 expiry-in-past: the key's expiresAt is not in the future" (now itself is not in the future).</summary>
    [Fact]
    public void AKeyThatWouldExpireAtTheMomentOfIssueIsRefused()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);

        AssertInvalidInput(() => organisation.IssueApiKey(Guid.NewGuid(), null, Now, Now), "expiry-in-past", "expiresAt");
        Assert.Empty(organisation.ApiKeys);
        var (key, _) = organisation.IssueApiKey(Guid.NewGuid(), null, Now.AddSeconds(1), Now);
        Assert.Equal(Now.AddSeconds(1), key.ExpiresAt);
    }

    /// <summary>docs/api.md: "409 organisation-inactive: a key was requested for an inactive organisation".</summary>
    [Fact]
    public void AnInactiveOrganisationGetsNoNewKeysAndAReactivatedOneDoes()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);
        organisation.Update(organisation.Name, null, null, organisation.Werkgebied, active: false, Now);

        AssertStateConflict(() => organisation.IssueApiKey(Guid.NewGuid(), null, null, Now), "organisation-inactive");

        organisation.Update(organisation.Name, null, null, organisation.Werkgebied, active: true, Now);
        organisation.IssueApiKey(Guid.NewGuid(), null, null, Now);
        Assert.Single(organisation.ApiKeys);
    }

    /// <summary>docs/api.md, "Authentication": keys look like nml_&lt;prefix&gt;_&lt;secret&gt;; the demo data registers known keys.</summary>
    [Fact]
    public void AKnownKeyIsHeldByTheOrganisationAndMatchesItsPlainText()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);

        var key = organisation.AddKnownApiKey(Guid.NewGuid(), "demo", "nml_demo01_secretsecret", Now);

        Assert.Same(key, Assert.Single(organisation.ApiKeys));
        Assert.Equal("demo01", key.Prefix);
        Assert.True(key.Matches("nml_demo01_secretsecret"));
        Assert.Null(key.ExpiresAt);
    }

    [Fact]
    public void AKnownKeyThatIsNotShapedLikeAKeyIsRefused()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);

        var violation = Assert.Throws<DomainRuleViolation>(() => organisation.AddKnownApiKey(Guid.NewGuid(), "demo", "not-a-key", Now));

        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
        Assert.Empty(organisation.ApiKeys);
    }

    /// <summary>
    /// docs/security.md, "Rotation": the old key expires after the overlap, so both work during the change-over.
    /// A rotation never lengthens a key's life: one that expires sooner keeps its own expiry.
    /// </summary>
    [Fact]
    public void RotationEndsTheOldKeyAtTheChangeOverButNeverLater()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);
        var (open, _) = organisation.IssueApiKey(Guid.NewGuid(), null, null, Now);
        var (shortLived, _) = organisation.IssueApiKey(Guid.NewGuid(), null, Now.AddDays(2), Now);
        var (longLived, _) = organisation.IssueApiKey(Guid.NewGuid(), null, Now.AddDays(30), Now);
        var changeOver = Now.AddDays(7);

        open.ExpireBy(changeOver);
        shortLived.ExpireBy(changeOver);
        longLived.ExpireBy(changeOver);

        Assert.Equal(changeOver, open.ExpiresAt);
        Assert.Equal(Now.AddDays(2), shortLived.ExpiresAt);
        Assert.Equal(changeOver, longLived.ExpiresAt);
        Assert.True(open.IsUsableAt(changeOver.AddSeconds(-1)));
        Assert.False(open.IsUsableAt(changeOver));
    }

    [Fact]
    public void ARevokedKeyCannotBeRotated()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);
        var (key, _) = organisation.IssueApiKey(Guid.NewGuid(), null, null, Now);
        key.Revoke(Now);

        var violation = Assert.Throws<DomainRuleViolation>(() => key.ExpireBy(Now.AddDays(7)));

        Assert.Equal(DomainRuleKind.StateConflict, violation.Kind);
        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
        Assert.Null(key.ExpiresAt);
    }

    /// <summary>docs/api.md lists key-already-revoked (409) among the backstop codes.</summary>
    [Fact]
    public void RevokingAKeyTwiceIsAStateConflict()
    {
        var organisation = Create(OrganisationType.Corporatie, werkgebied: ["GM0983"]);
        var (key, _) = organisation.IssueApiKey(Guid.NewGuid(), null, null, Now);
        key.Revoke(Now);

        AssertStateConflict(() => key.Revoke(Now.AddMinutes(1)), "key-already-revoked");
        Assert.Equal(Now, key.RevokedAt);
    }
}
