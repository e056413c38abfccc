namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// The small-number rule with secondary suppression (docs/monitoring.md, D26 and D39). Hiding a count of 1 to 4 is
/// not enough when the counts around it give it back: a total of 7 with Venlo 5 and twelve zeros makes Roermond's
/// <c>"&lt;5"</c> a 2. So, for the roles under the rule:
/// <list type="number">
/// <item>Primary: every count of 1 to 4 is <c>"&lt;5"</c>.</item>
/// <item>A breakdown of a total of 1 to 4 is withheld (<c>"x"</c>, zeros included), with every breakdown under it:
/// how many of its cells are not zero would already tell (four <c>"&lt;5"</c> under a <c>"&lt;5"</c> are four ones).</item>
/// <item>Secondary: the values each hidden count can still have are worked out from everything shown — the numbers,
/// the totals, <c>"&lt;5"</c> meaning 1 to 4 and <c>"x"</c> meaning 5 or more — once by a reader who knows nothing
/// else, and once by each reader who knows some counts of its own (a municipality, an owner of units). A hidden count
/// (or a count that is not shown but follows by subtraction) of which 1 to 4 people are not the reader's own must keep
/// at least two possible values for every reader. While one does not, the rule withholds one more count: of the
/// numbers above zero around it (its own breakdowns' parts and, going up, the parts of the breakdown it is in, that
/// total, and the parts of that total's other breakdowns), the smallest that gives it two values without giving
/// itself away; else the nearest: the total of its breakdown, else the smallest beside it, one level up at a time.</item>
/// <item>If nothing around it can help, not even all together, its breakdown is withheld whole (the count's own
/// breakdowns first, then the one it is in, one level up at a time): the total "x", the parts "x" that say nothing,
/// not even 5 or more.</item>
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

        /// <summary>Withheld with its whole breakdown (or family), when nothing else helps: it says nothing, not even 5 or more.</summary>
        Whole,
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

    /// <summary>
    /// The state of the rule for one set of counts. A model is a reader: 0 knows only the page; model r + 1 is the
    /// reader r of <see cref="AdditiveCounts.Readers"/> (in the order of their names, so that the outcome does not
    /// depend on the order the counts were added in), who also knows its own counts exactly.
    /// </summary>
    private sealed class State
    {
        private readonly List<CountNode> nodes;
        private readonly List<CountBreakdown> breakdowns;
        private readonly Reason[] reasons;
        private readonly IReadOnlyList<string> readers;

        /// <summary>Per model, whether the reader knows each count exactly.</summary>
        private readonly bool[][] knows;

        /// <summary>Per model, how many of each count's people the reader knows as its own (a lower bound for it).</summary>
        private readonly long[][] own;

        /// <summary>Per model, the ranges from the reader's own knowledge alone (no page), computed when first needed.</summary>
        private readonly Interval[]?[] knowledgeOnly;

        /// <summary>The family (the root of the tree) of each count, and the counts of each family in the order they were added.</summary>
        private readonly int[] rootOf;
        private readonly Dictionary<int, List<int>> families = [];

        /// <summary>The breakdowns withheld whole (see <see cref="WithholdWhole(int)"/>).</summary>
        private readonly HashSet<int> wholeBreakdowns = [];

        /// <summary>Per model, the families it has to be checked on: all for a reader of the page, those it knows a count of for the others.</summary>
        private readonly List<int>[] familiesOf;

        public State(AdditiveCounts counts)
        {
            nodes = counts.Nodes;
            breakdowns = counts.Breakdowns;
            reasons = new Reason[nodes.Count];
            readers = counts.Readers;
            own = new long[readers.Count + 1][];
            knows = new bool[own.Length][];
            for (var model = 0; model < own.Length; model++)
            {
                knows[model] = new bool[nodes.Count];
                for (var node = 0; model > 0 && node < nodes.Count; node++) knows[model][node] = nodes[node].KnownTo.Contains(readers[model - 1]);
            }
            for (var model = 0; model < own.Length; model++)
            {
                own[model] = new long[nodes.Count];
                if (model == 0) continue;
                for (var node = 0; node < nodes.Count; node++)
                    if (nodes[node].Parent < 0) Own(model, node);
            }
            knowledgeOnly = new Interval[]?[own.Length];
            rootOf = new int[nodes.Count];
            for (var node = 0; node < nodes.Count; node++)
            {
                var root = node;
                while (nodes[root].Parent >= 0) root = breakdowns[nodes[root].Parent].Total;
                rootOf[node] = root;
                if (!families.TryGetValue(root, out var members)) families[root] = members = [];
                members.Add(node);
            }
            familiesOf = new List<int>[own.Length];
            familiesOf[0] = [.. families.Keys.Order()];
            for (var model = 1; model < own.Length; model++)
                familiesOf[model] = [.. families.Keys.Order().Where(root => families[root].Any(node => Knows(model, node)))];
        }

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

            // Withholding only ever widens what a reader can tell, so a family found safe for a reader stays safe:
            // each reader and family is checked once, in order, until it is safe.
            for (var model = 0; model < own.Length; model++)
            {
                foreach (var root in familiesOf[model])
                {
                    while (FirstUnsafe(model, root) is var count && count >= 0)
                    {
                        var candidates = Candidates(count);
                        var pick = candidates.FirstOrDefault(c => Helps(c, count, model), -1);
                        if (pick < 0 && candidates.Count > 0 && HelpTogether(candidates, count, model)) pick = Nearest(count, candidates);
                        if (pick >= 0) reasons[pick] = Reason.Secondary;
                        else WithholdWhole(count);
                    }
                }
            }
        }

        /// <summary>True when withholding all of <paramref name="candidates"/> would leave <paramref name="count"/> more than one value for the reader.</summary>
        private bool HelpTogether(List<int> candidates, int count, int model)
        {
            foreach (var candidate in candidates) reasons[candidate] = Reason.Secondary;
            var helps = Ranges(model, rootOf[count])[count].HasTwoValues;
            foreach (var candidate in candidates) reasons[candidate] = Reason.None;
            return helps;
        }

        /// <summary>
        /// The last resort for a count that nothing around it can protect: the nearest breakdown that is not withheld
        /// whole yet — the count's own breakdowns, else the one it is in, one level up at a time — is withheld whole:
        /// its total becomes "x" (if shown), its parts and everything under them "x" that says nothing, not even 5 or
        /// more. When every breakdown up to the family's total is withheld whole already, every count of the family is.
        /// </summary>
        private void WithholdWhole(int count)
        {
            if (nodes[count].Children.Any(b => !wholeBreakdowns.Contains(b)))
            {
                foreach (var breakdown in nodes[count].Children) WithholdWhole(breakdowns[breakdown], breakdown);
                return;
            }
            for (var node = count; nodes[node].Parent >= 0; node = breakdowns[nodes[node].Parent].Total)
            {
                if (wholeBreakdowns.Contains(nodes[node].Parent)) continue;
                WithholdWhole(breakdowns[nodes[node].Parent], nodes[node].Parent);
                return;
            }
            // Every breakdown from the count up to the family's total is withheld whole already: then every count of the
            // family says nothing.
            var family = families[rootOf[count]].Where(n => nodes[n].Published).ToList();
            if (family.All(n => reasons[n] == Reason.Whole)) throw new InvalidOperationException("A family withheld whole still gives a count away.");
            foreach (var node in family) reasons[node] = Reason.Whole;
        }

        private void WithholdWhole(CountBreakdown breakdown, int index)
        {
            wholeBreakdowns.Add(index);
            if (Visible(breakdown.Total) && nodes[breakdown.Total].Value > 0) reasons[breakdown.Total] = Reason.Secondary;
            foreach (var part in breakdown.Parts)
            {
                if (nodes[part].Published) reasons[part] = Reason.Whole;
                foreach (var below in nodes[part].Children) WithholdWhole(breakdowns[below], below);
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

        /// <summary>The own people of a count for a reader: all of it when the reader knows it, else the most any of its breakdowns tells.</summary>
        private long Own(int model, int node)
        {
            long sum = 0;
            foreach (var breakdown in nodes[node].Children)
                sum = Math.Max(sum, breakdowns[breakdown].Parts.Sum(part => Own(model, part)));
            return own[model][node] = Knows(model, node) ? nodes[node].Value : sum;
        }

        private bool Knows(int model, int node) => knows[model][node];

        /// <summary>
        /// True when withholding <paramref name="candidate"/> leaves <paramref name="count"/> more than one value for
        /// the reader, and the candidate does not give itself away (see <see cref="Exposed"/>).
        /// </summary>
        private bool Helps(int candidate, int count, int model)
        {
            reasons[candidate] = Reason.Secondary;
            var helps = Ranges(model, rootOf[count])[count].HasTwoValues && !Exposed(candidate);
            reasons[candidate] = Reason.None;
            return helps;
        }

        /// <summary>Whether <paramref name="candidate"/>, once withheld, would give itself away (see <see cref="Exposed"/>).</summary>
        private bool WouldExpose(int candidate)
        {
            reasons[candidate] = Reason.Secondary;
            var exposed = Exposed(candidate);
            reasons[candidate] = Reason.None;
            return exposed;
        }

        /// <summary>
        /// True when a withheld count holds 1 to 4 people that are not a reader's own and that reader can still tell
        /// its value: a withheld 5 is at least 5, so beside parts of 1 and "&lt;5" it is 5, and the owner of the 1
        /// learns the other 4. Withholding only makes other counts harder to tell, so this is the one count that a new
        /// "x" can expose.
        /// </summary>
        private bool Exposed(int node)
        {
            for (var model = 1; model < own.Length; model++)
            {
                if (Knows(model, node) || !SmallCount.IsSmall((int)(nodes[node].Value - own[model][node]))) continue;
                if (!Ranges(model, rootOf[node])[node].HasTwoValues && KnowledgeOnly(model)[node].HasTwoValues) return true;
            }
            return false;
        }

        /// <summary>
        /// A count of the family of <paramref name="root"/> that is hidden (or not shown), holds 1 to 4 people that are
        /// not the reader's own, and that the reader can narrow to one value from the page (and not from its own
        /// knowledge alone); or -1.
        /// </summary>
        private int FirstUnsafe(int model, int root)
        {
            var ranges = Ranges(model, root);
            foreach (var i in families[root])
            {
                var hidden = !nodes[i].Published || reasons[i] != Reason.None;
                if (!hidden || Knows(model, i) || !SmallCount.IsSmall((int)(nodes[i].Value - own[model][i])) || ranges[i].HasTwoValues) continue;
                if (!KnowledgeOnly(model)[i].HasTwoValues) continue;
                return i;
            }
            return -1;
        }

        private Interval[] KnowledgeOnly(int model)
        {
            if (knowledgeOnly[model] is { } known) return known;
            known = new Interval[nodes.Count];
            foreach (var root in families.Keys)
            {
                var ranges = Ranges(model, root, pageUnseen: true);
                foreach (var node in families[root]) known[node] = ranges[node];
            }
            return knowledgeOnly[model] = known;
        }

        private bool Visible(int node) => nodes[node].Published && reasons[node] == Reason.None;

        /// <summary>
        /// The counts around <paramref name="count"/> that could make it uncertain, shown and above zero, smallest
        /// first (equal ones by name): the parts of its own breakdowns, and going up, the parts of the breakdown it is
        /// in, that breakdown's total, and the parts of that total's other breakdowns, up to the family's total.
        /// </summary>
        private List<int> Candidates(int count)
        {
            var around = new HashSet<int>();
            foreach (var breakdown in nodes[count].Children) around.UnionWith(breakdowns[breakdown].Parts);
            for (var node = count; nodes[node].Parent >= 0; node = breakdowns[nodes[node].Parent].Total)
            {
                var total = breakdowns[nodes[node].Parent].Total;
                around.Add(total);
                foreach (var breakdown in nodes[total].Children) around.UnionWith(breakdowns[breakdown].Parts);
            }
            return [.. around.Where(n => Visible(n) && nodes[n].Value > 0).OrderBy(n => nodes[n].Value).ThenBy(n => nodes[n].Key, StringComparer.Ordinal)];
        }

        /// <summary>
        /// When no candidate helps on its own but all of them would together, the nearest one that does not give
        /// itself away (any, if each would): going up from the count, the total of the breakdown it is in, else the
        /// smallest count beside it; else the smallest candidate.
        /// </summary>
        private int Nearest(int count, List<int> candidates)
        {
            var usable = candidates.Where(c => !WouldExpose(c)).ToList();
            if (usable.Count == 0) usable = candidates;
            for (var node = count; nodes[node].Parent >= 0; node = breakdowns[nodes[node].Parent].Total)
            {
                var breakdown = breakdowns[nodes[node].Parent];
                if (usable.Contains(breakdown.Total)) return breakdown.Total;
                var beside = usable.FirstOrDefault(c => breakdown.Parts.Contains(c), -1);
                if (beside >= 0) return beside;
            }
            return usable[0];
        }

        /// <summary>What a reader knows of a count before adding anything up.</summary>
        private Interval Bounds(int node, int model, bool pageUnseen)
        {
            var value = nodes[node].Value;
            if (Knows(model, node)) return new Interval(value, value);
            var atLeastOwn = new Interval(own[model][node], Infinity);
            if (!nodes[node].Published || pageUnseen) return atLeastOwn;
            return atLeastOwn.Meet(reasons[node] switch
            {
                Reason.None => new Interval(value, value),
                Reason.Small => new Interval(1, SmallCount.Threshold - 1),
                Reason.Secondary => new Interval(SmallCount.Threshold, Infinity),
                _ => new Interval(0, Infinity),
            });
        }

        /// <summary>
        /// The values each count of the family of <paramref name="root"/> can have for a reader given everything shown
        /// (or, <paramref name="pageUnseen"/>, only what the reader knows of its own), exactly: the breakdowns form trees.
        /// </summary>
        private Interval[] Ranges(int model, int root, bool pageUnseen = false)
        {
            var below = new Interval[nodes.Count];
            var ranges = new Interval[nodes.Count];
            Up(root, model, pageUnseen, below);
            Down(root, model, pageUnseen, Interval.Any, below, ranges);
            return ranges;
        }

        /// <summary>The values a count can have given its own bounds and the counts under it.</summary>
        private Interval Up(int node, int model, bool pageUnseen, Interval[] below)
        {
            var range = Bounds(node, model, pageUnseen);
            foreach (var breakdown in nodes[node].Children)
            {
                foreach (var part in breakdowns[breakdown].Parts) Up(part, model, pageUnseen, below);
                range = range.Meet(Clamped(Sum(breakdown, below)));
            }
            return below[node] = range;
        }

        /// <summary>The sum of the parts' intervals (not clamped: at most a few thousand parts of at most 2^40 each).</summary>
        private Interval Sum(int breakdown, Interval[] below)
        {
            long lo = 0, hi = 0;
            foreach (var part in breakdowns[breakdown].Parts)
            {
                lo += below[part].Lo;
                hi += below[part].Hi;
            }
            return new Interval(lo, hi);
        }

        /// <summary>The values a count can have given everything: what is under it, and <paramref name="above"/>.</summary>
        private void Down(int node, int model, bool pageUnseen, Interval above, Interval[] below, Interval[] ranges)
        {
            ranges[node] = below[node].Meet(above);
            var bounds = Bounds(node, model, pageUnseen).Meet(above);
            var sums = nodes[node].Children.Select(b => Sum(b, below)).ToList();
            for (var c = 0; c < sums.Count; c++)
            {
                // The total as the rest of the tree allows it, this breakdown left out.
                var total = bounds;
                for (var other = 0; other < sums.Count; other++)
                    if (other != c) total = total.Meet(sums[other]);
                foreach (var part in breakdowns[nodes[node].Children[c]].Parts)
                {
                    var (othersLo, othersHi) = (sums[c].Lo - below[part].Lo, sums[c].Hi - below[part].Hi);
                    Down(part, model, pageUnseen, new Interval(Clamp(total.Lo - othersHi), Clamp(total.Hi - othersLo)), below, ranges);
                }
            }
        }

        private static long Clamp(long value) => Math.Clamp(value, -Infinity, Infinity);

        private static Interval Clamped(Interval interval) => new(Clamp(interval.Lo), Clamp(interval.Hi));
    }
}
