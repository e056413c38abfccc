using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Organisations;

/// <summary>
/// A party that uses the service: a housing corporation, a care provider, a municipality or the
/// Matchingspunt itself. Its type decides its role; its werkgebied lists the municipalities it works in.
/// </summary>
public sealed class Organisation
{
    private readonly List<ApiKey> _apiKeys = [];

    private Organisation()
    {
        Name = RegionCode = string.Empty;
        Werkgebied = [];
    }

    private Organisation(Guid id, string name, OrganisationType type, string regionCode, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Type = type;
        RegionCode = regionCode;
        Werkgebied = [];
        Active = true;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public OrganisationType Type { get; private set; }
    public string RegionCode { get; private set; }

    /// <summary>For a <see cref="OrganisationType.Gemeente"/>: the municipality it speaks for.</summary>
    public string? GemeenteCode { get; private set; }

    /// <summary>For a <see cref="OrganisationType.Matchingspunt"/>: the point it runs, or null for the whole region.</summary>
    public string? PointCode { get; private set; }

    /// <summary>The municipalities the organisation works in, upper case, sorted, without duplicates.</summary>
    public List<string> Werkgebied { get; private set; }

    public bool Active { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL <c>xmin</c>: the optimistic concurrency token, surfaced as <c>version</c>.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<ApiKey> ApiKeys => _apiKeys;

    public static Organisation Create(
        Guid id, string name, OrganisationType type, string regionCode, string? gemeenteCode,
        string? pointCode, IEnumerable<string>? werkgebied, DateTimeOffset now)
    {
        var organisation = new Organisation(id, name.Trim(), type, regionCode.Trim().ToUpperInvariant(), now);
        organisation.Apply(name, gemeenteCode, pointCode, werkgebied, active: true);
        return organisation;
    }

    public void Update(string name, string? gemeenteCode, string? pointCode, IEnumerable<string>? werkgebied, bool active, DateTimeOffset now)
    {
        Apply(name, gemeenteCode, pointCode, werkgebied, active);
        UpdatedAt = now;
    }

    private void Apply(string name, string? gemeenteCode, string? pointCode, IEnumerable<string>? werkgebied, bool active)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainRuleViolation("name-required", "An organisation needs a name.", "name");
        var area = (werkgebied ?? []).Select(Regions.GemeenteCode.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
        var gemeente = gemeenteCode is null ? null : Regions.GemeenteCode.Normalize(gemeenteCode);

        switch (Type)
        {
            case OrganisationType.Gemeente:
                if (gemeente is null) throw new DomainRuleViolation("gemeente-required", "A Gemeente organisation speaks for one municipality.", "gemeenteCode");
                // A municipality works in its own territory; that is its werkgebied unless more is given.
                if (!area.Contains(gemeente)) area = [.. area.Append(gemeente).Order(StringComparer.Ordinal)];
                break;
            case OrganisationType.Corporatie or OrganisationType.Zorgaanbieder:
                if (area.Count == 0) throw new DomainRuleViolation("werkgebied-required", "Corporations and care providers need a werkgebied.", "werkgebied");
                if (gemeente is not null) throw new DomainRuleViolation("gemeente-not-allowed", "Only a Gemeente organisation has a gemeenteCode.", "gemeenteCode");
                break;
            case OrganisationType.Matchingspunt:
                if (gemeente is not null) throw new DomainRuleViolation("gemeente-not-allowed", "Only a Gemeente organisation has a gemeenteCode.", "gemeenteCode");
                break;
        }

        if (pointCode is not null && Type != OrganisationType.Matchingspunt)
            throw new DomainRuleViolation("point-not-allowed", "Only a Matchingspunt runs a point.", "pointCode");

        Name = name.Trim();
        GemeenteCode = gemeente;
        PointCode = pointCode?.Trim();
        Werkgebied = area;
        Active = active;
    }

    public bool WorksIn(string gemeenteCode) => Werkgebied.Contains(Regions.GemeenteCode.Normalize(gemeenteCode));

    /// <summary>Issues a new key. The plain key is returned once and never stored.</summary>
    public (ApiKey Key, string PlainKey) IssueApiKey(Guid keyId, string? label, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (!Active) throw new DomainRuleViolation("organisation-inactive", "An inactive organisation gets no new keys.", kind: DomainRuleKind.StateConflict);
        if (expiresAt is not null && expiresAt <= now)
            throw new DomainRuleViolation("expiry-in-past", "The expiry must lie in the future.", "expiresAt");
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(keyId, Id, label?.Trim(), secret.Prefix, secret.Hash, expiresAt, now);
        _apiKeys.Add(key);
        return (key, secret.PlainKey);
    }

    /// <summary>Registers a key whose plain text is known in advance (demo data only).</summary>
    public ApiKey AddKnownApiKey(Guid keyId, string label, string plainKey, DateTimeOffset now)
    {
        var secret = ApiKeySecret.FromPlainKey(plainKey)
            ?? throw new DomainRuleViolation("malformed-key", "A key looks like nml_<prefix>_<secret>.");
        var key = new ApiKey(keyId, Id, label, secret.Prefix, secret.Hash, null, now);
        _apiKeys.Add(key);
        return key;
    }
}
