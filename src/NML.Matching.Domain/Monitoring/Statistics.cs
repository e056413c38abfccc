namespace NML.Matching.Domain.Monitoring;

/// <summary>The few statistics the monitoring needs, pure and exact.</summary>
public static class Statistics
{
    /// <summary>The median (the 50th percentile, see <see cref="Percentile"/>); null for no values.</summary>
    public static double? Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);

    /// <summary>
    /// The <paramref name="p"/>-th quantile (0 ≤ p ≤ 1) with linear interpolation between closest ranks
    /// (Hyndman-Fan type 7, as Excel's PERCENTIEL.INC and numpy's default): h = (n − 1)·p, then
    /// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values. Rounded to one decimal; null for no values.
    /// </summary>
    public static double? Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        var value = sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
        return Math.Round(value, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The dissimilarity index of placements against fair shares: ½ · Σ |pᵢ/P − sᵢ| over the municipalities, where
    /// pᵢ are the placements, P their sum and sᵢ the fair shares (which add up to 1). 0 means placements follow the
    /// fair shares exactly; 1 means they all went where no share was due. It is the share of placements that would
    /// have to move elsewhere to be spread fairly. Null when there are no placements. Rounded to four decimals.
    /// </summary>
    public static double? DissimilarityIndex(IReadOnlyList<(int Placements, double FairShare)> municipalities)
    {
        var total = municipalities.Sum(m => m.Placements);
        if (total == 0) return null;
        var sum = municipalities.Sum(m => Math.Abs(((double)m.Placements / total) - m.FairShare));
        return Math.Round(Math.Clamp(sum / 2, 0, 1), 4, MidpointRounding.AwayFromZero);
    }

    /// <summary>a / b rounded to <paramref name="decimals"/>, or null when b is 0.</summary>
    public static double? Ratio(double a, double b, int decimals = 2) =>
        b == 0 ? null : Math.Round(a / b, decimals, MidpointRounding.AwayFromZero);
}
