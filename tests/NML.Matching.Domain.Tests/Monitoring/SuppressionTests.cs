using System.Text.Json;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Secondary suppression on small tables worked out by hand (docs/monitoring.md, D39). Each test gives the table, the
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
    public void AWithheldCountIsTakenToBeFiveOrMoreAndNothingElse()
    {
        // a = 14 - 5 - b. Withholding b (the smallest above zero, 5) leaves b at 5 or more and a at 1 to 4.
        var counts = new AdditiveCounts().Add("t", 14).Add("a", 4).Add("b", 5).Add("c", 5).Breakdown("t", ["a", "b", "c"]);

        Assert.Equal(["14", "<5", "x", "5"], Shown(counts.Suppress(true), "t", "a", "b", "c"));
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
    public void WhenNoCountHelpsOnItsOwnTheTotalGoesFirstAndThenWhatGivesItBack()
    {
        // Beesel = 17 - 16. Venlo withheld is given back by its owner's 16 (and the owner by Venlo), and the total by
        // the quarters (8 + 9): no single count helps. So the total of Beesel's breakdown goes, and then the smallest
        // count that keeps it open: the quarter of 8 (the total is then 14 or more, so Beesel 1-4).
        var counts = new AdditiveCounts().Add("p", 17).Add("p.venlo", 16).Add("p.beesel", 1).Add("p.venlo.a", 16)
            .Add("p.q1", 8).Add("p.q2", 9)
            .Breakdown("p", ["p.venlo", "p.beesel"]).Breakdown("p.venlo", ["p.venlo.a"]).Breakdown("p", ["p.q1", "p.q2"]);

        Assert.Equal(["x", "16", "<5", "16", "x", "9"],
            Shown(counts.Suppress(true), "p", "p.venlo", "p.beesel", "p.venlo.a", "p.q1", "p.q2"));
    }

    [Fact]
    public void WhenNothingAroundACountCanHelpItsBreakdownIsWithheldWhole()
    {
        // Two quarters of "<5" make the total at most 8; a (5 or more) and three "<5" make it at least 8. So the
        // total is 8, a is 5 and b, c and d are 1, whatever around them is withheld. So their breakdown goes whole:
        // the total "x" (5 or more), a to d "x" that says nothing. Then b is 0 to 8, and the quarters stay 1-4.
        var counts = new AdditiveCounts().Add("p", 8).Add("a", 5).Add("b", 1).Add("c", 1).Add("d", 1).Add("q1", 4).Add("q2", 4)
            .Breakdown("p", ["a", "b", "c", "d"]).Breakdown("p", ["q1", "q2"]);

        Assert.Equal(["x", "x", "x", "x", "x", "<5", "<5"], Shown(counts.Suppress(true), "p", "a", "b", "c", "d", "q1", "q2"));
    }

    [Fact]
    public void AWithheldFiveOfWhichAnOwnerKnowsOneWouldTellItTheOtherFour()
    {
        // Roermond's 5 lets are owner 1's 1 and owner 2's 4, both "<5". Owner 1 finds owner 2's 4 = 5 - 1, and
        // withholding Roermond does not help: "x" is 5 or more, the parts at most 1 + 4. So Roermond's breakdown goes
        // whole. Roermond is still 25 - 10 - 10 = 5: Venlo and Weert are given back by their owners' 10, so the
        // total goes (Roermond is then 5 or more, owner 2's lets 4 or more).
        var counts = new AdditiveCounts().Add("p", 25).Add("r", 5).Add("v", 10).Add("w", 10).Breakdown("p", ["r", "v", "w"])
            .Add("r.o1", 1).Add("r.o2", 4).Breakdown("r", ["r.o1", "r.o2"]).Add("v.o3", 10).Breakdown("v", ["v.o3"]).Add("w.o4", 10).Breakdown("w", ["w.o4"])
            .KnownTo("owner:1", "r.o1").KnownTo("owner:2", "r.o2").KnownTo("owner:3", "v.o3").KnownTo("owner:4", "w.o4");

        Assert.Equal(["x", "x", "10", "10", "x", "x", "10", "10"], Shown(counts.Suppress(true), "p", "r", "v", "w", "r.o1", "r.o2", "v.o3", "w.o4"));
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

    private static AdditiveCounts WorkedExample(bool ownFigures)
    {
        // docs/monitoring.md, the worked example: a queue of 7, Venlo 5, Roermond 2 and twelve municipalities with 0;
        // by status all 7 Ready.
        string[] zeros = [.. Enumerable.Range(1, 12).Select(i => $"gemeente{i:D2}")];
        var counts = new AdditiveCounts().Add("queue", 7).Add("venlo", 5).Add("roermond", 2);
        foreach (var zero in zeros) counts.Add(zero, 0);
        counts.Add("ready", 7).Add("registered", 0).Add("matched", 0).Add("parked", 0)
            .Breakdown("queue", ["venlo", "roermond", .. zeros]).Breakdown("queue", ["ready", "registered", "matched", "parked"]);
        if (ownFigures)
        {
            foreach (var gemeente in new[] { "venlo", "roermond" }.Concat(zeros)) counts.KnownTo($"gemeente:{gemeente}", gemeente);
        }
        return counts;
    }

    [Fact]
    public void TheWorkedExampleOfTheDocsWithholdsTheTotalVenloAndReady()
    {
        var shown = WorkedExample(ownFigures: true).Suppress(true);

        Assert.Equal(["x", "x", "<5", "0", "0", "x", "0", "0", "0"],
            Shown(shown, "queue", "venlo", "roermond", "gemeente01", "gemeente12", "ready", "registered", "matched", "parked"));
        Assert.Equal(19, shown.Count); // every count shown, none left out
    }

    [Fact]
    public void WithoutItsOwnFigureKnownVenloWouldBeWithheldAloneAndVenloCouldStillSubtract()
    {
        // The first step of the worked example only: enough for a reader of the page, not for Venlo, who knows its
        // 5 and would find Roermond = 7 - 5. This is why every municipality counts as knowing its own figures.
        var shown = WorkedExample(ownFigures: false).Suppress(true);

        Assert.Equal(["7", "x", "<5", "0", "7"], Shown(shown, "queue", "venlo", "roermond", "gemeente01", "ready"));
    }

    [Fact]
    public void AnOwnerWhoKnowsItsLetsCannotSubtractThemFromTheMunicipalitysTotal()
    {
        // Venlo's 8 placements: owner A 6, owner B 2, owner C 0. A reader of the page: B = 8 - 6, so A goes (5 or
        // more: B is 1-3). But A knows its 6: B = 8 - 6 again, so the total goes too (then 5 or more: B 1-4 for A).
        var counts = new AdditiveCounts().Add("venlo", 8).Add("venlo.a", 6).Add("venlo.b", 2).Add("venlo.c", 0)
            .Breakdown("venlo", ["venlo.a", "venlo.b", "venlo.c"])
            .KnownTo("owner:a", "venlo.a").KnownTo("owner:b", "venlo.b").KnownTo("owner:c", "venlo.c");

        Assert.Equal(["x", "x", "<5", "0"], Shown(counts.Suppress(true), "venlo", "venlo.a", "venlo.b", "venlo.c"));
        Assert.Equal(["8", "6", "2", "0"], Shown(counts.Suppress(false), "venlo", "venlo.a", "venlo.b", "venlo.c"));
    }

    [Fact]
    public void WhatAReaderWorksOutFromItsOwnFiguresAloneIsNotThePagesDoing()
    {
        // The reader knows the total 9 and a's 7, so b = 2 whatever the page shows: nothing more is withheld for it
        // (and the rule does not give up). For a reader of the page, a goes as usual.
        var counts = new AdditiveCounts().Add("t", 9).Add("a", 7).Add("b", 2).Breakdown("t", ["a", "b"]).KnownTo("reader", "t", "a");

        Assert.Equal(["9", "x", "<5"], Shown(counts.Suppress(true), "t", "a", "b"));
    }

    [Fact]
    public void AnOwnerCannotSubtractItsOwnLetsFromAWithheldMunicipalityTotal()
    {
        // Venlo's 11 placements: owner A's 6 and 1 (it knows both) and owner B's 4; the region's 16 is Venlo and Weert's 5.
        // The page: B + A's 1 = 11 - 6 = 5, so each is 1-4: nothing more. Owner A: B = 11 - 6 - 1 = 4. No count helps on
        // its own (Weert: Venlo is still shown; Venlo: it is 16 - 5; the region: Venlo is shown; A's 6: A knows it), all
        // together would. The nearest then, of those that do not give themselves away: not Venlo, because Venlo withheld
        // is still 16 - 5 = 11, of which 11 - 7 = 4 are not A's, and A would know them; so A's 6 beside B (which does not
        // help A), then one level up the region's total. Then Venlo withheld helps: the region is 5 or more, so Venlo is
        // only 6 + 1 + (1-4) = 8 to 11 for A, and B 1-4. Weert's 5 stays.
        var counts = new AdditiveCounts().Add("v.a", 6).Add("t", 16).Add("v", 11).Add("w", 5).Add("v.b", 4).Add("v.c", 1)
            .Breakdown("t", ["v", "w"]).Breakdown("v", ["v.a", "v.b", "v.c"])
            .KnownTo("owner:a", "v.a", "v.c");

        Assert.Equal(["x", "x", "5", "x", "<5", "<5"], Shown(counts.Suppress(true), "t", "v", "w", "v.a", "v.b", "v.c"));
    }

    [Fact]
    public void AZeroUnderASmallTotalShowsNoBreakdownEither()
    {
        // A total of 3 shows no cell, and the breakdowns below its cells none either, a zero's zeros included: a row
        // of zeros would say where the few people are not.
        var counts = new AdditiveCounts().Add("t", 3).Add("a", 3).Add("e", 0).Add("e1", 0).Add("e2", 0)
            .Breakdown("t", ["a", "e"]).Breakdown("e", ["e1", "e2"]);

        Assert.Equal(["<5", "x", "x", "x", "x"], Shown(counts.Suppress(true), "t", "a", "e", "e1", "e2"));
    }

    [Fact]
    public void TheMarksDoNotDependOnTheOrderTheCountsAndReadersAreGivenIn()
    {
        // Placements as spreiding, supply and the summary each declare them: by municipality and by quarter, each
        // municipality by owner; Roermond knows its 2, Beesel its 1, owner A its lets. Declared in two orders.
        AdditiveCounts Placements(bool reversed)
        {
            var counts = new AdditiveCounts().Add("p", 9).Add("p.venlo", 6).Add("p.roermond", 2).Add("p.beesel", 1)
                .Breakdown("p", ["p.venlo", "p.roermond", "p.beesel"])
                .Add("q1", 2).Add("q2", 5).Add("q3", 2).Breakdown("p", ["q1", "q2", "q3"])
                .Add("venlo.a", 6).Breakdown("p.venlo", ["venlo.a"]).Add("roermond.b", 2).Breakdown("p.roermond", ["roermond.b"])
                .Add("beesel.a", 1).Breakdown("p.beesel", ["beesel.a"]);
            (string Reader, string[] Keys)[] readers =
            [
                ("gemeente:venlo", ["p.venlo", "venlo.a"]), ("gemeente:roermond", ["p.roermond", "roermond.b"]), ("gemeente:beesel", ["p.beesel", "beesel.a"]),
                ("owner:a", ["venlo.a", "beesel.a"]), ("owner:b", ["roermond.b"]),
            ];
            foreach (var (reader, keys) in reversed ? readers.Reverse() : readers) counts.KnownTo(reader, keys);
            return counts;
        }

        var forward = Placements(reversed: false).Suppress(true);
        var backward = Placements(reversed: true).Suppress(true);

        // Beesel knows its 1: Roermond = 9 - 6 - 1. Venlo and owner A's 6 in Venlo give each other back, and a quarter
        // of 5 is no total: the total goes (by quarter it is then 7 to 13).
        Assert.Equal(["x", "6", "<5", "<5", "<5", "5", "<5", "6", "x", "x"],
            Shown(forward, "p", "p.venlo", "p.roermond", "p.beesel", "q1", "q2", "q3", "venlo.a", "roermond.b", "beesel.a"));
        Assert.Equal(forward.OrderBy(f => f.Key).Select(f => f.Value.ToString()), backward.OrderBy(b => b.Key).Select(b => b.Value.ToString()));
    }

    [Fact]
    public void NoReaderWhoKnowsOneCellOfARandomTableCanNarrowAnotherPersonsHiddenCountToOneValue()
    {
        // As the test below, for a reader who knows the first cell of breakdown a exactly: every table that reader
        // could believe in is tried, and each hidden count of 1-4 that is not its own (and the total, when 1-4 of
        // its people are not the reader's) must have at least two values across them.
        var random = new Random(1638);
        var checkedCounts = 0;
        for (var run = 0; run < 300; run++)
        {
            int[] a = [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(0, 3) == 0 ? random.Next(5, 9) : random.Next(0, 5))];
            var total = a.Sum();
            var b = Split(random, total, random.Next(1, 4));
            var counts = new AdditiveCounts().Add("t", total);
            for (var i = 0; i < a.Length; i++) counts.Add($"a{i}", a[i]);
            for (var i = 0; i < b.Length; i++) counts.Add($"b{i}", b[i]);
            counts.Breakdown("t", [.. a.Select((_, i) => $"a{i}")]).Breakdown("t", [.. b.Select((_, i) => $"b{i}")]).KnownTo("reader", "a0");
            var shown = counts.Suppress(true);
            var known = new Dictionary<string, int> { ["a0"] = a[0] };

            var everyX = shown.Values.All(v => v.Mark == CountMark.Withheld);
            var possible = new Dictionary<string, HashSet<int>> { ["t"] = [] };
            for (var t = 0; t <= 60; t++)
            {
                if (!Fits(shown["t"], t, everyX || shown["t"].Mark == CountMark.Small)) continue;
                var ofA = Tables(shown, "a", a.Length, t, everyX, known: known);
                var ofB = Tables(shown, "b", b.Length, t, everyX);
                if (ofA.Count == 0 || ofB.Count == 0) continue;
                foreach (var (key, values) in ofA.Concat(ofB))
                {
                    possible.TryAdd(key, []);
                    possible[key].UnionWith(values);
                }
                possible["t"].Add(t);
            }
            var truth = new Dictionary<string, int> { ["t"] = total };
            for (var i = 0; i < a.Length; i++) truth[$"a{i}"] = a[i];
            for (var i = 0; i < b.Length; i++) truth[$"b{i}"] = b[i];
            foreach (var (key, value) in truth)
            {
                Assert.True(possible.TryGetValue(key, out var values) && values.Contains(value), $"run {run}: the true {key} = {value} does not fit what is shown");
                var others = key == "t" ? value - a[0] : key == "a0" ? 0 : value;
                if (!shown[key].Hidden || !SmallCount.IsSmall(others)) continue;
                checkedCounts++;
                Assert.True(values.Count >= 2, $"run {run}: the reader finds {key} = {value} (a [{string.Join(", ", a)}], b [{string.Join(", ", b)}]; shown {string.Join(" ", shown.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))})");
            }
        }
        Assert.True(checkedCounts > 200, $"only {checkedCounts} hidden small counts were checked");
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
                if (!Fits(shown["t"], t, everyX || shown["t"].Mark == CountMark.Small)) continue;
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

    /// <summary>Whether a reader could believe <paramref name="value"/> behind <paramref name="shown"/> (docs/monitoring.md: "x" is 5 or more, or anything under a total of 1-4).</summary>
    private static bool Fits(SmallCount shown, int value, bool withheldMeansAnything) => shown.Mark switch
    {
        CountMark.Shown => value == shown.Value,
        CountMark.Small => value is >= 1 and <= 4,
        _ => withheldMeansAnything || value >= 5,
    };

    /// <summary>For one total, every value each hidden part of a breakdown (and its rest) can have; empty when none fits.</summary>
    private static Dictionary<string, HashSet<int>> Tables(IReadOnlyDictionary<string, SmallCount> shown, string prefix, int parts, int total, bool everyX, bool single = false,
        IReadOnlyDictionary<string, int>? known = null)
    {
        var keys = single ? [prefix] : Enumerable.Range(0, parts).Select(i => $"{prefix}{i}").ToArray();
        // Under a total of 1-4, or in a breakdown that is all "x", total included (withheld whole), an "x" says nothing.
        var anything = everyX || shown["t"].Mark == CountMark.Small || (shown["t"].Mark == CountMark.Withheld && keys.All(k => shown[k].Mark == CountMark.Withheld));
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
                if (known is not null && known.TryGetValue(keys[index], out var own) ? v != own : !Fits(shown[keys[index]], v, anything)) continue;
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
