namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// The small-number rule with secondary suppression (docs/monitoring.md, D26 and D38). Hiding a count of 1 to 4 is
/// not enough when the counts around it give it back: a total of 7 with Venlo 5 and twelve zeros makes Roermond's
/// <c>"&lt;5"</c> a 2. So, for the roles under the rule:
/// <list type="number">
/// <item>Primary: every count of 1 to 4 is <c>"&lt;5"</c>.</item>
/// <item>A breakdown of a total of 1 to 4 is withheld (<c>"x"</c>, zeros included), with every breakdown under it:
/// how many of its cells are not zero would already tell (four <c>"&lt;5"</c> under a <c>"&lt;5"</c> are four ones).</item>
/// <item>Secondary: for every hidden count of 1 to 4 (and every rest of 1 to 4 that follows by subtraction) the values
/// it can still have are worked out from everything shown: the counts, the totals, <c>"&lt;5"</c> meaning 1 to 4,
/// a withheld part meaning 5 or more and at most the smallest count still shown in its breakdown (the rule withholds
/// the smallest first, and a reader may know that). While one is left with a single value, the rule withholds one
/// more count of its family: of the candidates — in each breakdown the smallest count still shown, and the
/// family's overall total — the smallest that makes it uncertain, else the candidate nearest to it.</item>
/// <item>If nothing is left to withhold and a count can still be worked out, the whole family is withheld.</item>
/// </list>
/// The values a count can have are computed exactly: the breakdowns form trees (a part belongs to one breakdown),
/// so the range of every count follows from adding intervals up the tree and subtracting them down it.
/// </summary>
public static class Suppression
{
    /// <summary>Larger than any count; sums stay far from overflow.</summary>
    private const long Infinity = 1L << 40;

    private enum Reason
    {
        /// <summary>Shown.</summary>
        None,

        /// <summary>1 to 4: "&lt;5".</summary>
        Small,

        /// <summary>In a breakdown of a total of 1 to 4.</summary>
        SmallTotal,

        /// <summary>Withheld so that a small count cannot be worked out.</summary>
        Secondary,

        /// <summary>Withheld with its whole family.</summary>
        Family,
    }

    private readonly record struct Interval(long Lo, long Hi)
    {
        public static readonly Interval Any = new(-Infinity, Infinity);

        public bool HasTwoValues => Hi - Lo >= 1;

        public Interval Meet(Interval other) => new(Math.Max(Lo, other.Lo), Math.Min(Hi, other.Hi));
    }

    /// <summary>
    /// Every shown count of <paramref name="counts"/> as the caller sees it: all numbers without the
    /// <paramref name="smallNumberRule"/>, otherwise the numbers, <c>"&lt;5"</c> and <c>"x"</c> as described above.
    /// </summary>
    public static IReadOnlyDictionary<string, SmallCount> Apply(AdditiveCounts counts, bool smallNumberRule)
    {
        var state = new State(counts);
        if (smallNumberRule) state.Protect();
        var shown = new Dictionary<string, SmallCount>(StringComparer.Ordinal);
        for (var node = 0; node < counts.Nodes.Count; node++)
            if (counts.Nodes[node].Published) shown[counts.Nodes[node].Key!] = new SmallCount(counts.Nodes[node].Value, state.MarkOf(node));
        return shown;
    }

    private sealed class State(AdditiveCounts counts)
    {
        private readonly List<CountNode> nodes = counts.Nodes;
        private readonly List<CountBreakdown> breakdowns = counts.Breakdowns;
        private readonly Reason[] reasons = new Reason[counts.Nodes.Count];

        public CountMark MarkOf(int node) => reasons[node] switch
        {
            Reason.None => CountMark.Shown,
            Reason.Small => CountMark.Small,
            _ => CountMark.Withheld,
        };

        public void Protect()
        {
            for (var i = 0; i < nodes.Count; i++)
                if (nodes[i].Published && SmallCount.IsSmall(nodes[i].Value)) reasons[i] = Reason.Small;
            foreach (var breakdown in breakdowns.Where(b => SmallCount.IsSmall(nodes[b.Total].Value)))
                WithholdUnder(breakdown);

            var wholeFamilies = new HashSet<int>();
            while (FirstUnsafe() is var count && count >= 0)
            {
                var root = RootOf(count);
                var candidates = Candidates(root);
                if (candidates.Count == 0)
                {
                    if (!wholeFamilies.Add(root)) throw new InvalidOperationException("A withheld family still gives a count away.");
                    foreach (var node in Family(root).Where(n => nodes[n].Published)) reasons[node] = Reason.Family;
                    continue;
                }
                var pick = candidates.FirstOrDefault(c => Helps(c, count), -1);
                if (pick < 0) pick = Nearest(count, candidates, root);
                reasons[pick] = Reason.Secondary;
            }
        }

        private void WithholdUnder(CountBreakdown breakdown)
        {
            foreach (var part in breakdown.Parts)
            {
                if (nodes[part].Published) reasons[part] = Reason.SmallTotal;
                foreach (var below in nodes[part].Children) WithholdUnder(breakdowns[below]);
            }
        }

        /// <summary>True when withholding <paramref name="candidate"/> leaves <paramref name="count"/> more than one value.</summary>
        private bool Helps(int candidate, int count)
        {
            reasons[candidate] = Reason.Secondary;
            var helps = Ranges()[count].HasTwoValues;
            reasons[candidate] = Reason.None;
            return helps;
        }

