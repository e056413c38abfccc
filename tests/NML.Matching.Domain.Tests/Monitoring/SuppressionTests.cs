using System.Text.Json;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Secondary suppression on small tables worked out by hand (docs/monitoring.md, D38). Each test gives the table, the
/// subtraction a reader could do without the rule, and what must be shown instead.
/// </summary>
public sealed class SuppressionTests
{
    private static string[] Shown(IReadOnlyDictionary<string, SmallCount> shown, params string[] keys) => [.. keys.Select(k => shown[k].ToString())];

    [Fact]
    public void ASingleSmallCountBesideItsTotalTakesTheNextSmallestWithIt()
    {
        // Roermond = 7 - 5 - 0 - 0 = 2. With Venlo withheld (5 or more), Roermond is 1 or 2.
        var counts = new AdditiveCounts().Add("queue", 7).Add("venlo", 5).Add("roermond", 2).Add("beesel", 0).Add("gennep", 0)
            .Breakdown("queue", ["venlo", "roermond", "beesel", "gennep"]);

        Assert.Equal(["7", "x", "<5", "0", "0"], Shown(counts.Suppress(true), "queue", "venlo", "roermond", "beesel", "gennep"));
    }

    [Fact]
    public void WithoutTheRuleEveryCountIsShown()
    {
        var counts = new AdditiveCounts().Add("queue", 7).Add("venlo", 5).Add("roermond", 2).Breakdown("queue", ["venlo", "roermond"]);

        Assert.Equal(["7", "5", "2"], Shown(counts.Suppress(false), "queue", "venlo", "roermond"));
    }

    [Fact]
    public void TwoSmallCountsThatCanOnlyBeOnesAreProtectedToo()
    {
        // b + c = 12 - 10 = 2 and each is at least 1: both are 1. With a withheld (5 or more), b + c is 2 to 7.
        var counts = new AdditiveCounts().Add("t", 12).Add("a", 10).Add("b", 1).Add("c", 1).Breakdown("t", ["a", "b", "c"]);

        Assert.Equal(["12", "x", "<5", "<5"], Shown(counts.Suppress(true), "t", "a", "b", "c"));
    }

    [Fact]
    public void SmallCountsThatKeepTwoPossibleValuesNeedNothingMore()
    {
        // Roermond + Beesel = 9 - 6 = 3: Roermond is 1 or 2, Beesel 2 or 1.
        var counts = new AdditiveCounts().Add("p", 9).Add("venlo", 6).Add("roermond", 2).Add("beesel", 1).Add("gennep", 0)
            .Breakdown("p", ["venlo", "roermond", "beesel", "gennep"]);

        Assert.Equal(["9", "6", "<5", "<5", "0"], Shown(counts.Suppress(true), "p", "venlo", "roermond", "beesel", "gennep"));
    }

    [Fact]
    public void AWithheldFiveBesideASmallOneWouldGiveItAwaySoTheTotalGoesInstead()
    {
        // b = 6 - a. Withholding a would not do: a withheld count is at least 5, so b would be at most 1, so 1.
        // Without the total, b is anything from 1 to 4 again.
        var counts = new AdditiveCounts().Add("t", 6).Add("a", 5).Add("b", 1).Breakdown("t", ["a", "b"]);

        Assert.Equal(["x", "5", "<5"], Shown(counts.Suppress(true), "t", "a", "b"));
    }

    [Fact]
    public void AReaderWhoKnowsTheSmallestIsWithheldFirstCannotUseIt()
    {
        // Withholding b (the smallest, 5) would seem to do: a = 9 - b with b at least 5. But the rule withholds the
        // smallest first, so b is at most c = 5: b = 5 and a = 4. Withholding the total leaves a at 1-4.
        var counts = new AdditiveCounts().Add("t", 14).Add("a", 4).Add("b", 5).Add("c", 5).Breakdown("t", ["a", "b", "c"]);

        Assert.Equal(["x", "<5", "5", "5"], Shown(counts.Suppress(true), "t", "a", "b", "c"));
    }

