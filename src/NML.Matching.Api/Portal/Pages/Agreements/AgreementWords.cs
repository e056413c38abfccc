using System.Globalization;
using FluentValidation.Results;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Portal.Forms;
using NML.Matching.Domain.Agreements;

namespace NML.Matching.Api.Portal.Pages.Agreements;

/// <summary>
/// The Dutch words of the agreement pages, in the words of docs/monitoring.md ("Performance agreements"): one sentence
/// per refused field (the validators speak English for the API, D49/D55) and per refusal code of the handlers.
/// </summary>
public static class AgreementWords
{
    public const string Corporation = "CorporationId";
    public const string Year = "Year";
    public const string TargetUnits = "TargetUnits";
    public const string Note = "Note";

    /// <summary>The form's field for a validator's or handler's property name (the update validator names them in camel case).</summary>
    public static string FieldOf(string? property) => property?.ToLowerInvariant() switch
    {
        "corporationid" => Corporation,
        "year" => Year,
        "targetunits" or "body.targetunits" => TargetUnits,
        "note" or "body.note" => Note,
        _ => Corporation,
    };

    /// <summary>What the field asks for, said when it was refused.</summary>
    public static string Message(string field) => field switch
    {
        Corporation => "Kies de woningcorporatie waarmee u de afspraak maakt.",
        Year => $"Vul het jaar van de afspraak in: een jaar van {PerformanceAgreement.FirstYear} tot en met {PerformanceAgreement.LastYear}.",
        TargetUnits => $"Vul het afgesproken aantal woningen in: een heel getal van 1 tot en met {PerformanceAgreement.MaxTargetUnits.ToString("#,##0", DutchFormat.Numbers)}.",
        Note => $"De toelichting heeft hoogstens {PerformanceAgreement.MaxNoteLength.ToString("#,##0", DutchFormat.Numbers)} tekens.",
        _ => "Dit veld is niet goed ingevuld.",
    };

    /// <summary>A handler's or the domain's refusal code in Dutch.</summary>
    public static string Refusal(string code, string field) => code switch
    {
        "agreement-exists" => "Er is al een afspraak met deze woningcorporatie voor dit jaar. Wijzig die afspraak in plaats van een nieuwe te maken.",
        "unknown-corporation" => "Deze woningcorporatie is niet (meer) ingeschreven. Kies een andere.",
        "unknown-gemeente" => "Uw gemeente is niet bekend in de regio; neem contact op met functioneel beheer.",
        "not-own-gemeente" or "not-own-region" or "forbidden" => "U mag alleen afspraken vastleggen voor uw eigen gemeente.",
        _ => Message(field),
    };

    /// <summary>One Dutch message per refused field, in the validator's order.</summary>
    public static void AddFailures(FormErrors errors, IEnumerable<ValidationFailure> failures)
    {
        foreach (var field in failures.Select(f => FieldOf(f.PropertyName)).Distinct())
            errors.Add(field, Message(field));
    }

    /// <summary>Where the agreement stands, in words (docs/monitoring.md: Met, OnTrack, Behind).</summary>
    public static string Status(AgreementStatus status) => Features.Monitoring.ExportMonitoring.Handler.Dutch(status);

    public static string Percentage(double value) => value.ToString("0.#", DutchFormat.Numbers) + " %";

    public static string Decimal(double value) => value.ToString("0.#", DutchFormat.Numbers);

    public static string Whole(int value) => value.ToString("#,##0", DutchFormat.Numbers);

    /// <summary>The agreement's own facts as the change form shows them, to tell what someone else changed.</summary>
    public static IReadOnlyList<(string Label, string Text)> Facts(PerformanceAgreementDto a) =>
    [
        ("Afgesproken aantal woningen", Whole(a.TargetUnits)),
        ("Toelichting", a.Note ?? "–"),
    ];

    /// <summary>A whole number as typed: digits with an optional thousands point; null when it is no number at all.</summary>
    public static int? ParseWhole(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Trim().Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return int.TryParse(cleaned, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