        /// <summary>A hidden count of 1 to 4 (or a rest of 1 to 4) that has only one possible value, or -1.</summary>
        private int FirstUnsafe()
        {
            var ranges = Ranges();
            for (var i = 0; i < nodes.Count; i++)
            {
                var hidden = !nodes[i].Published || reasons[i] != Reason.None;
                if (hidden && SmallCount.IsSmall(nodes[i].Value) && !ranges[i].HasTwoValues) return i;
            }
            return -1;
        }

        private bool Visible(int node) => nodes[node].Published && reasons[node] == Reason.None;

        /// <summary>The smallest shown count above zero of each breakdown of the family, and its total; smallest first.</summary>
        private List<int> Candidates(int root)
        {
            var candidates = Family(root).Where(n => nodes[n].Children.Count > 0)
                .SelectMany(n => nodes[n].Children)
                .Select(SmallestShownPart).Where(p => p >= 0).ToList();
            if (Visible(root) && nodes[root].Value > 0) candidates.Add(root);
            return [.. candidates.OrderBy(c => nodes[c].Value).ThenBy(c => nodes[c].Key, StringComparer.Ordinal)];
        }

        private int SmallestShownPart(int breakdown) => breakdowns[breakdown].Parts
            .Where(p => Visible(p) && nodes[p].Value > 0)
            .OrderBy(p => nodes[p].Value).ThenBy(p => nodes[p].Key, StringComparer.Ordinal)
            .DefaultIfEmpty(-1).First();

        /// <summary>The candidate in the count's own breakdown, else in the breakdowns above it, else the total, else the smallest.</summary>
        private int Nearest(int count, List<int> candidates, int root)
        {
            for (var breakdown = nodes[count].Parent; breakdown >= 0; breakdown = nodes[breakdowns[breakdown].Total].Parent)
            {
                var part = SmallestShownPart(breakdown);
                if (part >= 0) return part;
            }
            return candidates.Contains(root) ? root : candidates[0];
        }

        private int RootOf(int node)
        {
            while (nodes[node].Parent >= 0) node = breakdowns[nodes[node].Parent].Total;
            return node;
        }

        private IEnumerable<int> Family(int root)
        {
            yield return root;
            foreach (var breakdown in nodes[root].Children)
                foreach (var part in breakdowns[breakdown].Parts)
                    foreach (var node in Family(part)) yield return node;
        }

        /// <summary>What a reader knows of a count before adding anything up.</summary>
        private Interval Bounds(int node)
        {
            var value = nodes[node].Value;
            if (!nodes[node].Published) return new Interval(0, Infinity);
            return reasons[node] switch
            {
                Reason.None => new Interval(value, value),
                Reason.Small => new Interval(1, SmallCount.Threshold - 1),
                Reason.Secondary => new Interval(SmallCount.Threshold, nodes[node].Parent < 0 ? Infinity : SmallestShown(nodes[node].Parent)),
                _ => new Interval(0, Infinity),
            };
        }

        /// <summary>The smallest count above zero still shown among the parts of a breakdown (a withheld part is at most that).</summary>
        private long SmallestShown(int breakdown) => breakdowns[breakdown].Parts
            .Where(p => Visible(p) && nodes[p].Value > 0).Select(p => (long)nodes[p].Value).DefaultIfEmpty(Infinity).Min();

        /// <summary>The values each count can have given everything shown, exactly (the breakdowns form trees).</summary>
        private Interval[] Ranges()
        {
            var below = new Interval[nodes.Count];
            var ranges = new Interval[nodes.Count];
            for (var node = 0; node < nodes.Count; node++)
            {
                if (nodes[node].Parent >= 0) continue;
                Up(node, below);
                Down(node, Interval.Any, below, ranges);
            }
            return ranges;
        }

        /// <summary>The values a count can have given its own bounds and the counts under it.</summary>
        private Interval Up(int node, Interval[] below)
        {
            var range = Bounds(node);
            foreach (var breakdown in nodes[node].Children)
            {
                foreach (var part in breakdowns[breakdown].Parts) Up(part, below);
                range = range.Meet(Sum(breakdown, below));
            }
            return below[node] = range;
        }

        private Interval Sum(int breakdown, Interval[] below, int except = -1)
        {
            long lo = 0, hi = 0;
            foreach (var part in breakdowns[breakdown].Parts.Where(p => p != except))
            {
                lo = Clamp(lo + below[part].Lo);
                hi = Clamp(hi + below[part].Hi);
            }
            return new Interval(lo, hi);
        }

        /// <summary>The values a count can have given everything: what is under it, and <paramref name="above"/>.</summary>
        private void Down(int node, Interval above, Interval[] below, Interval[] ranges)
        {
            ranges[node] = below[node].Meet(above);
            var own = Bounds(node).Meet(above);
            foreach (var breakdown in nodes[node].Children)
            {
                // The total as the rest of the tree allows it, this breakdown left out.
                var total = own;
                foreach (var other in nodes[node].Children.Where(b => b != breakdown)) total = total.Meet(Sum(other, below));
                foreach (var part in breakdowns[breakdown].Parts)
                {
                    var others = Sum(breakdown, below, except: part);
                    Down(part, new Interval(Clamp(total.Lo - others.Hi), Clamp(total.Hi - others.Lo)), below, ranges);
                }
            }
        }

        private static long Clamp(long value) => Math.Clamp(value, -Infinity, Infinity);
    }
}