    [Fact]
    public void ARestThatFollowsBySubtractionIsACountToo()
    {
        // Not urgent = 9 - 7 = 2 people, although no table shows it. With urgent withheld, not urgent is 0 to 4.
        var counts = new AdditiveCounts().Add("queue", 9).Add("urgent", 7).Breakdown("queue", ["urgent"], complete: false);
        var fewUrgent = new AdditiveCounts().Add("queue", 9).Add("urgent", 1).Breakdown("queue", ["urgent"], complete: false);

        Assert.Equal(["9", "x"], Shown(counts.Suppress(true), "queue", "urgent"));
        Assert.Equal(["9", "<5"], Shown(fewUrgent.Suppress(true), "queue", "urgent"));
    }

    [Fact]
    public void ABreakdownOfFewerThanFivePeopleIsWithheldZerosIncluded()
    {
        // Four "<5" under a "<5" can only be four ones (the total 4); three under it make it 3 or 4. So a breakdown
        // of a total of 1-4 shows nothing, down to the breakdowns of its parts.
        var counts = new AdditiveCounts().Add("t", 4).Add("a", 1).Add("b", 1).Add("c", 1).Add("d", 1).Add("e", 0)
            .Add("x", 3).Add("y", 1).Add("a1", 1).Add("a2", 0)
            .Breakdown("t", ["a", "b", "c", "d", "e"]).Breakdown("t", ["x", "y"]).Breakdown("a", ["a1", "a2"]);

        Assert.Equal(["<5", "x", "x", "x", "x", "x", "x", "x", "x", "x"],
            Shown(counts.Suppress(true), "t", "a", "b", "c", "d", "e", "x", "y", "a1", "a2"));
    }

    [Fact]
    public void EachBreakdownOfOneTotalIsProtected()
    {
        // By municipality: Roermond = 7 - 5 = 2. By setting: MO = 7 - 6 = 1. By status nothing is small.
        var counts = new AdditiveCounts().Add("queue", 7)
            .Add("venlo", 5).Add("roermond", 2).Add("beesel", 0)
            .Add("ready", 7).Add("parked", 0)
            .Add("bw", 6).Add("mo", 1)
            .Breakdown("queue", ["venlo", "roermond", "beesel"]).Breakdown("queue", ["ready", "parked"]).Breakdown("queue", ["bw", "mo"]);

        Assert.Equal(["7", "x", "<5", "0", "7", "0", "x", "<5"],
            Shown(counts.Suppress(true), "queue", "venlo", "roermond", "beesel", "ready", "parked", "bw", "mo"));
    }

    [Fact]
    public void ACountGivenBackByItsOwnBreakdownIsNoProtection()
    {
        // Beesel = 7 - Venlo, and Venlo = its one owner's 6. Withholding Venlo alone, or owner A alone, leaves
        // the other to tell 6. Without the total, the quarters say only 5-12 (three "<5" and the total at least 5),
        // so Beesel is 1-4 again.
        var counts = new AdditiveCounts().Add("p", 7).Add("p.venlo", 6).Add("p.beesel", 1).Add("p.venlo.a", 6)
            .Add("p.q1", 2).Add("p.q2", 4).Add("p.q3", 1)
            .Breakdown("p", ["p.venlo", "p.beesel"]).Breakdown("p.venlo", ["p.venlo.a"]).Breakdown("p", ["p.q1", "p.q2", "p.q3"]);

        Assert.Equal(["x", "6", "<5", "6", "<5", "<5", "<5"],
            Shown(counts.Suppress(true), "p", "p.venlo", "p.beesel", "p.venlo.a", "p.q1", "p.q2", "p.q3"));
    }

    [Fact]
    public void WhenAnotherBreakdownGivesTheTotalTheCountsUnderTheComplementGoToo()
    {
        // Beesel = 17 - 16. The quarters (8 + 9) give the total back, so it cannot help; Venlo withheld is given
        // back by its owner's 16, so the owner goes too. Then Beesel = 17 - Venlo, and Venlo is 5 or more: 1-4.
        var counts = new AdditiveCounts().Add("p", 17).Add("p.venlo", 16).Add("p.beesel", 1).Add("p.venlo.a", 16)
            .Add("p.q1", 8).Add("p.q2", 9)
            .Breakdown("p", ["p.venlo", "p.beesel"]).Breakdown("p.venlo", ["p.venlo.a"]).Breakdown("p", ["p.q1", "p.q2"]);

        Assert.Equal(["17", "x", "<5", "x", "8", "9"],
            Shown(counts.Suppress(true), "p", "p.venlo", "p.beesel", "p.venlo.a", "p.q1", "p.q2"));
    }

