namespace NML.Matching.Domain.Regions;

/// <summary>
/// A region of municipalities that share one Transfer- or Matchingspunt organisation (for example NML).
/// Reference data: loaded from the versioned data file, never edited through the API.
/// </summary>
public sealed class Region
{
    private readonly List<RegionPoint> _points = [];

    private Region() { Code = Name = string.Empty; }

    public Region(string code, string name)
    {
        Code = code.Trim().ToUpperInvariant();
        Name = name;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<RegionPoint> Points => _points;

    public void Rename(string name) => Name = name;

    /// <summary>Adds the point, or renames it when it exists (point codes compare case-insensitively).</summary>
    public void UpsertPoint(string code, string name)
    {
        var existing = FindPoint(code);
        if (existing is null) _points.Add(new RegionPoint(Code, code, name));
        else existing.Rename(name);
    }

    public RegionPoint? FindPoint(string code) =>
        _points.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A point within a region (NML has <c>Noord</c> and <c>Midden</c>).</summary>
public sealed class RegionPoint
{
    private RegionPoint() { RegionCode = Code = Name = string.Empty; }

    internal RegionPoint(string regionCode, string code, string name)
    {
        RegionCode = regionCode;
        Code = code.Trim();
        Name = name;
    }

    public string RegionCode { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }

    internal void Rename(string name) => Name = name;
}
