namespace NML.Matching.Api.Portal.Pages.Agreements;

/// <summary>The agreement form as posted: text as typed, parsed by the page only as far as a number must be a number.</summary>
public sealed class AgreementInput
{
    public string? CorporationId { get; set; }
    public string? Year { get; set; }
    public string? TargetUnits { get; set; }
    public string? Note { get; set; }

    /// <summary>The version the change form was opened with (sent as If-Match).</summary>
    public uint? Version { get; set; }

    /// <summary>The facts as the change form showed them (JSON of label and text), to tell what someone else changed.</summary>
    public string? Opened { get; set; }
}
