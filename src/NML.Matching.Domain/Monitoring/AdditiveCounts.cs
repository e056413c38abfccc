namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// The counts about people behind one monitoring page, how they add up, and who knows which of them already: the
/// input of <see cref="Suppression"/> (docs/monitoring.md, D39).
/// <para>
/// A breakdown says that some counts (its parts) add up to another (its total); a total may have several breakdowns
/// (the queue by status, by setting, by municipality), a part may have breakdowns of its own (a municipality's
/// placements by owner), and a part belongs to one breakdown at most, so the breakdowns form trees ("families").
/// An incomplete breakdown leaves a rest (the total minus its parts) that is not shown but follows by subtraction,
/// so it is a count too.
/// </para>
/// <para>
/// A reader may know some counts already, whatever the page shows: a municipality its own residents and the
/// placements in its territory, an owner of units its own lettings (<see cref="KnownTo"/>).
/// </para>
/// </summary>
public sealed class AdditiveCounts
{
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);

    internal List<CountNode> Nodes { get; } = [];

    internal List<CountBreakdown> Breakdowns { get; } = [];

    /// <summary>The readers who know some count of their own (see <see cref="KnownTo"/>), by name: the order the rule checks them in.</summary>
    internal IReadOnlyList<string> Readers => [.. Nodes.SelectMany(n => n.KnownTo).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A count shown under <paramref name="key"/>.</summary>
    public AdditiveCounts Add(string key, int value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (!byKey.TryAdd(key, Nodes.Count)) throw new ArgumentException($"The count {key} is there already.", nameof(key));
        Nodes.Add(new CountNode(key, value, published: true));
        return this;
    }

    /// <summary>
    /// <paramref name="parts"/> add up to <paramref name="total"/> (all of them added before). Not
    /// <paramref name="complete"/>: they add up to less, and the rest is a count that is not shown.
    /// </summary>
    public AdditiveCounts Breakdown(string total, IEnumerable<string> parts, bool complete = true)
    {
        var t = IndexOf(total);
        var p = parts.Select(IndexOf).ToList();
        if (p.Distinct().Count() != p.Count) throw new ArgumentException($"A part of {total} is named twice.", nameof(parts));
        foreach (var part in p)
        {
            if (Nodes[part].Parent >= 0) throw new ArgumentException($"{Nodes[part].Key} is a part of another breakdown already.", nameof(parts));
            for (var up = t; up >= 0; up = Nodes[up].Parent < 0 ? -1 : Breakdowns[Nodes[up].Parent].Total)
                if (up == part) throw new ArgumentException($"{Nodes[part].Key} cannot be a part of {total}, which adds up to it.", nameof(parts));
        }
        var sum = p.Sum(i => Nodes[i].Value);
        var rest = Nodes[t].Value - sum;
        if (rest < 0 || (complete && rest != 0))
            throw new ArgumentException($"The parts of {total} add up to {sum}, not {(complete ? "" : "at most ")}{Nodes[t].Value}.", nameof(parts));
        if (!complete)
        {
            p.Add(Nodes.Count);
            Nodes.Add(new CountNode(null, rest, published: false));
        }
        var index = Breakdowns.Count;
        Breakdowns.Add(new CountBreakdown(t, p));
        Nodes[t].Children.Add(index);
        foreach (var part in p) Nodes[part].Parent = index;
        return this;
    }

    /// <summary>
    /// <paramref name="reader"/> (a name such as <c>gemeente:GM0983</c>) knows the counts <paramref name="keys"/>
    /// exactly, whatever the page shows: they are its own. The rule then makes sure that this reader cannot work out
    /// the hidden counts of others from them either.
    /// </summary>
    public AdditiveCounts KnownTo(string reader, params IEnumerable<string> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(reader);
        foreach (var key in keys) Nodes[IndexOf(key)].KnownTo.Add(reader);
        return this;
    }

    /// <summary>The number behind a count.</summary>
    public int this[string key] => Nodes[IndexOf(key)].Value;

    public bool Contains(string key) => byKey.ContainsKey(key);

    /// <summary>Every count shown on the page as the caller sees it: see <see cref="Suppression.Apply"/>.</summary>
    public IReadOnlyDictionary<string, SmallCount> Suppress(bool smallNumberRule) => Suppression.Apply(this, smallNumberRule);

    private int IndexOf(string key) =>
        byKey.TryGetValue(key, out var index) ? index : throw new ArgumentException($"There is no count {key}.", nameof(key));
}

/// <summary>A count: shown under its key, or the rest of an incomplete breakdown (no key, never shown).</summary>
internal sealed class CountNode(string? key, int value, bool published)
{
    public string? Key { get; } = key;

    public int Value { get; } = value;

    /// <summary>On the page (unless the rule hides it); false for a rest.</summary>
    public bool Published { get; } = published;

    /// <summary>The breakdown this count is a part of, or -1.</summary>
    public int Parent { get; set; } = -1;

    /// <summary>The breakdowns of this count.</summary>
    public List<int> Children { get; } = [];

    /// <summary>The readers who know this count exactly.</summary>
    public HashSet<string> KnownTo { get; } = new(StringComparer.Ordinal);
}

/// <summary>Parts (node indexes) that add up to a total (a node index).</summary>
internal sealed record CountBreakdown(int Total, IReadOnlyList<int> Parts);
