using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Portal.Pages.Units;

/// <summary>Mijn woningen as Excel and CSV (<see cref="ListExport"/>): the page's filters (referentie, status), every page, the register's Dutch column names.</summary>
public static class UnitExport
{
    public const string Path = "/woningen/export";

    public static readonly string[] Header =
    [
        "Referentie", "Gemeente", "Kern", "Postcode", "Huisnummer", "Woningtype", "Slaapkamers", "Maximale bezetting", "Woonoppervlak",
        "Kale huur", "Servicekosten", "Prikkelarm-niveau", "Ondersteuning ter plaatse", "Contractvorm", "Beschikbaar per", "Status",
    ];

    public static IEndpointRouteBuilder MapUnitExport(this IEndpointRouteBuilder app)
    {
        app.MapListExport(Path, "woningen", "Woningen", async (query, _, mediator, _, cancellationToken) =>
        {
            var status = query.Enum<UnitStatus>("status");
            var reference = query.Value("referentie");
            var units = await ListExport.AllAsync((page, size) => mediator.Send(new ListUnits.Query(status, null, null, null, null, null, null, page, size, reference), cancellationToken));
            var table = new CsvTable(Header);
            foreach (var u in units)
                table.Add(u.Reference, u.GemeenteCode, u.Kern, u.Postcode, u.HouseNumber, UnitWords.Type(u.UnitType), u.Bedrooms, u.MaxOccupants, u.FloorArea,
                    u.BasicRent, u.ServiceCosts, u.PrikkelarmLevel, UnitWords.Support(u.SupportOnSite), UnitWords.Contract(u.ContractForm), u.AvailableFrom,
                    UnitWords.Status(u.Status));
            return table;
        });
        return app;
    }
}
