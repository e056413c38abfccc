using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Agreements;

/// <summary>Where an agreement stands: met, on track (at least the pro-rata share of the target) or behind.</summary>
public enum AgreementStatus
{
    OnTrack = 1,
    Behind = 2,
    Met = 3,
}

/// <summary>
/// The progress of an agreement on a day: units realised, the share of the target, the number expected by that
/// day (pro rata for the day of the year) and the status that follows.
/// </summary>
public sealed record AgreementProgress(int RealisedUnits, double Percentage, double ExpectedByNow, AgreementStatus Status);

/// <summary>
/// A yearly performance agreement (prestatieafspraak) between a municipality and a housing corporation: how many
/// units the corporation lets to people leaving sheltered housing or a shelter in that municipality in that year.
/// One per corporation, municipality and year.
/// </summary>
public sealed class PerformanceAgreement
{
    public const int FirstYear = 2020;
    public const int LastYear = 2100;
    public const int MaxTargetUnits = 10_000;
    public const int MaxNoteLength = 1000;

    private PerformanceAgreement() { GemeenteCode = RegionCode = string.Empty; }

    public Guid Id { get; private set; }
    public Guid CorporationId { get; private set; }
    public string GemeenteCode { get; private set; }
    public string RegionCode { get; private set; }
    public int Year { get; private set; }
    public int TargetUnits { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static PerformanceAgreement Create(Guid id, Guid corporationId, string gemeenteCode, string regionCode, int year, int targetUnits, string? note, DateTimeOffset now)
    {
        CheckYear(year);
        var agreement = new PerformanceAgreement
        {
            Id = id,
            CorporationId = corporationId,
            GemeenteCode = gemeenteCode,
            RegionCode = regionCode,
            Year = year,
            CreatedAt = now,
        };
        agreement.Change(targetUnits, note, now);
        return agreement;
    }

    /// <summary>Changes the target and the note; the parties and the year are the identity of an agreement and stay.</summary>
    public void Change(int targetUnits, string? note, DateTimeOffset now)
    {
        if (targetUnits is < 1 or > MaxTargetUnits)
            throw new DomainRuleViolation("invalid-target", $"targetUnits is a whole number from 1 to {MaxTargetUnits}.", "targetUnits");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength })
            throw new DomainRuleViolation("invalid-note", $"note is at most {MaxNoteLength} characters.", "note");
        TargetUnits = targetUnits;
        Note = note;
        UpdatedAt = now;
    }

    /// <summary>
    /// Progress on <paramref name="today"/> with <paramref name="realisedUnits"/> tenancies started in the year.
    /// Before the year nothing is expected yet; after it the whole target is. Met as soon as the target is reached;
    /// otherwise on track while the realised units are at least the expected number (rounded to one decimal).
    /// </summary>
    public AgreementProgress ProgressOn(DateOnly today, int realisedUnits) => Progress(Year, TargetUnits, today, realisedUnits);

    public static AgreementProgress Progress(int year, int targetUnits, DateOnly today, int realisedUnits)
    {
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        var elapsedDays = today.Year < year ? 0 : today.Year > year ? daysInYear : today.DayOfYear;
        var expected = Math.Round(targetUnits * (double)elapsedDays / daysInYear, 1, MidpointRounding.AwayFromZero);
        var percentage = Math.Round(100.0 * realisedUnits / targetUnits, 1, MidpointRounding.AwayFromZero);
        var status = realisedUnits >= targetUnits ? AgreementStatus.Met
            : realisedUnits >= expected ? AgreementStatus.OnTrack
            : AgreementStatus.Behind;
        return new AgreementProgress(realisedUnits, percentage, expected, status);
    }

    private static void CheckYear(int year)
    {
        if (year is < FirstYear or > LastYear)
            throw new DomainRuleViolation("invalid-year", $"year is from {FirstYear} to {LastYear}.", "year");
    }
}
