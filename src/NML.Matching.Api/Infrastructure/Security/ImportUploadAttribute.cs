namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>
/// Endpoint metadata of a page that takes a spreadsheet upload: <see cref="RequestLimitsMiddleware"/> lets its body be
/// up to <see cref="RequestLimitsSettings.MaxUploadBytes"/> instead of <see cref="RequestLimitsSettings.MaxBodyBytes"/>.
/// Put it on the page (<c>@attribute [ImportUpload]</c>): the page's route decides, not a list of paths.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ImportUploadAttribute : Attribute;
