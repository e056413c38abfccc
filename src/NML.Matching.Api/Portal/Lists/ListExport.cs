using System.Globalization;
using FluentValidation;
using Mediator;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Lists;

/// <summary>
/// The download of a portal list (issue 14: "every list has an export to Excel beside the Dutch CSV"): one endpoint
/// <c>{list}/export?format=xlsx|csv[&amp;dialect=rfc4180]&amp;{the list's filters}</c> per list, for the signed-in
/// person, built from a <see cref="CsvTable"/> that the list fills with the same handler and filters as its page
/// (<see cref="CsvTable.ToBytes"/> for the CSV, <see cref="CsvTable.ToXlsx"/> for the workbook: numbers and dates in
/// real cells, Dutch headers). Pair it with <see cref="ExportLinks"/> on the page. A refused filter is a bare 400 (the
/// portal's status page words it), as the monitoring export does.
/// </summary>
public static class ListExport
{
    /// <summary>The most rows one download holds: the lists are an organisation's own records.</summary>
    public const int MaxRows = 10_000;

    /// <summary>
    /// Maps <c>GET {exportPath}</c>: <paramref name="table"/> builds the table from the request's query (the page's
    /// filter names) with the person's own handlers (and the caller and the app's clock), or returns null for a list the
    /// person does not have (404); the file is <c>{fileName}-{jjjj-mm-dd}.xlsx</c> or <c>.csv</c>.
    /// </summary>
    public static RouteHandlerBuilder MapListExport(this IEndpointRouteBuilder app, string exportPath, string fileName, string sheetName,
        Func<IQueryCollection, Caller, IMediator, TimeProvider, CancellationToken, Task<CsvTable?>> table) =>
        app.MapGet(exportPath, async (HttpContext http, ICallerAccessor callers, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var format = http.Request.Query["format"].ToString();
                var dialect = http.Request.Query["dialect"].ToString() switch
                {
                    "" or "excel-nl" => CsvDialect.ExcelNl,
                    "rfc4180" => CsvDialect.Rfc4180,
                    _ => null,
                };
                if (format is not ("" or "csv" or "xlsx") || dialect is null) return Results.StatusCode(StatusCodes.Status400BadRequest);
                CsvTable? rows;
                try
                {
                    rows = await table(http.Request.Query, callers.Caller, mediator, clock, cancellationToken);
                }
                catch (ValidationException)
                {
                    return Results.StatusCode(StatusCodes.Status400BadRequest);
                }
                // No table: the list is not one this person has (as its page says "niet gevonden").
                if (rows is null) return Results.NotFound();
                http.Response.Headers.CacheControl = "no-store";
                var name = $"{fileName}-{RegionalDate.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
                return format == "xlsx"
                    ? Results.File(rows.ToXlsx(sheetName), XlsxWriter.ContentType, name + ".xlsx")
                    : Results.File(rows.ToBytes(dialect), "text/csv; charset=utf-8", name + ".csv");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

    /// <summary>Every page of a list handler, up to <see cref="MaxRows"/> items, 200 at a time (the handlers' largest page).</summary>
    public static async Task<List<T>> AllAsync<T>(Func<int, int, ValueTask<PagedList<T>>> page)
    {
        var items = new List<T>();
        for (var number = 1; ; number++)
        {
            var next = await page(number, Paging.MaxPageSize);
            items.AddRange(next.Items);
            if (next.Items.Count < Paging.MaxPageSize || items.Count >= next.Total || items.Count >= MaxRows) break;
        }
        return items.Count > MaxRows ? items[..MaxRows] : items;
    }

    /// <summary>A query value, or null when it is missing or blank (as on the pages).</summary>
    public static string? Value(this IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A query value as an enum by its name (the pages' values), or null when missing; an unknown name is refused as the page refuses it.</summary>
    public static T? Enum<T>(this IQueryCollection query, string name) where T : struct, System.Enum
    {
        if (query.Value(name) is not { } value) return null;
        if (System.Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        throw new ValidationException($"Unknown {name}.");
    }
}