    [Fact]
    public void WhenNothingElseHelpsTheWholeFamilyIsWithheld()
    {
        // Two quarters of "<5" make the total at most 8; a (5 or more) and three "<5" make it at least 8. So the
        // total is 8, a is 5 and b, c and d are 1, whatever else is withheld: everything goes.
        var counts = new AdditiveCounts().Add("p", 8).Add("a", 5).Add("b", 1).Add("c", 1).Add("d", 1).Add("q1", 4).Add("q2", 4)
            .Breakdown("p", ["a", "b", "c", "d"]).Breakdown("p", ["q1", "q2"]);

        Assert.Equal(["x", "x", "x", "x", "x", "x", "x"], Shown(counts.Suppress(true), "p", "a", "b", "c", "d", "q1", "q2"));
    }

    [Fact]
    public void CountsOutsideAnyBreakdownFollowThePrimaryRuleOnly()
    {
        var counts = new AdditiveCounts().Add("inflow", 3).Add("proposals", 12).Add("expiries", 0);

        Assert.Equal(["<5", "12", "0"], Shown(counts.Suppress(true), "inflow", "proposals", "expiries"));
    }

    [Fact]
    public void PartsThatDoNotAddUpToTheirTotalAreRefused()
    {
        var counts = new AdditiveCounts().Add("t", 7).Add("a", 5).Add("b", 3).Add("c", 1);

        Assert.Throws<ArgumentException>(() => counts.Breakdown("t", ["a", "c"]));
        Assert.Throws<ArgumentException>(() => counts.Breakdown("t", ["a", "b"], complete: false));
        counts.Breakdown("t", ["a", "c"], complete: false);
        Assert.Throws<ArgumentException>(() => counts.Breakdown("b", ["c"], complete: false));
    }

