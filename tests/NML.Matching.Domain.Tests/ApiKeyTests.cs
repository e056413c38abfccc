using NML.Matching.Domain.Common;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Domain.Tests;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Organisation Corporation() =>
        Organisation.Create(Guid.NewGuid(), "Test Wonen", OrganisationType.Corporatie, "NML", null, null, ["GM0983"], Now);

    [Fact]
    public void AnIssuedKeyMatchesItsOwnPlainTextOnly()
    {
        var (key, plain) = Corporation().IssueApiKey(Guid.NewGuid(), "test", null, Now);

        Assert.True(key.Matches(plain));
        Assert.False(key.Matches(plain + "x"));
        Assert.False(key.Matches(plain[..^1]));
    }

    [Fact]
    public void TheKeyCarriesItsLookupPrefixAndOnlyTheHashIsKept()
    {
        var (key, plain) = Corporation().IssueApiKey(Guid.NewGuid(), null, null, Now);

        Assert.StartsWith($"nml_{key.Prefix}_", plain);
        Assert.True(ApiKeySecret.TryGetPrefix(plain, out var prefix));
        Assert.Equal(key.Prefix, prefix);
        Assert.Equal(32, key.Hash.Length);
        Assert.DoesNotContain(plain, System.Text.Encoding.UTF8.GetString(key.Hash));
    }

    [Fact]
    public void TwoIssuedKeysDiffer()
    {
        var organisation = Corporation();
        var (_, first) = organisation.IssueApiKey(Guid.NewGuid(), null, null, Now);
        var (_, second) = organisation.IssueApiKey(Guid.NewGuid(), null, null, Now);

        Assert.NotEqual(first, second);
        Assert.Equal(2, organisation.ApiKeys.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nml_")]
    [InlineData("nml__secret")]
    [InlineData("nml_prefix_")]
    [InlineData("other_prefix_secret")]
    public void MalformedKeysHaveNoPrefix(string? presented) => Assert.False(ApiKeySecret.TryGetPrefix(presented, out _));

    /// <summary>docs/security.md: a presented key of more than 200 characters, or a prefix of more than 32, is refused unread.</summary>
    [Fact]
    public void APresentedKeyIsReadUpTo200CharactersWithAPrefixOfUpTo32()
    {
        var prefix32 = new string('p', 32);
        var longest = $"nml_{prefix32}_{new string('s', 200 - 4 - 32 - 1)}";
        Assert.Equal(200, longest.Length);

        Assert.True(ApiKeySecret.TryGetPrefix(longest, out var read));
        Assert.Equal(prefix32, read);
        Assert.False(ApiKeySecret.TryGetPrefix(longest + "s", out _));
        Assert.False(ApiKeySecret.TryGetPrefix($"nml_{prefix32}p_secret", out _));
    }

    [Fact]
    public void ARevokedKeyIsNotUsableAndCannotBeRevokedAgain()
    {
        var (key, _) = Corporation().IssueApiKey(Guid.NewGuid(), null, null, Now);

        key.Revoke(Now);

        Assert.False(key.IsUsableAt(Now));
        var violation = Assert.Throws<DomainRuleViolation>(() => key.Revoke(Now));
        Assert.Equal(DomainRuleKind.StateConflict, violation.Kind);
    }

    [Fact]
    public void AKeyExpiresAtItsExpiry()
    {
        var (key, _) = Corporation().IssueApiKey(Guid.NewGuid(), null, Now.AddDays(1), Now);

        Assert.True(key.IsUsableAt(Now.AddHours(23)));
        Assert.False(key.IsUsableAt(Now.AddDays(1)));
    }

    [Fact]
    public void AnExpiryInThePastIsRefused() =>
        Assert.Throws<DomainRuleViolation>(() => Corporation().IssueApiKey(Guid.NewGuid(), null, Now.AddSeconds(-1), Now));

    [Fact]
    public void AnInactiveOrganisationGetsNoNewKeys()
    {
        var organisation = Corporation();
        organisation.Update(organisation.Name, null, null, organisation.Werkgebied, active: false, Now);

        Assert.Throws<DomainRuleViolation>(() => organisation.IssueApiKey(Guid.NewGuid(), null, null, Now));
    }
}
