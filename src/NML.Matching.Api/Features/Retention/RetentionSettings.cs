namespace NML.Matching.Api.Features.Retention;

/// <summary>How long personal data of people who left the queue is kept (<c>Retention:*</c> in configuration).</summary>
public sealed class RetentionSettings
{
    public const string Section = "Retention";

    public bool Enabled { get; set; } = true;

    /// <summary>Months after a candidate was withdrawn, or after the start of its tenancy, before it is anonymised.</summary>
    public int CandidateMonths { get; set; } = 24;

    /// <summary>How often the job runs.</summary>
    public double IntervalHours { get; set; } = 24;

    public int BatchSize { get; set; } = 200;
}