    [Fact]
    public void NoHiddenSmallCountOfARandomTableCanBeNarrowedToOneValueByTryingEveryPossibleTable()
    {
        // An independent check of the rule's arithmetic: for tables of a total with two or three breakdowns (one of
        // them leaving a rest), every table a reader could believe in — every total and every value of the hidden
        // counts that fits what is shown — is tried, and each hidden count of 1-4 (and the rest, when it is 1-4)
        // must have at least two values across them.
        var random = new Random(38);
        var checkedCounts = 0;
        for (var run = 0; run < 300; run++)
        {
            int[] a = [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(0, 3) == 0 ? random.Next(5, 9) : random.Next(0, 5))];
            var total = a.Sum();
            var b = Split(random, total, random.Next(1, 4));
            var c = random.Next(0, total + 1);
            var counts = new AdditiveCounts().Add("t", total).Add("c", c);
            for (var i = 0; i < a.Length; i++) counts.Add($"a{i}", a[i]);
            for (var i = 0; i < b.Length; i++) counts.Add($"b{i}", b[i]);
            counts.Breakdown("t", [.. a.Select((_, i) => $"a{i}")]).Breakdown("t", [.. b.Select((_, i) => $"b{i}")]).Breakdown("t", ["c"], complete: false);
            var shown = counts.Suppress(true);

            var everyX = shown.Values.All(v => v.Mark == CountMark.Withheld);
            var possible = new Dictionary<string, HashSet<int>>();
            for (var t = 0; t <= 60; t++)
            {
                if (!Fits(shown["t"], t, 60, everyX || shown["t"].Mark == CountMark.Small)) continue;
                var ofA = Tables(shown, "a", a.Length, t, everyX);
                var ofB = Tables(shown, "b", b.Length, t, everyX);
                var ofC = Tables(shown, "c", 1, t, everyX, single: true);
                if (ofA.Count == 0 || ofB.Count == 0 || ofC.Count == 0) continue;
                foreach (var (key, values) in ofA.Concat(ofB).Concat(ofC)) possible.TryAdd(key, []);
                foreach (var (key, values) in ofA.Concat(ofB).Concat(ofC)) possible[key].UnionWith(values);
                possible.TryAdd("t", []);
                possible["t"].Add(t);
            }
            var truth = new Dictionary<string, int> { ["t"] = total, ["c"] = c, ["c.rest"] = total - c };
            for (var i = 0; i < a.Length; i++) truth[$"a{i}"] = a[i];
            for (var i = 0; i < b.Length; i++) truth[$"b{i}"] = b[i];
            foreach (var (key, value) in truth)
            {
                Assert.True(possible.TryGetValue(key, out var values) && values.Contains(value), $"run {run}: the true {key} = {value} does not fit what is shown");
                var hidden = key == "c.rest" || shown[key].Hidden;
                if (!hidden || !SmallCount.IsSmall(value)) continue;
                checkedCounts++;
                Assert.True(values.Count >= 2, $"run {run}: {key} can only be {value} (t {total}, a [{string.Join(", ", a)}], b [{string.Join(", ", b)}], c {c}; shown {string.Join(" ", shown.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))})");
            }
        }
        Assert.True(checkedCounts > 300, $"only {checkedCounts} hidden small counts were checked");
    }

    private static int[] Split(Random random, int total, int parts)
    {
        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(0, total + 1)).Order().ToList();
        return [.. cuts.Append(total).Zip(cuts.Prepend(0), (end, start) => end - start)];
    }

    /// <summary>Whether a reader could believe <paramref name="value"/> behind <paramref name="shown"/>, for a part up to <paramref name="smallestShown"/>.</summary>
    private static bool Fits(SmallCount shown, int value, int smallestShown, bool withheldMeansAnything) => shown.Mark switch
    {
        CountMark.Shown => value == shown.Value,
        CountMark.Small => value is >= 1 and <= 4,
        _ => withheldMeansAnything || (value >= 5 && value <= smallestShown),
    };

    /// <summary>For one total, every value each hidden part of a breakdown (and its rest) can have; empty when none fits.</summary>
    private static Dictionary<string, HashSet<int>> Tables(IReadOnlyDictionary<string, SmallCount> shown, string prefix, int parts, int total, bool everyX, bool single = false)
    {
        var keys = single ? [prefix] : Enumerable.Range(0, parts).Select(i => $"{prefix}{i}").ToArray();
        var smallestShown = keys.Where(k => shown[k].Mark == CountMark.Shown && shown[k].Value > 0).Select(k => shown[k].Value).DefaultIfEmpty(60).Min();
        var anything = everyX || shown["t"].Mark == CountMark.Small;
        var found = keys.ToDictionary(k => k, _ => new HashSet<int>());
        if (single) found[prefix + ".rest"] = [];
        var values = new int[keys.Length];
        void Try(int index, int sum)
        {
            if (index == keys.Length)
            {
                if (single ? sum > total : sum != total) return;
                for (var i = 0; i < keys.Length; i++) found[keys[i]].Add(values[i]);
                if (single) found[prefix + ".rest"].Add(total - sum);
                return;
            }
            for (var v = 0; sum + v <= total; v++)
            {
                if (!Fits(shown[keys[index]], v, smallestShown, anything)) continue;
                values[index] = v;
                Try(index + 1, sum + v);
            }
        }
        Try(0, 0);
        return found[keys[0]].Count == 0 ? [] : found;
    }

    [Theory]
    [InlineData("x")]
    [InlineData("<5")]
    public void AWithheldCountIsWrittenAsXAndReadBack(string text)
    {
        var mark = text == "x" ? CountMark.Withheld : CountMark.Small;
        var json = JsonSerializer.Serialize(new SmallCount(9, mark));

        Assert.Equal(text == "x" ? "\"x\"" : "\"\\u003C5\"", json);
        var back = JsonSerializer.Deserialize<SmallCount>(json);
        Assert.Equal((mark, true, (int?)null), (back.Mark, back.Hidden, back.Shown));
    }
}
